package io.mirage4j.shell;

import io.mirage4j.CancelledException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonTimeoutException;
import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Parser;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs command lines against a session's state: parses them ({@link Parser}), runs them, and
 * collects their output up to a cap. Used by {@link io.mirage4j.workspace.Workspace} and its
 * sessions; not part of the stable API.
 *
 * <pre>{@code
 * Shell sh = new Shell(Builtins.standard(), fs, () -> runtime, null, Workspace.DEFAULT_OUTPUT_LIMIT);
 * Shell.Outcome o = sh.run("echo hi | wc -c", new ShellState(Map.of(), "/"), InputStream.nullInputStream());
 * o.status(); // 0, and o.stdout() holds "3\n"
 * }</pre>
 */
public final class Shell {
  /**
   * How many shell function calls may be running at once (bash's {@code FUNCNEST}); one more ends
   * the line with status 1, as bash does. Sized to fit a 1 MiB thread stack with room to spare.
   */
  public static final int MAX_FUNCTION_NESTING = 100;

  /** How many pipeline stages may run at once in one workspace unless it says otherwise. */
  public static final int DEFAULT_THREAD_LIMIT = 1024;

  /**
   * The longest command line the shell takes, in characters: 16 MiB, as much as a line's output
   * may be by default. Longer lines are refused whole with status 2 before anything is parsed.
   */
  public static final int MAX_LINE_LENGTH = 16 << 20;

  /**
   * A command line's outcome, as a shell reports it; the workspace turns it into an {@link
   * io.mirage4j.workspace.ExecResult}.
   *
   * <pre>{@code
   * Shell.Outcome o = sh.run("false", state, InputStream.nullInputStream()); // o.status() is 1
   * }</pre>
   */
  public record Outcome(byte[] stdout, byte[] stderr, int status) {}

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Map<String, Builtin> builtins;
  private final WorkspaceFs fs;
  private final Supplier<PythonRuntime> python;
  private final Duration pythonTimeout;
  private final long outputLimit;
  private final Semaphore stagePermits;
  private final Duration lineTimeout;
  private final CommandGate gate;

  /**
   * A shell with {@link #DEFAULT_THREAD_LIMIT} pipeline stages at once and no time limit per line.
   *
   * @param builtins the commands, by name
   * @param fs the workspace's mounts
   * @param python the Python runtime, started on first use
   * @param pythonTimeout the time limit of each {@code python3} call, or {@code null} for none
   * @param outputLimit the most bytes a command line may write to stdout, and to stderr
   */
  public Shell(Map<String, Builtin> builtins, WorkspaceFs fs, Supplier<PythonRuntime> python,
      Duration pythonTimeout, long outputLimit) {
    this(builtins, fs, python, pythonTimeout, outputLimit, DEFAULT_THREAD_LIMIT, null);
  }

  /**
   * @param builtins the commands, by name
   * @param fs the workspace's mounts
   * @param python the Python runtime, started on first use
   * @param pythonTimeout the time limit of each {@code python3} call, or {@code null} for none
   * @param outputLimit the most bytes a command line may write to stdout, and to stderr, and the
   *     most a command substitution may capture
   * @param threadLimit the most pipeline stages running at once over every line of this shell
   * @param lineTimeout the time limit of each command line, or {@code null} for none
   */
  public Shell(Map<String, Builtin> builtins, WorkspaceFs fs, Supplier<PythonRuntime> python,
      Duration pythonTimeout, long outputLimit, int threadLimit, Duration lineTimeout) {
    this.builtins = new ConcurrentHashMap<>(builtins);
    this.fs = fs;
    this.python = python;
    this.pythonTimeout = pythonTimeout;
    this.outputLimit = outputLimit;
    this.stagePermits = new Semaphore(threadLimit);
    this.lineTimeout = lineTimeout;
    this.gate = null;
  }

  private Shell(Shell shared, WorkspaceFs fs, Supplier<PythonRuntime> python, CommandGate gate) {
    this.builtins = shared.builtins;
    this.fs = fs;
    this.python = python;
    this.pythonTimeout = shared.pythonTimeout;
    this.outputLimit = shared.outputLimit;
    this.stagePermits = shared.stagePermits;
    this.lineTimeout = shared.lineTimeout;
    this.gate = gate;
  }

