package io.mirage4j.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.workspace.ExecResult;

/** A command line's result as a tool result: its output capped, its exit status said. */
final class CommandResults {
  private CommandResults() {}

  static ToolResult of(ExecResult result, String session, int limit) {
    Capped stdout = Capped.of(result.stdoutText(), limit);
    Capped stderr = Capped.of(result.stderrText(), limit);
    StringBuilder text = new StringBuilder(stdout.text());
    if (stdout.truncated()) {
      text.append(endLine(text)).append(stdout.notice("stdout")).append('\n');
    }
    if (!stderr.text().isEmpty()) {
      text.append(endLine(text)).append("[stderr]\n").append(stderr.text());
      if (stderr.truncated()) {
        text.append(endLine(text)).append(stderr.notice("stderr")).append('\n');
      }
    }
    if (result.exitCode() != 0) {
      text.append(endLine(text)).append("[exit code ").append(result.exitCode()).append("]\n");
    }
    ObjectNode structured = Json.MAPPER.createObjectNode()
        .put("stdout", stdout.text())
        .put("stderr", stderr.text())
        .put("exitCode", result.exitCode())
        .put("stdoutTruncated", stdout.truncated())
        .put("stderrTruncated", stderr.truncated());
    if (session != null) {
      structured.put("session", session);
    }
    return new ToolResult(text.toString(), structured, result.exitCode() != 0);
  }

  private static String endLine(StringBuilder text) {
    return text.length() == 0 || text.charAt(text.length() - 1) == '\n' ? "" : "\n";
  }
}
