package io.mirage4j.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

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
   * Runs one program whose standard input continues, after {@link PythonRun#stdin()}, with {@code
   * stdin}: a stream the program shares with the commands after it, as a process shares a file
   * descriptor. A runtime that can read it lazily reads only what the program reads (and what its
   * buffers read ahead, as CPython's do), so {@code while read l; do python3 -c '…'; done < f}
   * leaves the loop its lines. The default reads the whole stream first.
   *
   * <pre>{@code
   * InputStream lines = new ByteArrayInputStream("a\nb\n".getBytes(UTF_8));
   * runtime.run(PythonRun.command("print(input())", "/data", Map.of()), lines); // stdout "a\n"
   * }</pre>
   *
   * @throws java.io.UncheckedIOException when the default cannot read {@code stdin}
   */
  default PythonResult run(PythonRun run, InputStream stdin) {
    byte[] rest;
    try {
      rest = stdin.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run(run.withStdin(rest));
  }

  /**
   * {@link #run(PythonRun, InputStream)}, writing the program's output to {@code stdout} and
   * {@code stderr} early where the runtime can: at the latest when the program waits for {@code
   * stdin}, what it wrote so far goes out first, so that a person at a terminal sees a prompt such
   * as {@code input("name? ")} before typing the answer. The result holds the rest of the output.
   * Whatever the streams throw is the caller's business: the runtime drops that part and goes on.
   * The default writes nothing early.
   *
   * <pre>{@code
   * PythonResult r = runtime.run(run, terminalInput, System.out, System.err); // "name? " shows first
   * }</pre>
   */
  default PythonResult run(PythonRun run, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    return run(run, stdin);
  }

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
