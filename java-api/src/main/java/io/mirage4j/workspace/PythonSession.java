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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
  private static final String SAVE_STATE = resource("save_state.py");
  private static final String LOAD_STATE = resource("load_state.py");
  /** The most bytes a saved state may take: what one message of the runtime's protocol carries. */
  private static final long STATE_LIMIT = 1L << 30;
  private static final ObjectMapper STATE_JSON = new ObjectMapper();

  private final String name;
  private final Session session;
  private final PythonSessions shared;
  private volatile PythonRuntime runtime;
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

  /**
   * Whether the session holds state: a cell ran since it was opened, reset or loaded, so that its
   * interpreter is running (a snapshot or fork keeps only sessions that hold state).
   */
  public synchronized boolean holdsState() {
    return runtime != null && !closed;
  }

  /** The Python version the session runs ({@code 3.14.2}), as {@code python3 --version} shows it. */
  public synchronized String pythonVersion() {
    return started().version();
  }

  /** The session's runtime, made over the shell session's files when none runs yet. */
  private PythonRuntime started() {
    checkOpen();
    if (runtime == null) {
      runtime = shared.runtimeOver(session.fs());
    }
    return runtime;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the Python session '" + name + "' is closed");
    }
  }

  /** A cell's call: {@code sys.argv == ['']}, the shell session's working directory and environment now. */
  private PythonRun cellRun(PythonProgram.Cell cell, Duration timeout, long outputLimit) {
    return new PythonRun(cell, List.of(""), "", "python3", PythonFlags.NONE, session.cwd(),
        ProcessEnvironment.of(session.env()), new byte[0], timeout, outputLimit);
  }

  /** Runs one cell within the workspace's {@code pythonTimeout}. */
  public CellResult run(String code) {
    return run(code, shared.timeout());
  }

  /** The time limit of a cell run without one: the workspace's {@code pythonTimeout}, or null for none. */
  public Duration timeout() {
    return shared.timeout();
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
    return run(code, timeout, null, null);
  }

  /**
   * {@link #run(String, Duration)}, also passing what the cell writes to {@code stdout} and {@code
   * stderr} as it writes it (a host shows a long cell's progress); the result holds it too. A
   * stream that throws gets nothing more.
   *
   * <pre>{@code
   * py.run("for i in range(3): print(i, flush=True); time.sleep(1)", null, System.out, System.err);
   * }</pre>
   */
  public CellResult run(String code, Duration timeout, OutputStream stdout, OutputStream stderr) {
    SessionFunctions.refuseCallBack(session.functions().workspace(), "run Python cells");
    return runLocked(code, timeout, stdout, stderr);
  }

  private synchronized CellResult runLocked(String code, Duration timeout, OutputStream stdout, OutputStream stderr) {
    Objects.requireNonNull(code, "code");
    return execute(new PythonProgram.Cell(code), timeout, stdout, stderr).result();
  }

  /**
   * One step of an interactive console over this session, as CPython's prompt loop takes one:
   * {@code source} is the lines typed since the last statement ran, joined with {@code \n} (no
   * newline after the last, as {@code code.InteractiveConsole} joins them). When it needs more lines
   * (a {@code for} header, an open bracket) nothing runs and the step says so, for a {@code ... }
   * prompt; otherwise the statement runs, the value of an expression statement is printed with
   * {@code repr} (and kept as {@code _}), and {@code exit()} or {@code sys.exit} end the step with
   * {@link ConsoleStep#exited()}. Runs within the workspace's {@code pythonTimeout}.
   *
   * <pre>{@code
   * py.console("for i in range(2):").needsMore();                       // true
   * py.console("for i in range(2):\n    i").needsMore();                // true
   * py.console("for i in range(2):\n    i\n").result().stdoutText();   // "0\n1\n"
   * }</pre>
   *
   * @throws PythonSessionLostException as {@link #run(String, Duration)} does
   */
  public ConsoleStep console(String source) {
    return console(source, null, null);
  }

  /**
   * {@link #console(String)}, also passing what the statement writes to {@code stdout} and {@code
   * stderr} as it writes it (a console shows a long loop's output while it runs); the step's result
   * holds it too. A stream that throws gets nothing more.
   */
  public ConsoleStep console(String source, OutputStream stdout, OutputStream stderr) {
    SessionFunctions.refuseCallBack(session.functions().workspace(), "run Python cells");
    return consoleLocked(source, stdout, stderr);
  }

  private synchronized ConsoleStep consoleLocked(String source, OutputStream stdout, OutputStream stderr) {
    Step step = execute(new PythonProgram.Cell(source, true), shared.timeout(), stdout, stderr);
    return new ConsoleStep(step.end() == PythonResult.CellEnd.INCOMPLETE, step.end() == PythonResult.CellEnd.EXITED,
        step.result());
  }

  private record Step(CellResult result, PythonResult.CellEnd end) {}

  private Step execute(PythonProgram.Cell cell, Duration timeout, OutputStream liveOut, OutputStream liveErr) {
    String code = cell.code();
    checkOpen();
    long start = System.nanoTime();
    if (!session.admits(List.of("python3", "-c", code))) {
      ByteArrayOutputStream denied = new ByteArrayOutputStream();
      new Tee(denied, liveErr).print("python3: Permission denied\n".getBytes(StandardCharsets.UTF_8));
      return new Step(new CellResult(126, new byte[0], denied.toByteArray(), Optional.empty()), PythonResult.CellEnd.RAN);
    }
    PythonRuntime started = started();
    long limit = shared.outputLimit();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PythonRun run = cellRun(cell, timeout, limit);
    Step step;
    try {
      PythonResult r = started.run(run, InputStream.nullInputStream(),
          PythonOutput.of(new Tee(out, liveOut), new Tee(err, liveErr)), null, session.functions());
      step = new Step(finished(r.exitCode(), out, err, Optional.ofNullable(r.value()), limit), r.cellEnd());
    } catch (PythonTimeoutException e) {
      new Tee(err, liveErr).print(("python3: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
      step = new Step(finished(124, out, err, Optional.empty(), limit), PythonResult.CellEnd.RAN);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream throws none
    } catch (PythonSessionLostException e) {
      session.recordCell(name, code, 1, start, 0);
      throw e;
    }
    if (step.end() != PythonResult.CellEnd.INCOMPLETE) {
      CellResult result = step.result();
      session.recordCell(name, code, result.exitCode(), start, (long) result.stdout().length + result.stderr().length);
    }
    return step;
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

  /**
   * Writes the session's namespace to {@code out} as one pickle, as a snapshot keeps it: every
   * value {@code pickle} can write without naming something defined in the session (a function, a
   * class, an instance of one: a fresh interpreter could not find them), and every name bound to a
   * module, as the module to import. The rest is listed in {@link PythonState#notKept()} with the
   * reason. Nothing of the namespace changes.
   *
   * <pre>{@code
   * try (OutputStream out = Files.newOutputStream(Path.of("session.pickle"))) {
   *   py.saveState(out).notKept(); // {} when everything was kept
   * }
   * }</pre>
   *
   * @throws PythonSessionLostException when the session's state was lost since its last cell
   * @throws io.mirage4j.MirageException when the namespace could not be written (the message says why)
   */
  public synchronized PythonState saveState(OutputStream out) {
    StateCall call = stateCall(SAVE_STATE, InputStream.nullInputStream(), out);
    JsonNode report = call.report();
    return new PythonState(strings(report.path("kept")), stringMap(report.path("modules")),
        stringMap(report.path("skipped")));
  }

  /**
   * Brings back what {@link #saveState} wrote, into a fresh namespace: the session starts over
   * (as {@link #reset()} does), then each kept name is bound again. A name whose value cannot be
   * read back (its module missing here) is listed in {@link PythonState#notKept()}.
   *
   * <pre>{@code
   * try (InputStream in = Files.newInputStream(Path.of("session.pickle"))) {
   *   py.loadState(in).names(); // ["rows", "total"]
   * }
   * }</pre>
   *
   * @throws io.mirage4j.MirageException when {@code in} holds no saved state (the session is then
   *     empty)
   */
  public synchronized PythonState loadState(InputStream in) {
    stopRuntime();
    StateCall call = stateCall(LOAD_STATE, in, OutputStream.nullOutputStream());
    JsonNode report = call.report();
    return new PythonState(strings(report.path("restored")), Map.of(), stringMap(report.path("failed")));
  }

  private record StateCall(int exitCode, String stderr) {
    JsonNode report() {
      try {
        if (exitCode == 0) {
          return STATE_JSON.readTree(stderr);
        }
      } catch (IOException e) {
        // not the report: the failure is what stderr says
      }
      throw new MirageException("the Python session's state could not be transferred: " + lastLine(stderr));
    }
  }

  private StateCall stateCall(String code, InputStream stdin, OutputStream stdout) {
    PythonRuntime started = started();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      PythonResult r = started.run(cellRun(new PythonProgram.Cell(code), null, STATE_LIMIT), stdin,
          PythonOutput.of(stdout, err));
      return new StateCall(r.exitCode(), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 || lines[lines.length - 1].isBlank() ? "(no message)" : lines[lines.length - 1];
  }

  private static List<String> strings(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static String resource(String name) {
    try (InputStream in = PythonSession.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(name + " is missing from mirage4j-java-api", e);
    }
  }

  /**
   * Raises {@code KeyboardInterrupt} in the cell running now, as Ctrl-C does in Python's console,
   * from any thread: the cell ends as it handles it (uncaught: status 130 and its traceback), and
   * the session keeps its state. Nothing happens when no cell runs.
   *
   * <pre>{@code
   * CompletableFuture<CellResult> cell = CompletableFuture.supplyAsync(() -> py.run("while True: pass"));
   * py.interrupt();
   * cell.join().exitCode(); // 130
   * }</pre>
   *
   * @return whether the interrupt was passed on (false when the runtime cannot interrupt)
   */
  public boolean interrupt() {
    PythonRuntime running = runtime;
    return running != null && running.interrupt();
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
