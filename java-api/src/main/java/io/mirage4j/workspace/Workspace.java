package io.mirage4j.workspace;

import io.mirage4j.audit.AuditSink;
import io.mirage4j.audit.AuditedResource;
import io.mirage4j.audit.SessionAudit;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.Resource;
import io.mirage4j.permission.ApprovalHandler;
import io.mirage4j.permission.Explanation;
import io.mirage4j.permission.PermissionGate;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.permission.VisibleMounts;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntimeProvider;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.Shell;
import io.mirage4j.shell.ShellState;
import io.mirage4j.shell.builtins.Builtins;
import io.mirage4j.snapshot.HostDirectoryPolicy;
import io.mirage4j.snapshot.RestoreOptions;
import io.mirage4j.snapshot.RestoreResult;
import io.mirage4j.snapshot.SnapshotResult;
import io.mirage4j.snapshot.WorkspaceFork;
import io.mirage4j.snapshot.WorkspaceRestore;
import io.mirage4j.snapshot.WorkspaceSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tree of mounts, a bash-like shell over it, and {@code python3} running real CPython
 * (Pyodide) in a sandbox.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
 *   ExecResult r = ws.execute("python3 -c 'print(6 * 7)'");
 *   r.stdoutText(); // "42\n"
 *   r.exitCode();   // 0
 * }
 * }</pre>
 *
 * <h2>Python starts on demand</h2>
 *
 * The Python runtime starts on the first {@code python3} call; a workspace that never calls it
 * never starts one. Each workspace has its own interpreter: nothing crosses workspaces. Close the
 * workspace to stop it (the JVM also stops it at exit).
 *
 * <h2>Packages</h2>
 *
 * {@link Builder#packages(Path)} names a host directory of Pyodide-compatible wheels that every
 * {@code python3} call of the workspace can import, without any network access.
 *
 * <h2>Sessions</h2>
 *
 * {@link #execute(String)} runs in the workspace's default session; {@link #newSession()} makes
 * more. A session keeps its environment and working directory between command lines.
 *
 * <h2>Snapshot, restore, fork</h2>
 *
 * {@link #snapshot} writes the workspace as one archive (mount table, in-memory files, host
 * directories' fingerprints, sessions) and {@link #restore} reads it back, in this JVM or another;
 * {@link #fork()} makes an independent copy in this JVM without copying in-memory files up front.
 * See {@link io.mirage4j.snapshot}.
 *
 * <h2>Permissions and audit</h2>
 *
 * {@link Builder#profile} gives every session a {@link PermissionProfile} (which mounts, paths and
 * variables it sees, which commands it may run), {@link #newSession(PermissionProfile)} gives one
 * session its own, and {@link Builder#approvals} answers the profiles' {@code ask} rules. {@link
 * #explain(String)} tells what a line would do without running it. {@link Builder#audit} sends
 * every session's lines, file operations and refusals to an {@link AuditSink}. A workspace with
 * neither runs exactly as one without these features.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Workspace.class);

  /** The default {@link Builder#outputLimit(long)}: 16 MiB. */
  public static final long DEFAULT_OUTPUT_LIMIT = PythonRun.DEFAULT_OUTPUT_LIMIT;

  /** The default {@link Builder#shellThreadLimit(int)}: 1024 threads. */
  public static final int DEFAULT_SHELL_THREAD_LIMIT = Shell.DEFAULT_THREAD_LIMIT;

  private final MountTable mounts;
  private final WorkspaceFs fs;
  private final ExecutorService executor;
  private final PythonRuntimeSlot python;
  private final PythonSessions pythonSessions;
  private final Shell shell;
  private final Map<String, String> env;
  private final String cwd;
  private final Session defaultSession;
  private final PermissionProfile profile;
  private final ApprovalHandler approvals;
  private final AuditSink audit;
  private final List<io.mirage4j.function.HostFunction> functions;
  private final long functionResultLimit;
  private final AtomicInteger sessions = new AtomicInteger(1);
  /** The sessions made so far, oldest first. */
  private final List<Session> liveSessions = new ArrayList<>();
  /** The settings this workspace was built with (no mounts), and the commands added since. */
  private final Builder settings;
  private final AtomicReference<CompletableFuture<Void>> pythonStart = new AtomicReference<>();
  private volatile boolean closed;

  private Workspace(Builder b) {
    this.settings = b.copyWithoutMounts();
    this.mounts = new MountTable(b.mounts);
    this.fs = new WorkspaceFs(mounts);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    this.python = new PythonRuntimeSlot(b.pythonRuntime, fs, b.packages);
    this.pythonSessions = new PythonSessions(b.pythonRuntime, b.packages, b.pythonTimeout, b.outputLimit);
    Map<String, Builtin> commands = new HashMap<>(Builtins.standard());
    commands.putAll(b.commands);
    this.shell = new Shell(commands, fs, python, b.pythonTimeout, b.outputLimit, b.shellThreadLimit, b.lineTimeout);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.cwd = b.cwd != null ? b.cwd : b.mounts.isEmpty() ? "/" : b.mounts.get(0).prefix();
    this.profile = b.profile;
    this.approvals = b.approvals;
    this.audit = b.audit;
    this.functions = List.copyOf(b.functions.values());
    this.functionResultLimit = b.functionResultLimit;
    this.defaultSession = registered(makeSession("default", profile));
    if (b.prewarm) {
      startPython();
    }
  }

  /** A builder with no mounts; {@code python3} uses the runtime found on the classpath. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs one command line in the default session. */
  public ExecResult execute(String commandLine) {
    return defaultSession.execute(Objects.requireNonNull(commandLine, "commandLine"));
  }

  /** Runs one command line in the default session, with input, overrides and a time limit. */
  public ExecResult execute(String commandLine, ExecOptions options) {
    return defaultSession.execute(Objects.requireNonNull(commandLine, "commandLine"), options);
  }

  /** Runs one command line in the default session on another thread; {@code cancel(true)} stops it. */
  public CompletableFuture<ExecResult> executeAsync(String commandLine, ExecOptions options) {
    return defaultSession.executeAsync(Objects.requireNonNull(commandLine, "commandLine"), options);
  }

  /**
   * Adds a command to every session, or replaces the one of the same name (a builtin included).
   *
   * <pre>{@code
   * ws.command("greet", (ctx, args) -> {
   *   ctx.out().print("hello " + String.join(" ", args) + "\n");
   *   return 0;
   * });
   * ws.execute("greet world").stdoutText(); // "hello world\n"
   * }</pre>
   */
  public Workspace command(String name, Builtin command) {
    shell.register(Builder.checkedCommandName(name), Objects.requireNonNull(command, "command"));
    synchronized (settings) {
      settings.commands.put(name, command);
    }
    return this;
  }

  /** The mounts as one filesystem, for reading and writing files from Java. */
  public WorkspaceFs fs() {
    return fs;
  }

  /** The session {@link #execute(String)} uses. */
  public Session defaultSession() {
    return defaultSession;
  }

  /**
   * A new session, starting with the workspace's environment and working directory, with the
   * workspace's {@link Builder#profile} if it has one.
   */
  public Session newSession() {
    return newSession(nextSessionId(), profile);
  }

  /**
   * A new session that sees and runs only what {@code profile} allows, whatever the workspace's
   * default profile.
   *
   * <pre>{@code
   * Session agent = ws.newSession(PermissionProfile.builder().mount("/tmp").deny("python3").build());
   * agent.execute("ls /").stdoutText(); // "tmp\n"
   * }</pre>
   *
   * @throws IllegalArgumentException when the profile names a mount the workspace does not have
   */
  public Session newSession(PermissionProfile profile) {
    return newSession(nextSessionId(), Objects.requireNonNull(profile, "profile"));
  }

  /**
   * A new session with the id {@code id} (as audit events and approval requests show it) and
   * {@code profile}, or no profile when it is null.
   *
   * @throws IllegalArgumentException when the profile names a mount the workspace does not have
   */
  public Session newSession(String id, PermissionProfile profile) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a session id must not be empty");
    }
    return registered(makeSession(id, profile));
  }

  private Session registered(Session session) {
    synchronized (liveSessions) {
      liveSessions.add(session);
    }
    return session;
  }

  private Session makeSession(String id, PermissionProfile profile) {
    if (profile == null && audit == null) {
      SessionFunctions own = new SessionFunctions(this, id, functions, null, null, functionResultLimit);
      Shell plain = shell.forSession(fs, new SessionPython(python, null, own), null);
      return new Session(id, () -> {
        openShell();
        return plain;
      }, fs, executor, new ShellState(env, cwd), null, null, null, null, pythonSessions, own);
    }
    SessionAudit recorder = audit == null ? null : new SessionAudit(audit, id);
    List<Mount> seen = profile == null ? mounts.mounts() : VisibleMounts.of(mounts.mounts(), profile);
    if (recorder != null) {
      seen = seen.stream()
          .map(m -> new Mount(m.prefix(), new AuditedResource(m.prefix(), m.resource(), recorder), m.mode()))
          .toList();
    }
    WorkspaceFs view = new WorkspaceFs(new MountTable(seen));
    Map<String, String> sessionEnv = new LinkedHashMap<>(env);
    if (profile != null) {
      sessionEnv.keySet().removeAll(profile.hiddenEnv());
    }
    String sessionCwd = isDirectory(view, cwd) ? cwd : "/";
    AtomicReference<String> line = profile == null ? null : new AtomicReference<>();
    PermissionGate gate = profile == null ? null : new PermissionGate(profile, approvals, recorder, id, line::get);
    SessionFunctions own = new SessionFunctions(this, id, functions, gate, recorder, functionResultLimit);
    Shell sessionShell = shell.forSession(view, new SessionPython(python, view, own), gate);
    return new Session(id, () -> {
      openShell();
      return sessionShell;
    }, view, executor, new ShellState(sessionEnv, sessionCwd), profile, gate, recorder, line, pythonSessions, own);
  }

  private String nextSessionId() {
    while (true) {
      String id = "session-" + sessions.incrementAndGet();
      if (sessions().stream().noneMatch(s -> s.id().equals(id))) {
        return id;
      }
    }
  }

  /**
   * The sessions of this workspace, the default session first, then in the order they were made
   * (the workspace keeps each until it is {@link #removeSession removed}).
   *
   * <pre>{@code
   * Session s = ws.newSession();
   * ws.sessions(); // [default, session-2]
   * }</pre>
   */
  public List<Session> sessions() {
    synchronized (liveSessions) {
      return List.copyOf(liveSessions);
    }
  }

  /**
   * The session with the id {@code id}, e.g. one a {@link #restore} brought back; the first made
   * when several have that id.
   */
  public Optional<Session> session(String id) {
    return sessions().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /**
   * Forgets a session made by {@link #newSession()}: {@link #sessions()}, {@link #snapshot} and
   * {@link #fork()} no longer see it (it can still run lines). The default session stays.
   *
   * @return whether the workspace had it
   */
  public boolean removeSession(Session session) {
    if (session == defaultSession) {
      return false;
    }
    synchronized (liveSessions) {
      return liveSessions.remove(session);
    }
  }

  /** The environment new sessions start with (the builder's {@link Builder#env}). */
  public Map<String, String> env() {
    return env;
  }

  /** The working directory new sessions start in. */
  public String cwd() {
    return cwd;
  }

  /**
   * Writes this workspace to {@code out} as one archive that {@link #restore} reads back, in this
   * JVM or another: the mount table, the content of in-memory mounts, a fingerprint of every file
   * of each host directory, and every session ({@link Session#image()}). What could not be
   * kept is in the result, with the reason. The stream is written as the files are read (a large
   * in-memory mount is not copied first) and is not closed. See {@link WorkspaceSnapshot}.
   *
   * <pre>{@code
   * try (OutputStream out = Files.newOutputStream(Path.of("ws.tar"))) {
   *   SnapshotResult r = ws.snapshot(out);
   *   r.omitted(); // e.g. [Omission[what=mount /db, reason=...]]
   * }
   * }</pre>
   *
   * @throws IOException when {@code out} fails
   */
  public SnapshotResult snapshot(OutputStream out) throws IOException {
    return WorkspaceSnapshot.write(this, out);
  }

  /**
   * Reads a workspace back from an archive {@link #snapshot} wrote; the same as {@code
   * Workspace.builder().restore(in, options)}. See {@link Builder#restore}.
   *
   * <pre>{@code
   * try (InputStream in = Files.newInputStream(Path.of("ws.tar"))) {
   *   Workspace ws = Workspace.restore(in, RestoreOptions.defaults()).workspace();
   * }
   * }</pre>
   *
   * @throws IOException when the archive is corrupt, truncated or of another format version, or a
   *     host directory changed and the policy is {@link HostDirectoryPolicy#STRICT}
   */
  public static RestoreResult restore(InputStream in, RestoreOptions options) throws IOException {
    return builder().restore(in, options);
  }

  /**
   * An independent copy of this workspace, made at once whatever the size of its files: in-memory
   * mounts are copied on write ({@link InMemoryResource#fork()}), so a write on either side is
   * not seen by the other; host directories and other resources are shared (they are the same
   * files); every session is copied with its id and profile. The copy has its own Python
   * interpreter, started when it first needs one, and the same settings and commands.
   *
   * <pre>{@code
   * Workspace copy = ws.fork();
   * copy.execute("echo changed > /data/a.txt");
   * ws.execute("cat /data/a.txt"); // unchanged
   * }</pre>
   */
  public Workspace fork() {
    return WorkspaceFork.of(this);
  }

  /**
   * A builder with this workspace's settings (environment, working directory, limits, commands,
   * Python runtime, packages, profile, approvals, audit) and no mounts.
   *
   * <pre>{@code
   * Workspace other = ws.builderWithSameSettings().mount("/data", Resources.inMemory()).build();
   * }</pre>
   */
  public Builder builderWithSameSettings() {
    synchronized (settings) {
      Builder copy = settings.copyWithoutMounts();
      copy.env.clear();
      copy.env.putAll(env);
      copy.cwd = cwd;
      return copy;
    }
  }

  private static boolean isDirectory(WorkspaceFs view, String path) {
    try {
      return view.stat(path).isDirectory();
    } catch (io.mirage4j.fs.ResourceException e) {
      return false;
    }
  }

  /**
   * What {@code commandLine} would do in the default session, without running any of it; see
   * {@link Session#explain(String)}.
   *
   * <pre>{@code
   * ws.explain("rm /data/a.txt").commands().get(0).decision(); // ALLOW, ASK or DENY
   * }</pre>
   */
  public Explanation explain(String commandLine) {
    return defaultSession.explain(commandLine);
  }

  /** The mounts, deepest prefix first. */
  public List<Mount> mounts() {
    return mounts.mounts();
  }

  /**
   * Starts the Python runtime on another thread, so that the first {@code python3} call does not
   * wait for it, and tells when it is ready. The stage completes once the interpreter can run a
   * program, or exceptionally with the reason it cannot start (the first {@code python3} call
   * then reports that reason too). Only the first call starts anything: later ones return a stage
   * of that same start, already complete if it is over. {@link Builder#prewarm()} makes the first
   * call when the workspace is built.
   *
   * <pre>{@code
   * ws.startPython().thenRun(() -> System.err.println("Python is ready"));
   * }</pre>
   */
  public CompletionStage<Void> startPython() {
    CompletableFuture<Void> start = new CompletableFuture<>();
    if (pythonStart.compareAndSet(null, start)) {
      try {
        executor.execute(() -> startRuntime(start));
      } catch (RejectedExecutionException e) {
        start.completeExceptionally(new IllegalStateException("Workspace is closed", e));
      }
    }
    return pythonStart.get().minimalCompletionStage();
  }

  private void startRuntime(CompletableFuture<Void> start) {
    try {
      python.get().start();
      start.complete(null);
    } catch (RuntimeException e) {
      log.debug("starting the Python runtime ahead of use failed; the first python3 call reports it: {}", e.getMessage());
      start.completeExceptionally(e);
    }
  }

  /** Whether the Python runtime has been created (by a {@code python3} call). */
  public boolean pythonStarted() {
    return python.started();
  }

  /**
   * The default session's Python session named {@code name}: see {@link Session#pythonSession}.
   *
   * <pre>{@code
   * PythonSession py = ws.pythonSession("notebook");
   * py.run("import json; data = json.load(open('/data/items.json'))");
   * py.run("len(data)").value(); // Optional["1000"]
   * }</pre>
   */
  public PythonSession pythonSession(String name) {
    return defaultSession.pythonSession(name);
  }

  /** Stops the Python runtime and every Python session, if started. Idempotent; later calls to execute throw. */
  @Override
  public void close() {
    closed = true;
    try {
      pythonSessions.close();
      python.close();
    } finally {
      executor.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "mirage4j-exec-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private Shell openShell() {
    if (closed) {
      throw new IllegalStateException("Workspace is closed");
    }
    return shell;
  }

  /**
   * Configures a {@link Workspace}: its mounts, the environment and working directory of new
   * sessions, limits, and extra commands. Setters check their input at once and throw {@link
   * IllegalArgumentException}.
   *
   * <pre>{@code
   * Workspace ws = Workspace.builder()
   *     .mount("/data", Resources.localDir(Path.of("data")), Mode.WRITE)
   *     .env("LANG", "C.UTF-8")
   *     .pythonTimeout(Duration.ofSeconds(30))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String cwd;
    private Duration pythonTimeout;
    private long outputLimit = DEFAULT_OUTPUT_LIMIT;
    private int shellThreadLimit = DEFAULT_SHELL_THREAD_LIMIT;
    private Duration lineTimeout;
    private final Map<String, Builtin> commands = new LinkedHashMap<>();
    private Optional<PythonRuntimeProvider> pythonRuntime =
        PythonRuntimeSlot.discover(Workspace.class.getClassLoader());
    private boolean prewarm;
    private Path packages;
    private PermissionProfile profile;
    private ApprovalHandler approvals;
    private AuditSink audit;
    private final Map<String, io.mirage4j.function.HostFunction> functions = new LinkedHashMap<>();
    private long functionResultLimit = io.mirage4j.function.HostCalls.DEFAULT_RESULT_LIMIT;

    private Builder() {}

    /**
     * Hands {@code function} to the Python programs of every session ({@code from mirage4j import
     * tools}); a session can be given more with {@link Session#function}. A later function of the
     * same name replaces the earlier one.
     *
     * <pre>{@code
     * Workspace ws = Workspace.builder()
     *     .function(HostFunction.of("add", "Adds two integers.", Add.class, (args, context) -> args.a() + args.b()))
     *     .build();
     * ws.execute("python3 -c 'from mirage4j import tools; print(tools.add(a=1, b=2))'").stdoutText(); // "3\n"
     * }</pre>
     */
    public Builder function(io.mirage4j.function.HostFunction function) {
      functions.put(function.name(), Objects.requireNonNull(function, "function"));
      return this;
    }

    /**
     * The most bytes a host function's result may take on its way to Python (its JSON text, bytes
     * values counted by their length); a larger one is refused with a {@code mirage4j.HostError}
     * saying so. Default {@link io.mirage4j.function.HostCalls#DEFAULT_RESULT_LIMIT} (8 MiB).
     */
    public Builder functionResultLimit(long bytes) {
      if (bytes <= 0 || bytes > 256L << 20) {
        throw new IllegalArgumentException("functionResultLimit must be from 1 byte to 256 MiB: " + bytes);
      }
      this.functionResultLimit = bytes;
      return this;
    }

    /**
     * The permission profile of every session of the workspace, the default session included,
     * unless a session is given its own ({@link Workspace#newSession(PermissionProfile)}).
     * Without one a session sees and runs everything.
     *
     * <pre>{@code
     * Workspace ws = Workspace.builder()
     *     .mount("/data", Resources.inMemory())
     *     .mount("/secrets", Resources.inMemory())
     *     .profile(PermissionProfile.builder().mount("/data").deny("rm").build())
     *     .build();
     * ws.execute("ls /").stdoutText();        // "data\n"
     * ws.execute("rm /data/x").stderrText();  // "rm: Permission denied\n", exit status 126
     * }</pre>
     */
    public Builder profile(PermissionProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * The handler that answers the {@code ask} rules of the workspace's profiles (a profile can
     * carry its own). Without one, a command an {@code ask} rule catches is refused.
     */
    public Builder approvals(ApprovalHandler handler) {
      this.approvals = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Where every session's lines, file operations (by the shell and by Python), refusals and
     * approvals are recorded ({@link io.mirage4j.audit.InMemoryAuditSink}, {@link
     * io.mirage4j.audit.JsonLinesAuditSink}, {@link io.mirage4j.audit.Slf4jAuditSink}, or the
     * host's own). Without one nothing is recorded.
     */
    public Builder audit(AuditSink sink) {
      this.audit = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** Mounts {@code resource} at {@code prefix} in {@link Mode#EXEC} mode. */
    public Builder mount(String prefix, Resource resource) {
      return mount(prefix, resource, Mode.EXEC);
    }

    /** Mounts {@code resource} at {@code prefix} with the given mode. */
    public Builder mount(String prefix, Resource resource, Mode mode) {
      Mount mount = new Mount(prefix, resource, mode);
      if (mounts.stream().anyMatch(m -> m.prefix().equals(prefix))) {
        throw new IllegalArgumentException("a mount exists at " + prefix);
      }
      mounts.add(mount);
      return this;
    }

    /** Sets an environment variable of every new session. */
    public Builder env(String name, String value) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("not a valid variable name: " + name);
      }
      env.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The working directory of new sessions (default: the first mount's prefix, else {@code /}). */
    public Builder cwd(String cwd) {
      if (!cwd.startsWith("/")) {
        throw new IllegalArgumentException("cwd is not absolute: " + cwd);
      }
      this.cwd = PathNames.normalize(cwd);
      return this;
    }

    /**
     * The time limit of each {@code python3} call (default: none). A call that runs past it is
     * stopped and exits with status 124; the workspace keeps working.
     */
    public Builder pythonTimeout(Duration limit) {
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("pythonTimeout must be positive: " + limit);
      }
      this.pythonTimeout = limit;
      return this;
    }

    /**
     * The most bytes one command line may write to stdout, and to stderr (default 16 MiB). Past it
     * the line stops, keeps what fit, and stderr ends with a {@code mirage: output truncated} notice.
     */
    public Builder outputLimit(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("outputLimit must be positive: " + bytes);
      }
      this.outputLimit = bytes;
      return this;
    }

    /**
     * The most pipeline stages that may run at once in the whole workspace, over all its sessions
     * (default {@value #DEFAULT_SHELL_THREAD_LIMIT}). Each stage of a pipeline but the last runs on
     * a thread of its own; subshells, {@code $( )} and function calls run on the thread of the
     * command that starts them. A line that would start one more stage stops there, as bash does
     * when {@code fork} fails: {@code mirage: fork: Resource temporarily unavailable} on stderr and
     * exit status 126.
     *
     * <pre>{@code
     * Workspace ws = Workspace.builder().shellThreadLimit(2).build();
     * ws.execute("echo a | cat | cat").stdoutText();      // "a\n"
     * ws.execute("echo a | cat | cat | cat").exitCode();  // 126
     * }</pre>
     */
    public Builder shellThreadLimit(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("shellThreadLimit must be at least 1: " + threads);
      }
      this.shellThreadLimit = threads;
      return this;
    }

    /**
     * The time limit of each whole command line (default: none): the shell's own commands and
     * loops as well as {@code python3}. Past it the line stops, its output is dropped, and the
     * result has exit status 124 and {@code mirage: timed out after <N>s} on stderr; the workspace
     * keeps working. {@link ExecOptions#withTimeout} sets another limit for one line.
     */
    public Builder lineTimeout(Duration limit) {
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("lineTimeout must be positive: " + limit);
      }
      this.lineTimeout = limit;
      return this;
    }

    /**
     * Adds a command, or replaces a builtin of the same name.
     *
     * <pre>{@code
     * builder.command("hello", (ctx, args) -> {
     *   ctx.out().println("hello " + String.join(" ", args));
     *   return 0;
     * });
     * }</pre>
     */
    public Builder command(String name, Builtin command) {
      commands.put(checkedCommandName(name), Objects.requireNonNull(command, "command"));
      return this;
    }

    static String checkedCommandName(String name) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_.\\[-]*")) {
        throw new IllegalArgumentException("not a valid command name: " + name);
      }
      return name;
    }

    /**
     * Starts the Python runtime in the background as soon as the workspace is built, so the first
     * {@code python3} call does not wait for it (by default it starts on that call). A runtime
     * that cannot start is reported by the first call, as without this option. {@link
     * Workspace#startPython()} tells when it is ready.
     */
    public Builder prewarm() {
      this.prewarm = true;
      return this;
    }

    /**
     * A host directory of wheels ({@code *.whl}) that every {@code python3} call of the workspace
     * can import, offline. Pure-Python wheels ({@code py3-none-any}) work, and so do wheels built
     * for the runtime's Pyodide (for Pyodide 314.0.8, {@code cp314-cp314-pyemscripten_2026_0_wasm32}, or
     * tagged {@code pyodide_2026_0_wasm32} or {@code emscripten_5_0_3_wasm32}). Nothing is
     * downloaded, so a wheel's dependencies must be in the directory too.
     *
     * <pre>{@code
     * try (Workspace ws = Workspace.builder()
     *     .mount("/data", Resources.inMemory())
     *     .packages(Path.of("wheels"))   // wheels/tinypkg-1.0-py3-none-any.whl, ...
     *     .build()) {
     *   ws.execute("python3 -c 'import tinypkg; print(tinypkg.f())'");
     * }
     * }</pre>
     *
     * <p>The directory is read, and its wheels installed in the workspace's own interpreter, when
     * that interpreter starts (the first {@code python3} call, or {@link #prewarm()}) and again
     * whenever a new one replaces it; another workspace never sees them. It must hold wheels only
     * (names starting with {@code .} are skipped): a file that is not a wheel, a wheel that is not
     * a zip, or one built for another platform fails each {@code python3} call with a message
     * naming it, and the shell's other commands keep working. Installed packages belong to the
     * interpreter's library, like the standard library: a package imported in one call stays
     * imported, with its module state, for the workspace's later calls.
     *
     * @param dir an existing directory; calling this again replaces it
     * @throws IllegalArgumentException when {@code dir} is not a directory
     */
    public Builder packages(Path dir) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("packages: not a directory: " + dir);
      }
      this.packages = dir.toAbsolutePath().normalize();
      return this;
    }

    /** The Python runtime to use instead of the one found on the classpath. */
    public Builder pythonRuntime(PythonRuntimeProvider provider) {
      this.pythonRuntime = Optional.of(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** A builder with these settings and no mounts. */
    Builder copyWithoutMounts() {
      Builder b = new Builder();
      b.env.putAll(env);
      b.cwd = cwd;
      b.pythonTimeout = pythonTimeout;
      b.outputLimit = outputLimit;
      b.shellThreadLimit = shellThreadLimit;
      b.lineTimeout = lineTimeout;
      b.commands.putAll(commands);
      b.pythonRuntime = pythonRuntime;
      b.prewarm = prewarm;
      b.packages = packages;
      b.profile = profile;
      b.approvals = approvals;
      b.audit = audit;
      b.functions.putAll(functions);
      b.functionResultLimit = functionResultLimit;
      return b;
    }

    /** A copy of this builder, mounts included. */
    Builder copy() {
      Builder b = copyWithoutMounts();
      b.mounts.addAll(mounts);
      return b;
    }

    /**
     * Reads a workspace back from an archive {@link Workspace#snapshot} wrote, with this builder's
     * settings (limits, commands, runtime, profile, approvals, audit: what an archive does not
     * hold) and the archive's mounts, environment, working directory and sessions. Mounts given to
     * this builder are kept beside the archive's, e.g. one the snapshot could not keep; a prefix in
     * both is refused. The builder itself is not changed. Nothing is written to host directories;
     * on any error no workspace is made.
     *
     * <pre>{@code
     * RestoreResult r = Workspace.builder()
     *     .pythonTimeout(Duration.ofSeconds(30))
     *     .restore(in, RestoreOptions.defaults().withHostDirectories(HostDirectoryPolicy.WARN));
     * r.workspace().execute("ls /data");
     * r.hostChanges(); // files of host directories that changed since the snapshot
     * }</pre>
     *
     * @throws IOException when the archive is corrupt, truncated or of another format version, or a
     *     host directory changed and the policy is {@link HostDirectoryPolicy#STRICT}
     */
    public RestoreResult restore(InputStream in, RestoreOptions options) throws IOException {
      return WorkspaceRestore.read(copy(), Objects.requireNonNull(in, "in"), Objects.requireNonNull(options, "options"));
    }

    /**
     * The workspace.
     *
     * @throws IllegalArgumentException when the {@link #profile} names a mount the workspace lacks
     */
    public Workspace build() {
      if (profile != null) {
        VisibleMounts.of(new MountTable(mounts).mounts(), profile);
      }
      return new Workspace(this);
    }
  }
}
