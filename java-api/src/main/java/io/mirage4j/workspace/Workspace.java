package io.mirage4j.workspace;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.Resource;
import io.mirage4j.python.PythonRuntimeProvider;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.Shell;
import io.mirage4j.shell.ShellState;
import io.mirage4j.shell.builtins.Builtins;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <h2>Sessions</h2>
 *
 * {@link #execute(String)} runs in the workspace's default session; {@link #newSession()} makes
 * more. A session keeps its environment and working directory between command lines.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Workspace.class);

  /** The default {@link Builder#outputLimit(long)}: 16 MiB. */
  public static final long DEFAULT_OUTPUT_LIMIT = 16L << 20;

  private final MountTable mounts;
  private final WorkspaceFs fs;
  private final ExecutorService executor;
  private final PythonRuntimeSlot python;
  private final Shell shell;
  private final Map<String, String> env;
  private final String cwd;
  private final Session defaultSession;
  private volatile boolean closed;

  private Workspace(Builder b) {
    this.mounts = new MountTable(b.mounts);
    this.fs = new WorkspaceFs(mounts);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    this.python = new PythonRuntimeSlot(b.pythonRuntime, fs);
    Map<String, Builtin> commands = new HashMap<>(Builtins.standard());
    commands.putAll(b.commands);
    this.shell = new Shell(commands, fs, python, b.pythonTimeout, b.outputLimit);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.cwd = b.cwd != null ? b.cwd : b.mounts.isEmpty() ? "/" : b.mounts.get(0).prefix();
    this.defaultSession = newSession();
    if (b.prewarm) {
      executor.execute(this::prewarm);
    }
  }

  private void prewarm() {
    try {
      python.get().start();
    } catch (RuntimeException e) {
      log.debug("prewarming the Python runtime failed; the first python3 call reports it: {}", e.getMessage());
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

  /** A new session, starting with the workspace's environment and working directory. */
  public Session newSession() {
    return new Session(this::openShell, fs, executor, new ShellState(env, cwd));
  }

  /** The mounts, deepest prefix first. */
  public List<Mount> mounts() {
    return mounts.mounts();
  }

  /** Whether the Python runtime has been created (by a {@code python3} call). */
  public boolean pythonStarted() {
    return python.started();
  }

  /** Stops the Python runtime, if it started. Idempotent; later calls to execute throw. */
  @Override
  public void close() {
    closed = true;
    try {
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
    private final Map<String, Builtin> commands = new LinkedHashMap<>();
    private Optional<PythonRuntimeProvider> pythonRuntime =
        PythonRuntimeSlot.discover(Workspace.class.getClassLoader());
    private boolean prewarm;

    private Builder() {}

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
     * that cannot start is reported by the first call, as without this option.
     */
    public Builder prewarm() {
      this.prewarm = true;
      return this;
    }

    /** The Python runtime to use instead of the one found on the classpath. */
    public Builder pythonRuntime(PythonRuntimeProvider provider) {
      this.pythonRuntime = Optional.of(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    public Workspace build() {
      return new Workspace(this);
    }
  }
}
