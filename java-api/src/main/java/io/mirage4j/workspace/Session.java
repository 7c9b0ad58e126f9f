package io.mirage4j.workspace;

import io.mirage4j.audit.AuditEvent;
import io.mirage4j.audit.SessionAudit;
import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.permission.Explainer;
import io.mirage4j.permission.Explanation;
import io.mirage4j.permission.PermissionGate;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.shell.Shell;
import io.mirage4j.shell.ShellImage;
import io.mirage4j.shell.ShellState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A shell session of a {@link Workspace}: its variables, functions and working directory last
 * from one command line to the next ({@code export}, {@code cd}). A workspace can have several
 * sessions; each runs its command lines one at a time, in the order they arrive.
 *
 * <pre>{@code
 * Session s = ws.newSession();
 * s.execute("export GREETING=hi");
 * s.execute("python3 -c 'import os; print(os.environ[\"GREETING\"])'").stdoutText(); // "hi\n"
 * }</pre>
 *
 * <p>A session made with a {@link PermissionProfile} ({@link Workspace#newSession(PermissionProfile)},
 * or every session of a workspace built with {@link Workspace.Builder#profile}) sees only what the
 * profile lets it see and runs only what it lets it run; {@link #explain(String)} tells what a
 * line would do without running it. A workspace built with {@link Workspace.Builder#audit} records
 * each of the session's lines and file operations under its {@link #id()}.
 */
public final class Session {
  private final String id;
  private final Supplier<Shell> shell;
  private final WorkspaceFs fs;
  private final Executor executor;
  private ShellState state;
  private final PermissionProfile profile;
  private final PermissionGate gate;
  private final SessionAudit audit;
  private final AtomicReference<String> line;
  private final PythonSessions pythons;
  private final Map<String, PythonSession> pythonSessions = new HashMap<>();
  private final SessionFunctions functions;

  /**
   * @param profile the session's profile, or null
   * @param gate the profile's gate, or null
   * @param audit where the session's lines go, or null
   * @param line where the line being run is kept for the gate's approval requests, or null
   * @param pythons what the session's {@link PythonSession}s are made with
   */
  Session(String id, Supplier<Shell> shell, WorkspaceFs fs, Executor executor, ShellState state,
      PermissionProfile profile, PermissionGate gate, SessionAudit audit, AtomicReference<String> line,
      PythonSessions pythons, SessionFunctions functions) {
    this.id = id;
    this.shell = shell;
    this.fs = fs;
    this.executor = executor;
    this.state = state;
    this.profile = profile;
    this.gate = gate;
    this.audit = audit;
    this.line = line;
    this.pythons = pythons;
    this.functions = functions;
  }

  /**
   * Hands {@code function} to this session's Python programs and Python sessions, besides the
   * workspace's ({@link Workspace.Builder#function}); one of the same name is replaced. Calls
   * already running see it from their next call of a function.
   *
   * <pre>{@code
   * Session s = ws.newSession();
   * s.function(HostFunction.of("user", "The user this session serves.", ArgumentSchema.none(),
   *     (args, context) -> TextNode.valueOf("ada")));
   * s.execute("python3 -c 'from mirage4j import tools; print(tools.user())'").stdoutText(); // "ada\n"
   * }</pre>
   */
  public Session function(io.mirage4j.function.HostFunction function) {
    functions.add(java.util.Objects.requireNonNull(function, "function"));
    return this;
  }

  /** The session's host functions. */
  SessionFunctions functions() {
    return functions;
  }

  /**
   * The session's Python session named {@code name}, opened on first use: a namespace that lasts
   * from cell to cell, in an interpreter of its own, with this session's working directory,
   * environment, view of the files, profile and audit.
   *
   * <pre>{@code
   * PythonSession py = session.pythonSession("main");
   * py.run("x = 21");
   * py.run("x * 2").value(); // Optional["42"]
   * }</pre>
   *
   * @throws IllegalStateException when the workspace is closed
   */
  public PythonSession pythonSession(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a Python session's name must not be empty");
    }
    synchronized (pythonSessions) {
      PythonSession found = pythonSessions.get(name);
      if (found == null) {
        found = new PythonSession(name, this, pythons);
        pythons.opened(found);
        pythonSessions.put(name, found);
      }
      return found;
    }
  }

  /**
   * Sets the session's {@code $?} to the status of something the host ran for the session outside
   * the shell (the CLI's Python console, which the shell's {@code python3} line opens), so that the
   * next line sees it as it would see a command's.
   *
   * @throws IllegalArgumentException unless {@code status} is 0 to 255
   */
  public synchronized void lastStatus(int status) {
    if (status < 0 || status > 255) {
      throw new IllegalArgumentException("an exit status is 0 to 255: " + status);
    }
    state.lastStatus(status);
  }

  /** The Python sessions opened in this session ({@link #pythonSession}), by name. */
  public List<PythonSession> pythonSessions() {
    synchronized (pythonSessions) {
      return pythonSessions.values().stream().sorted(java.util.Comparator.comparing(PythonSession::name)).toList();
    }
  }

  /** Whether the profile lets the session run {@code argv} (asking the approval handler when it says ask). */
  synchronized boolean admits(List<String> argv) {
    return gate == null || gate.admits(argv, state, false);
  }

  /** Records a Python session's cell in the audit, as a line {@code [python session NAME] CODE}. */
  void recordCell(String pythonSession, String code, int status, long startNanos, long bytes) {
    if (audit != null) {
      audit.record(AuditEvent.Kind.LINE, "[python session " + pythonSession + "] " + code, List.of(), status,
          startNanos, bytes, null);
    }
  }

  /**
   * The session's id: {@code default} for the workspace's default session, {@code session-2},
   * {@code session-3}, … for the others unless named ({@link Workspace#newSession(String,
   * PermissionProfile)}). Audit events carry it.
   */
  public String id() {
    return id;
  }

  /**
   * The files as this session sees them: with a profile, only its mounts, at most in its modes,
   * without its hidden paths; with an audit sink, every operation recorded under {@link #id()}.
   * Without either it is the workspace's {@link Workspace#fs()}.
   *
   * <pre>{@code
   * Session s = ws.newSession(PermissionProfile.builder().mount("/data").build());
   * s.fs().exists("/secrets"); // false: the session does not see that mount
   * }</pre>
   */
  public WorkspaceFs fs() {
    return fs;
  }

  /** The session's permission profile, or null when it has none (it may see and run everything). */
  public PermissionProfile profile() {
    return profile;
  }

  /**
   * What {@code commandLine} would do in this session, worked out without running any of it: each
   * command, the verdict of the session's profile on it and the rule behind the verdict, and the
   * paths it names. Nothing is asked of the approval handler and nothing is recorded.
   *
   * <pre>{@code
   * Explanation e = session.explain("rm -rf /data/old");
   * e.commands().get(0).decision(); // e.g. DENY
   * e.commands().get(0).rule();     // "deny rm"
   * }</pre>
   */
  public synchronized Explanation explain(String commandLine) {
    return Explainer.explain(java.util.Objects.requireNonNull(commandLine, "commandLine"), state, gate);
  }

  /** Runs one command line in this session. */
  public ExecResult execute(String commandLine) {
    return execute(commandLine, ExecOptions.defaults());
  }

  /**
   * Runs one command line with input, one-off overrides and a time limit. A line that runs past
   * its limit (this call's, else the workspace's {@link Workspace.Builder#lineTimeout}) is stopped
   * wherever it is: shell loops, builtins, pipes and a running {@code python3} call (whose
   * interpreter is replaced). Its result has exit status 124 and {@code mirage: timed out after
   * <N>s} as its only output. The line has ended when this returns. With {@link
   * ExecOptions#withStdout} and {@link ExecOptions#withStderr}, the line's output also reaches
   * those streams as it is written.
   */
  public ExecResult execute(String commandLine, ExecOptions options) {
    SessionFunctions.refuseCallBack(functions.workspace(), "run command lines");
    return executeLocked(commandLine, options);
  }

  private synchronized ExecResult executeLocked(String commandLine, ExecOptions options) {
    Shell sh = shell.get();
    state.history().add(commandLine);
    if (audit == null && line == null) {
      return run(sh, commandLine, options);
    }
    long start = System.nanoTime();
    if (line != null) {
      line.set(commandLine);
    }
    ExecResult result = null;
    try {
      result = run(sh, commandLine, options);
      return result;
    } finally {
      if (line != null) {
        line.set(null);
      }
      if (audit != null) {
        audit.record(AuditEvent.Kind.LINE, commandLine, List.of(), result == null ? 1 : result.exitCode(), start,
            result == null ? 0 : (long) result.stdout().length + result.stderr().length, null);
      }
    }
  }

  private ExecResult run(Shell sh, String commandLine, ExecOptions options) {
    ShellState target = state;
    if (options.cwd() != null || !options.env().isEmpty()) {
      target = state.copy();
      for (Map.Entry<String, String> e : visible(options.env()).entrySet()) {
        target.set(e.getKey(), e.getValue());
        target.export(e.getKey());
      }
      if (options.cwd() != null) {
        String cwd = PathNames.normalize(options.cwd());
        String problem = directoryProblem(cwd);
        if (problem != null) {
          byte[] message = ("mirage: " + cwd + ": " + problem + "\n").getBytes(StandardCharsets.UTF_8);
          passOn(options.stderr(), message);
          return new ExecResult(new byte[0], message, 1);
        }
        target.cwd(cwd);
      }
    }
    ShellState finalTarget = target;
    InputStream stdin = options.stdin();
    return result(sh.run(commandLine, finalTarget, stdin, options.pythonTimeout(), options.timeout(), options.stdout(),
        options.stderr()));
  }

  /** {@code env} without the variables the profile hides. */
  private Map<String, String> visible(Map<String, String> env) {
    if (profile == null || profile.hiddenEnv().isEmpty()) {
      return env;
    }
    Map<String, String> seen = new LinkedHashMap<>(env);
    seen.keySet().removeAll(profile.hiddenEnv());
    return seen;
  }

  private static void passOn(OutputStream stream, byte[] bytes) {
    if (stream != null) {
      try {
        stream.write(bytes);
        stream.flush();
      } catch (IOException | RuntimeException e) {
        // as ExecOptions#withStderr says: a stream that throws gets nothing more
      }
    }
  }

  /** {@link #execute(String)} on another thread; {@code cancel(true)} stops the line. */
  public CompletableFuture<ExecResult> executeAsync(String commandLine) {
    return executeAsync(commandLine, ExecOptions.defaults());
  }

  /** {@link #execute(String, ExecOptions)} on another thread; {@code cancel(true)} stops the line. */
  public CompletableFuture<ExecResult> executeAsync(String commandLine, ExecOptions options) {
    InterruptibleFuture<ExecResult> future = new InterruptibleFuture<>();
    executor.execute(() -> future.run(() -> execute(commandLine, options)));
    return future;
  }

  /**
   * What the session keeps between command lines, as values: variables, functions, working
   * directory, options, traps and history ({@link ShellImage}). {@link Workspace#snapshot} writes
   * it; {@link #load} puts one back.
   *
   * <pre>{@code
   * session.execute("cd /data && greet() { echo hi; }");
   * session.image().cwd();                      // "/data"
   * session.image().functions().keySet();       // [greet]
   * }</pre>
   */
  public synchronized ShellImage image() {
    return state.image();
  }

  /**
   * Replaces what the session keeps with {@code image} (variables, functions, working directory,
   * options, traps, history), as if it had run the lines that made it; variables the session's
   * profile hides are left out. Background jobs it started are not stopped but no longer listed.
   *
   * @throws IllegalArgumentException when a function's text in the image does not define it
   */
  public synchronized void load(ShellImage image) {
    ShellState loaded = ShellState.of(java.util.Objects.requireNonNull(image, "image"));
    if (profile != null) {
      profile.hiddenEnv().forEach(loaded::unset);
    }
    this.state = loaded;
  }

  /**
   * Makes this session a copy of {@code other}'s state, in this JVM: variables, every function,
   * working directory, options, traps and history, and the host functions given to it ({@link
   * Workspace#fork} does this for each session). Later changes on either side are not seen by the
   * other.
   *
   * <pre>{@code
   * Session copy = ws.newSession();
   * copy.copyStateFrom(ws.defaultSession());
   * }</pre>
   */
  public void copyStateFrom(Session other) {
    ShellState copy;
    synchronized (other) {
      copy = other.state.detachedCopy();
    }
    synchronized (this) {
      this.state = copy;
    }
    other.functions.functions().forEach(functions::add);
  }

  /** A copy of the session's exported environment. */
  public synchronized Map<String, String> env() {
    return Map.copyOf(state.env());
  }

  /**
   * Whether a command line of this session ran {@code exit} at its top level (not in a subshell,
   * pipeline or {@code $( )}, nor in a line run with {@link ExecOptions#withEnv} or {@link
   * ExecOptions#withCwd}, which runs like a subshell). The session keeps working; a host that reads lines one after
   * another, as a shell reads a terminal or a script, stops there.
   *
   * <pre>{@code
   * session.execute("exit 3").exitCode();   // 3
   * session.exited();                       // true
   * }</pre>
   */
  public synchronized boolean exited() {
    return state.exited();
  }

  /** The session's working directory. */
  public synchronized String cwd() {
    return state.cwd();
  }

  private String directoryProblem(String cwd) {
    try {
      FileStat stat = fs.stat(cwd);
      return stat.isDirectory() ? null : ResourceException.Reason.NOT_A_DIRECTORY.posixMessage();
    } catch (ResourceException e) {
      return e.reason().posixMessage();
    }
  }

  private static ExecResult result(Shell.Outcome outcome) {
    return new ExecResult(outcome.stdout(), outcome.stderr(), outcome.status());
  }
}
