package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.STRING;
import static io.mirage4j.tools.Parameter.Type.STRING_ARRAY;

import io.mirage4j.shell.ShellQuote;
import io.mirage4j.workspace.ExecOptions;

/** {@code python}: a Python program, run as {@code python3 -c CODE ARGS...} in a session. */
final class PythonTool {
  private static final Signature SIGNATURE = new Signature("python",
      Parameter.required("code", STRING,
          "The Python 3 program to run, as the text of a script. print() what you want to see."),
      Parameter.optional("args", STRING_ARRAY, "Command-line arguments: the program's sys.argv[1:]."),
      Parameter.optional("stdin", STRING, "Text the program reads as its standard input."),
      ShellTool.SESSION,
      Parameter.optional("cwd", STRING,
          "Working directory for this run only (absolute, or relative to the session's)."),
      ShellTool.TIMEOUT);

  private static final String DESCRIPTION =
      "Run a Python 3 program (CPython 3.14 in a sandbox) and get what it prints, its errors and"
          + " its exit status. It sees the workspace's mounted files (open('/data/x.csv')), the"
          + " session's environment and working directory, and the standard library; each run starts"
          + " as a fresh process, so keep state in files. There is no network and no pip.";

  private PythonTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, false, (args, session, call) -> {
      String sessionName = args.string("session");
      StringBuilder line = new StringBuilder("python3 -c ").append(ShellQuote.of(args.string("code")));
      for (String arg : args.strings("args")) {
        line.append(' ').append(ShellQuote.of(arg));
      }
      ExecOptions options = ShellTool.options(session, args.string("cwd"), args, call)
          .withStdin(args.string("stdin", ""));
      return CommandResults.of(session.execute(line.toString(), options), sessionName, tools.textLimit());
    });
  }
}
