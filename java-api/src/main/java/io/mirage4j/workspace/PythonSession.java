package io.mirage4j.workspace;

import io.mirage4j.MirageException;
import io.mirage4j.python.ProcessEnvironment;
import io.mirage4j.python.PythonFlags;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.python.PythonProgram;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonSessionLostException;
import io.mirage4j.python.PythonTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Python that remembers, as a notebook's kernel does: the names a cell defines, the modules it
 * imports and the objects it makes are there for the session's next cell. Every {@code python3}
 * call still starts as a fresh process; a session is state kept on purpose, in an interpreter of
 * its own that no other session and no {@code python3} call shares.
 *
 * <pre>{@code
 * PythonSession s = ws.pythonSession("analysis");
 * s.run("import csv; rows = list(csv.reader(open('/data/big.csv')))");
 * s.run("len(rows)").value(); // Optional["1000"]
 * s.reset();                  // a fresh namespace
 * }</pre>
 *
 * <p>Each cell runs in the working directory and with the exported environment its shell session
 * has at that moment, over the files as that session sees them, under its permission profile (a
 * cell is checked as {@code python3 -c CODE}) and audit, and within the workspace's
 * {@code pythonTimeout} and output limit. A cell past its time limit is interrupted
 * ({@code KeyboardInterrupt}) and ends with status 124; the session keeps its state. When the
 * interpreter had to be replaced (a crash, {@code os._exit}, a cancelled call it could not
 * interrupt, its memory limit), the next cell throws {@link PythonSessionLostException} without
 * running, and the session starts afresh after it. Cells of one session run one at a time;
 * sessions run side by side.
 */
public final class PythonSession implements AutoCloseable {
  private final String name;
  private final Session session;
  private final PythonSessions shared;
  private PythonRuntime runtime;
  private boolean closed;

  PythonSession(String name, Session session, PythonSessions shared) {
    this.name = name;
    this.session = session;
    this.shared = shared;
  }

  /** The name it was opened with. */
  public String name() {
    return name;
  }

  /** Runs one cell within the workspace's {@code pythonTimeout}. */
  public CellResult run(String code) {
    return run(code, shared.timeout());
  }

  /**
   * Runs one cell: its statements, then the expression it ends with, if any, whose value becomes
   * {@code _} and {@link CellResult#value()}.
   *
   * @param timeout this cell's time limit, or null for none
   * @throws PythonSessionLostException when the session's state was lost since its last cell; this
   *     cell did not run
   * @throws io.mirage4j.python.PythonRuntimeUnavailableException when no runtime can start
   * @throws IllegalStateException when the session or its workspace is closed
   */
  public CellResult run(String code, Duration timeout) {
    SessionFunctions.refuseCallBack(session.functions().workspace(), "run Python cells");
    return runLocked(code, timeout);
  }

  private synchronized CellResult runLocked(String code, Duration timeout) {
    Objects.requireNonNull(code, "code");
    if (closed) {
      throw new IllegalStateException("the Python session '" + name + "' is closed");
    }
    long start = System.nanoTime();
    if (!session.admits(List.of("python3", "-c", code))) {
      return new CellResult(126, new byte[0], "python3: Permission denied\n".getBytes(StandardCharsets.UTF_8),
          Optional.empty());
    }
    if (runtime == null) {
      runtime = shared.runtimeOver(session.fs());
    }
    long limit = shared.outputLimit();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PythonRun run = new PythonRun(new PythonProgram.Cell(code), List.of(""), "", "python3", PythonFlags.NONE,
        session.cwd(), ProcessEnvironment.of(session.env()), new byte[0], timeout, limit);
    CellResult result;
    try {
      PythonResult r = runtime.run(run, InputStream.nullInputStream(), PythonOutput.of(out, err), null,
          session.functions());
      result = finished(r.exitCode(), out, err, Optional.ofNullable(r.value()), limit);
    } catch (PythonTimeoutException e) {
      err.writeBytes(("python3: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
      result = finished(124, out, err, Optional.empty(), limit);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream throws none
    } catch (PythonSessionLostException e) {
      session.recordCell(name, code, 1, start, 0);
      throw e;
    }
    session.recordCell(name, code, result.exitCode(), start, (long) result.stdout().length + result.stderr().length);
    return result;
  }

  /** The cell's result, its streams cut at the output limit (status 1 and a message when it wrote past it). */
  private static CellResult finished(int exitCode, ByteArrayOutputStream out, ByteArrayOutputStream err,
      Optional<String> value, long limit) {
    byte[] stdout = out.toByteArray();
    byte[] stderr = err.toByteArray();
    if (stdout.length > limit || stderr.length > limit) {
      String stream = stdout.length > limit ? "stdout" : "stderr";
      stdout = cut(stdout, limit);
      stderr = cut(stderr, limit);
      byte[] message = ("python3: output truncated: the program wrote more than " + limit + " bytes to " + stream
          + " and was stopped\n").getBytes(StandardCharsets.UTF_8);
      byte[] both = java.util.Arrays.copyOf(stderr, stderr.length + message.length);
      System.arraycopy(message, 0, both, stderr.length, message.length);
      return new CellResult(1, stdout, both, Optional.empty());
    }
    return new CellResult(exitCode, stdout, stderr, value);
  }

  private static byte[] cut(byte[] bytes, long limit) {
    return bytes.length > limit ? java.util.Arrays.copyOf(bytes, (int) limit) : bytes;
  }

  /** Forgets everything the session's cells made: the next cell starts in a fresh interpreter. */
  public synchronized void reset() {
    stopRuntime();
  }

  /** Stops the session's interpreter; later cells throw. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    stopRuntime();
  }

  private void stopRuntime() {
    PythonRuntime old = runtime;
    runtime = null;
    if (old != null) {
      try {
        old.close();
      } catch (MirageException e) {
        // stopping a runtime that already failed: nothing more to stop
      }
    }
  }
}
