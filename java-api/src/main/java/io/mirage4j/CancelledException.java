package io.mirage4j;

/**
 * A command line was cancelled (its thread interrupted, or its time limit reached): it stops
 * between commands, and a running {@code python3} call is abandoned and its interpreter replaced.
 *
 * <p>The shell turns it into an exit status, so a caller of {@code Workspace.execute} gets a
 * result (124 past an {@code ExecOptions} time limit, 130 when its thread was interrupted) and
 * never this exception. Code that runs inside a line (a {@link io.mirage4j.python.PythonRuntime},
 * a long-running {@link io.mirage4j.shell.Builtin}) throws it to stop when its thread is
 * interrupted:
 *
 * <pre>{@code
 * if (Thread.currentThread().isInterrupted()) {
 *   throw new CancelledException();
 * }
 * }</pre>
 */
public final class CancelledException extends MirageException {
  private static final long serialVersionUID = 1L;

  public CancelledException() {
    super("cancelled");
  }
}
