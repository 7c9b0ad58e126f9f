package io.mirage4j.permission;

import java.util.List;

/**
 * What an {@link ApprovalHandler} is asked about: one command, about to run.
 *
 * <pre>{@code
 * ApprovalHandler handler = request -> {
 *   System.err.println(request.session() + " wants to run " + request.command() + " touching " + request.paths());
 *   return Approval.ALLOW_ONCE;
 * };
 * }</pre>
 *
 * @param session the id of the session
 * @param line the whole command line the session was given
 * @param command the command itself, its words expanded and quoted as the shell would need them
 * @param argv the command's words, expanded
 * @param paths the absolute paths the command's operands name
 * @param rule the rule that asks ({@code ask git push}), or {@code default: ask}
 */
public record ApprovalRequest(String session, String line, String command, List<String> argv, List<String> paths,
    String rule) {
  public ApprovalRequest {
    argv = List.copyOf(argv);
    paths = List.copyOf(paths);
  }
}
