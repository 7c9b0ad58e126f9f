package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.STRING;
import static io.mirage4j.tools.Parameter.Type.STRING_ARRAY;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.python.PythonSessionLostException;
import io.mirage4j.shell.ShellQuote;
import io.mirage4j.workspace.CellResult;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code python}: without a session, a program run as {@code python3 -c CODE ARGS...} (a fresh
 * process each time); with one, a cell of that session's Python session, whose names, imports and
 * objects last from call to call.
 */
final class PythonTool {
  /** The name of a tool session's Python session. */
  static final String PYTHON_SESSION = "python";

  private static final Signature SIGNATURE = new Signature("python",
      Parameter.required("code", STRING,
          "The Python 3 code to run, as the text of a script. print() what you want to see; with a"
              + " session, the value of a final expression is shown too."),
      Parameter.optional("args", STRING_ARRAY, "Command-line arguments: the program's sys.argv[1:] (not with a session)."),
      Parameter.optional("stdin", STRING, "Text the program reads as its standard input (not with a session)."),
      Parameter.optional("session", STRING,
          "Name of a session. With it, the code runs in that session's Python namespace, like a notebook"
              + " cell: variables, imports and objects from earlier calls naming the session are still"
              + " there. Without it, each run starts as a fresh process."),
      Parameter.optional("cwd", STRING,
          "Working directory for this run only (absolute, or relative to the session's; not with a session)."),
      ShellTool.TIMEOUT);

  private static final String DESCRIPTION =
      "Run Python 3 code (CPython 3.14 in a sandbox) and get what it prints, its errors and its exit"
          + " status. It sees the workspace's mounted files (open('/data/x.csv')), the session's"
          + " environment and working directory, and the standard library. Without a session each run"
          + " starts as a fresh process; name a session to keep state between runs (load data once,"
          + " then ask questions of it). There is no network and no pip.";

  private PythonTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, false, (args, session, call) -> {
      String sessionName = args.string("session");
      if (sessionName != null) {
        for (String alone : new String[] {"args", "stdin", "cwd"}) {
          if (args.has(alone)) {
            throw new ToolArgumentException(alone + ": applies to a run without a session; a session's code runs"
                + " in the session's working directory, with no arguments or standard input");
          }
        }
        return cell(session, sessionName, args, call, tools.textLimit());
      }
      StringBuilder line = new StringBuilder("python3 -c ").append(ShellQuote.of(args.string("code")));
      for (String arg : args.strings("args")) {
        line.append(' ').append(ShellQuote.of(arg));
      }
      ExecOptions options = ShellTool.options(session, args.string("cwd"), args, call)
          .withStdin(args.string("stdin", ""));
      return CommandResults.of(session.execute(line.toString(), options), null, tools.textLimit());
    });
  }

  private static ToolResult cell(Session session, String sessionName, Signature.Arguments args, ToolCall call,
      int limit) {
    CellResult r;
    try {
      var python = session.pythonSession(PYTHON_SESSION);
      String code = args.string("code");
      r = args.has("timeout")
          ? python.run(code, Duration.ofSeconds(args.integer("timeout", 0)), call.liveStdout(), call.liveStderr())
          : python.run(code, python.timeout(), call.liveStdout(), call.liveStderr());
    } catch (PythonSessionLostException e) {
      ToolResult lost = CommandResults.of(
          new ExecResult(new byte[0], e.getMessage().getBytes(StandardCharsets.UTF_8), 1), sessionName, limit);
      return new ToolResult(lost.text(), lost.structured().deepCopy().put("stateLost", true), true);
    }
    ToolResult output = CommandResults.of(new ExecResult(r.stdout(), r.stderr(), r.exitCode()), sessionName, limit);
    if (r.value().isEmpty()) {
      return output;
    }
    Capped value = Capped.of(r.value().get(), limit);
    String text = output.text() + (output.text().isEmpty() || output.text().endsWith("\n") ? "" : "\n")
        + "[value] " + value.text() + "\n" + (value.truncated() ? value.notice("value") + "\n" : "");
    ObjectNode structured = output.structured().deepCopy().put("value", value.text()).put("valueTruncated", value.truncated());
    return new ToolResult(text, structured, output.isError());
  }
}