  /**
   * This shell as one session of the workspace sees it: the same commands, limits and threads,
   * with its own view of the files, its own Python runtime (which runs over that view), and a gate
   * that every command passes before it runs.
   *
   * <pre>{@code
   * Shell restricted = shell.forSession(viewFs, viewPython, (argv, state, function) -> !argv.get(0).equals("rm"));
   * }</pre>
   *
   * @param gate what decides whether each command may run, or null when every command may
   */
  public Shell forSession(WorkspaceFs fs, Supplier<PythonRuntime> python, CommandGate gate) {
    return new Shell(this, fs, python, gate);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "mirage4j-line-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Adds a command, or replaces the one of the same name, for every later command line. */
  public void register(String name, Builtin command) {
    builtins.put(name, command);
  }

  /**
   * Runs one command line. When the calling thread is interrupted, the line stops between commands
   * and the outcome has status 130 with the output so far; the interrupt flag stays set.
   *
   * <p>Whatever the line does, this returns an outcome: a line past its time limit has status 124
   * and {@code mirage: timed out after <N>s} as its only output; a pipeline stage that cannot get
   * a thread stops the line with status 126 and {@code mirage: fork: Resource temporarily
   * unavailable}; the JVM running out of memory or stack stops it with status 2 and one {@code
   * mirage: …} line.
   */
  public Outcome run(String line, ShellState state, InputStream stdin) {
    return run(line, state, stdin, null, (Duration) null);
  }

  /**
   * {@link #run(String, ShellState, InputStream)} with another time limit for each {@code python3}
   * call of this line than the workspace's; {@code null} keeps the workspace's.
   */
  public Outcome run(String line, ShellState state, InputStream stdin, Duration pythonTimeout) {
    return run(line, state, stdin, pythonTimeout, (Duration) null);
  }

  /**
   * {@link #run(String, ShellState, InputStream, Duration)} with another time limit for the whole
   * line than the shell's; {@code null} keeps the shell's.
   */
  public Outcome run(String line, ShellState state, InputStream stdin, Duration pythonTimeout, Duration lineTimeout) {
    return run(line, state, stdin, pythonTimeout, lineTimeout, null, null);
  }

  /**
   * {@link #run(String, ShellState, InputStream, Duration, Duration)} that also passes the line's
   * standard output and error to {@code stdoutTee} and {@code stderrTee} (each may be null) as they
   * are written, up to the output limit, then the message the line ends with, if any; the outcome
   * holds the same bytes, except the output a line stopped by its time limit drops. A tee that
   * throws gets nothing more.
   */
  public Outcome run(String line, ShellState state, InputStream stdin, Duration pythonTimeout, Duration lineTimeout,
      OutputStream stdoutTee, OutputStream stderrTee) {
    LineControl control = new LineControl(stagePermits);
    Interpreter interpreter = new Interpreter(builtins, fs, python,
        pythonTimeout == null ? this.pythonTimeout : pythonTimeout, outputLimit, control, gate);
    Duration limit = lineTimeout == null ? this.lineTimeout : lineTimeout;
    ScheduledFuture<?> timer = limit == null ? null : TIMER.schedule(
        () -> control.stop(LineControl.Stop.timedOut(new PythonTimeoutException(limit).getMessage())),
        limit.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return runLine(line, state, stdin, interpreter, control, new CappedOutputStream(outputLimit, stdoutTee),
          new CappedOutputStream(outputLimit, stderrTee));
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  /** A line that runs nothing: status 2 and {@code message} on stderr. */
  private static Outcome refused(ShellState state, String message, CappedOutputStream err) {
    state.lastStatus(2);
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    err.append(bytes);
    return new Outcome(new byte[0], bytes, 2);
  }

  private Outcome runLine(String line, ShellState state, InputStream stdin, Interpreter interpreter, LineControl control,
      CappedOutputStream out, CappedOutputStream err) {
    if (line.length() > MAX_LINE_LENGTH) {
      return refused(state, "mirage: command line too long: " + line.length() + " characters (the limit is "
          + MAX_LINE_LENGTH + ")\n", err);
    }
    Ast.Script script;
    try {
      script = Parser.parse(line);
    } catch (ShellSyntaxException e) {
      return refused(state, "mirage: " + e.getMessage() + "\n", err);
    } catch (StackOverflowError e) {
      state.lastStatus(2);
      err.append(StackDepth.MESSAGE.clone());
      return new Outcome(new byte[0], StackDepth.MESSAGE.clone(), 2);
    }
    int status = 1;
    control.enter();
    try {
      status = interpreter.run(script, state, new Io(stdin, out, err));
    } catch (OutputLimitException e) {
      status = 1;
      state.lastStatus(status);
    } catch (LineControl.Stopped e) {
      // reported below
    } catch (CancelledException e) {
      Thread.currentThread().interrupt();
      status = 130;
      state.lastStatus(status);
    } catch (StackOverflowError e) {
      control.stop(LineControl.Stop.STACK_EXHAUSTED);
    } catch (OutOfMemoryError e) {
      control.stop(LineControl.Stop.outOfMemory(e));
    } finally {
      control.leave();
    }
    LineControl.Stop stop = control.stop();
    if (stop != null) {
      Thread.interrupted(); // the stop's own interrupt, not a cancellation of the caller
      state.lastStatus(stop.status());
      byte[] message = (stop.message() + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] errBytes = err.toByteArray();
      err.append(message);
      return stop.dropOutput()
          ? new Outcome(new byte[0], message, stop.status())
          : new Outcome(out.toByteArray(), concat(errBytes, message), stop.status());
    }
    if (out.exceeded() || err.exceeded()) {
      err.append(("mirage: output truncated: the command line wrote more than " + outputLimit + " bytes\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return new Outcome(out.toByteArray(), err.toByteArray(), status);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
