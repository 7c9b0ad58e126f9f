package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.INTEGER;
import static io.mirage4j.tools.Parameter.Type.STRING;

import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.Session;
import java.time.Duration;

/** {@code shell}: one bash command line in a session of the workspace. */
final class ShellTool {
  static final Parameter SESSION = Parameter.optional("session", STRING,
      "Name of a shell session. Calls that name the same session share its variables, functions"
          + " and working directory; without it, the workspace's default session is used.");
  static final Parameter TIMEOUT = Parameter.optional("timeout", INTEGER,
      "Time limit in seconds; past it the command is stopped and exits with status 124.").range(1, 3600);
  private static final Signature SIGNATURE = new Signature("shell",
      Parameter.required("command", STRING,
          "A bash command line: pipes, redirections, loops, functions and python3 work as in bash 5 with"
              + " GNU coreutils. Only the workspace's mounted files exist; there is no network."),
      SESSION,
      Parameter.optional("cwd", STRING,
          "Working directory for this command only (absolute, or relative to the session's)."),
      TIMEOUT);

  private static final String DESCRIPTION =
      "Run a bash command line in a sandboxed workspace and get its standard output, standard"
          + " error and exit status. The workspace is a virtual file system of mounts (for example"
          + " /data); python3 runs real CPython. Use it to inspect files, run scripts and chain"
          + " commands. Output longer than the limit is cut, with a line saying so.";

  private ShellTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, false, (args, session, call) -> {
      String sessionName = args.string("session");
      ExecOptions options = options(session, args.string("cwd"), args, call);
      return CommandResults.of(session.execute(args.string("command"), options), sessionName, tools.textLimit());
    });
  }

  /** The options every command-running tool shares: cwd, time limit, live output. */
  static ExecOptions options(Session session, String cwd, Signature.Arguments args, ToolCall call) {
    ExecOptions options = ExecOptions.defaults();
    if (cwd != null) {
      options = options.withCwd(Paths.resolve(session, cwd));
    }
    if (args.has("timeout")) {
      options = options.withTimeout(Duration.ofSeconds(args.integer("timeout", 0)));
    }
    if (call.liveStdout() != null) {
      options = options.withStdout(call.liveStdout());
    }
    if (call.liveStderr() != null) {
      options = options.withStderr(call.liveStderr());
    }
    return options;
  }
}
