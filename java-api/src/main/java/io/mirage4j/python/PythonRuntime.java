package io.mirage4j.python;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.function.HostCalls;
import java.io.IOException;
import java.io.InputStream;
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
 *   public String version() { return "3.14.2"; }
 *   public void close() {}
 * };
 * }</pre>
 */
public interface PythonRuntime extends AutoCloseable {

  /**
   * Raises {@code KeyboardInterrupt} in the program running now, as Ctrl-C does in a process, and
   * returns at once: the call then ends as the program handles it (an uncaught one is status 130
   * and its traceback), and the interpreter, with a session's state, is kept. Nothing happens when
   * no program runs. The default cannot interrupt and returns false.
   *
   * <pre>{@code
   * CompletableFuture<PythonResult> call = CompletableFuture.supplyAsync(() -> runtime.run(run));
   * runtime.interrupt(); // the program gets KeyboardInterrupt
   * }</pre>
   *
   * @return whether the runtime passed the interrupt on
   */
  default boolean interrupt() {
    return false;
  }

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
   * Runs one program as {@link #run(PythonRun, InputStream)} does, passing what it writes to
   * {@code output} as it writes it, in the order written (so {@code 2>&1} interleaves as with a
   * real process, and a long program's progress shows while it runs). The returned result has
   * the exit code, and empty stdout and stderr: every byte went to {@code output}. The default
   * passes the output on when the program has ended, stdout first.
   *
   * <pre>{@code
   * runtime.run(PythonRun.command("print(1, flush=True)", "/data", Map.of()), InputStream.nullInputStream(),
   *     PythonOutput.of(System.out, System.err)); // "1" reaches System.out while the program runs
   * }</pre>
   *
   * @param stdin as in {@link #run(PythonRun, InputStream)}, or null: the program's standard
   *     input ends after {@link PythonRun#stdin()}
   * @throws IOException what {@code output} threw; the program was stopped, or ran to its end
   *     without passing on more
   */
  default PythonResult run(PythonRun run, InputStream stdin, PythonOutput output) throws IOException {
    PythonResult result = stdin == null ? run(run) : run(run, stdin);
    if (result.stdout().length > 0) {
      output.stdout(result.stdout());
    }
    if (result.stderr().length > 0) {
      output.stderr(result.stderr());
    }
    return new PythonResult(result.exitCode(), new byte[0], new byte[0]);
  }

  /**
   * Runs one program as {@link #run(PythonRun, InputStream, PythonOutput)} does, over {@code files}
   * instead of the files the runtime was created with: a session's own view of the mounts (a
   * permission profile hides mounts and paths from it; an audit sink records its file operations).
   * The program's listings, reads and writes all go to {@code files}, and the mounts it sees are
   * {@code files.mounts()}.
   *
   * <p>The default refuses: a runtime that cannot run over another view must not run over its own
   * instead, or the program would see what the session may not.
   *
   * <pre>{@code
   * WorkspaceFs seen = new WorkspaceFs(new MountTable(VisibleMounts.of(ws.mounts(), profile)));
   * runtime.run(PythonRun.command("import os; print(os.listdir('/'))", "/", Map.of()), null,
   *     PythonOutput.of(System.out, System.err), seen);
   * }</pre>
   *
   * @throws PythonRuntimeUnavailableException when this runtime cannot run over another view
   */
  default PythonResult run(PythonRun run, InputStream stdin, PythonOutput output, WorkspaceFs files) throws IOException {
    throw new PythonRuntimeUnavailableException("this Python runtime cannot run over a session's own view of the mounts,"
        + " which a permission profile or an audit sink needs");
  }

  /**
   * Runs one program as {@link #run(PythonRun, InputStream, PythonOutput, WorkspaceFs)} does (over
   * {@code files}, or the runtime's own files when null), offering it the host functions of {@code
   * functions}: its {@code mirage4j} module calls them, and each call is answered by {@link
   * HostCalls#call} on a thread of the runtime while the program waits. When the program ends, a
   * handler still running is interrupted.
   *
   * <p>The default runs without functions when there are none, and refuses otherwise.
   *
   * <pre>{@code
   * runtime.run(PythonRun.command("from mirage4j import tools; print(tools.add(a=1, b=2))", "/", Map.of()), null,
   *     PythonOutput.of(System.out, System.err), null, calls); // prints 3
   * }</pre>
   *
   * @throws PythonRuntimeUnavailableException when this runtime cannot offer host functions
   */
  default PythonResult run(PythonRun run, InputStream stdin, PythonOutput output, WorkspaceFs files, HostCalls functions)
      throws IOException {
    if (functions == null || functions.functions().isEmpty()) {
      return files == null ? run(run, stdin, output) : run(run, stdin, output, files);
    }
    throw new PythonRuntimeUnavailableException("this Python runtime cannot offer host functions to Python");
  }

  /**
   * Gets the interpreter ready now instead of on the first call ({@link
   * io.mirage4j.workspace.Workspace.Builder#prewarm()}). Idempotent; the default does nothing.
   *
   * @throws PythonRuntimeUnavailableException when the runtime cannot be started
   */
  default void start() {}

  /**
   * The version of the Python it runs, e.g. {@code 3.14.2}, without starting an interpreter.
   *
   * @throws PythonRuntimeUnavailableException when the runtime is not there
   */
  String version();

  /** Stops the interpreter and frees what it holds. Idempotent. */
  @Override
  void close();
}
