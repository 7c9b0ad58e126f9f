package io.mirage4j.shell;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The commands a builtin may run as programs, the way {@code env CMD} and {@code xargs CMD} run
 * them: by name, with their own streams and a state of their own, bypassing shell functions, on
 * the calling thread or on another thread of the command line's budget.
 *
 * <pre>{@code
 * ws.command("twice", (ctx, args) -> {
 *   if (!ctx.programs().has(args.get(0))) { ctx.error(args.get(0) + ": not found"); return 127; }
 *   ShellState state = new ShellState(ctx.state().env(), ctx.state().cwd());
 *   ctx.programs().run(args, state, ctx.stdin(), ctx.stdout(), ctx.stderr());
 *   return ctx.programs().run(args, state, ctx.stdin(), ctx.stdout(), ctx.stderr());
 * });
 * }</pre>
 */
public interface Programs {

  /** Whether {@code name} is a command that can be run as a program. */
  boolean has(String name);

  /**
   * Runs {@code argv} (a name and its arguments) to its end and returns its exit status.
   *
   * @param state the program's variables and working directory; it may change them
   */
  int run(List<String> argv, ShellState state, InputStream in, OutputStream out, OutputStream err);

  /**
   * Starts {@code task} on a new thread of the command line, taking one of the workspace's shell
   * threads; returns null, starting nothing, when none is free. The thread is stopped with the line.
   */
  Thread start(Runnable task);
}
