package io.mirage4j.permission;

/**
 * An {@link ApprovalHandler}'s answer.
 *
 * <pre>{@code
 * ApprovalHandler handler = request -> request.argv().get(0).equals("git") ? Approval.ALLOW_FOR_SESSION : Approval.DENY;
 * }</pre>
 */
public enum Approval {
  /** This command runs; the next one the rule catches is asked about again. */
  ALLOW_ONCE,
  /** This command runs, and so does every later one of the session that the same rule catches. */
  ALLOW_FOR_SESSION,
  /** It does not run: exit status 126, {@code <command>: Permission denied}. */
  DENY
}
