package io.mirage4j.permission;

/**
 * The host's answer when a command meets an {@code ask} rule: called on the thread running the
 * command, which waits for the answer (one question at a time per session). No handler, a null
 * answer or a handler that throws all mean {@link Approval#DENY}. The line's time limit keeps
 * running while the handler decides, and a line that is stopped interrupts it; a handler must not
 * run command lines in the session that asks (that session is busy running the line).
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder()
 *     .mount("/data", Resources.inMemory())
 *     .profile(PermissionProfile.builder().ask("rm").build())
 *     .approvals(request -> console.confirm(request.command()) ? Approval.ALLOW_ONCE : Approval.DENY)
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ApprovalHandler {

  /** Whether the command in {@code request} may run. */
  Approval decide(ApprovalRequest request);
}
