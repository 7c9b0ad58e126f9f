package io.mirage4j.python;

/**
 * Runs Python programs for one workspace: one interpreter, calls one at a time. A workspace gets
 * its runtime from a {@link PythonRuntimeProvider} the first time {@code python3} runs.
 *
 * <p>Implementations must accept calls from several threads and run them in arrival order. The
 * {@code mirage4j-node-runner} artifact provides the real one; a test can stand in its own:
 *
 * <pre>{@code
 * PythonRuntime echo = new PythonRuntime() {
 *   public PythonResult run(PythonRun run) { return new PythonResult(0, run.stdin(), new byte[0]); }
 *   public String version() { return "3.13.2"; }
 *   public void close() {}
 * };
 * }</pre>
 */
public interface PythonRuntime extends AutoCloseable {

  /**
   * Runs one program to its end. A Python exception is a result (exit code 1 and a traceback),
   * not a thrown exception.
   *
   * @throws PythonRuntimeUnavailableException when the runtime cannot be started at all
   * @throws PythonTimeoutException when the call ran past {@link PythonRun#timeout()}; the
   *     runtime stays usable
   * @throws io.mirage4j.MirageException when the machinery fails during the call
   */
  PythonResult run(PythonRun run);

  /**
   * Gets the interpreter ready now instead of on the first call ({@link
   * io.mirage4j.workspace.Workspace.Builder#prewarm()}). Idempotent; the default does nothing.
   *
   * @throws PythonRuntimeUnavailableException when the runtime cannot be started
   */
  default void start() {}

  /**
   * The version of the Python it runs, e.g. {@code 3.13.2}, without starting an interpreter.
   *
   * @throws PythonRuntimeUnavailableException when the runtime is not there
   */
  String version();

  /** Stops the interpreter and frees what it holds. Idempotent. */
  @Override
  void close();
}
