package io.mirage4j.permission;

import java.util.List;

/**
 * What an {@link ApprovalHandler} is asked about: one command, about to run, or one call of a host
 * function ({@link #function()} then names it, {@link #arguments()} holds what Python passed, and
 * {@link #command()} reads {@code function NAME ARGUMENTS}).
 * A handler that tells them apart: {@code request.function() != null ? …}.
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
 * @param rule the rule that asks ({@code ask git push}, {@code ask function search}), or {@code default: ask}
 * @param function the host function about to be called, or null for a command
 * @param arguments the host function's arguments (a copy), or null for a command
 */
public record ApprovalRequest(String session, String line, String command, List<String> argv, List<String> paths,
    String rule, String function, com.fasterxml.jackson.databind.JsonNode arguments) {
  public ApprovalRequest {
    argv = List.copyOf(argv);
    paths = List.copyOf(paths);
    arguments = arguments == null ? null : arguments.deepCopy();
  }

  /** A request about a command. */
  public ApprovalRequest(String session, String line, String command, List<String> argv, List<String> paths,
      String rule) {
    this(session, line, command, argv, paths, rule, null, null);
  }
}
