package io.mirage4j.shell;

import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a {@link Builtin} gets to work with: its streams, the session state and the workspace's
 * services. The shell makes one for each command it runs.
 *
 * <pre>{@code
 * ws.command("size", (ctx, args) -> {
 *   String path = ctx.resolve(args.get(0));             // against the working directory
 *   if (!ctx.fs().exists(path)) { ctx.error(args.get(0) + ": not found"); return 1; }
 *   ctx.out().print(ctx.fs().stat(path).size() + "\n");
 *   return 0;
 * });
 * }</pre>
 *
 * @param name the name the command was invoked as ({@code python} or {@code python3})
 * @param stdin standard input
 * @param stdout standard output
 * @param stderr standard error
 * @param state the session's variables and working directory
 * @param fs the workspace's mounts as one filesystem
 * @param python the workspace's Python runtime, started on first use
 * @param pythonTimeout the time limit of a {@code python3} call, or {@code null} for none
 * @param outputLimit the most bytes of stdout, and of stderr, a command line may write
 * @param programs the commands this one may run, as {@code env CMD} does
 */
public record CommandContext(
    String name,
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr,
    ShellState state,
    WorkspaceFs fs,
    Supplier<PythonRuntime> python,
    Duration pythonTimeout,
    long outputLimit,
    Programs programs) {

  /** Standard output as UTF-8 text. */
  public PrintStream out() {
    return new PrintStream(stdout, true, StandardCharsets.UTF_8);
  }

  /** Standard error as UTF-8 text. */
  public PrintStream err() {
    return new PrintStream(stderr, true, StandardCharsets.UTF_8);
  }

  /** {@code path} resolved against the working directory and normalised. */
  public String resolve(String path) {
    return PathNames.resolve(state.cwd(), path);
  }

  /** Prints {@code name: message} and a newline to stderr, the way tools report errors. */
  public void error(String message) {
    err().print(name + ": " + message + "\n");
  }
}
