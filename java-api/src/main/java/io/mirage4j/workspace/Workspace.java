package io.mirage4j.workspace;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.Resource;
import io.mirage4j.python.PythonRuntimeProvider;
import io.mirage4j.shell.Shell;
import io.mirage4j.shell.ShellState;
import io.mirage4j.shell.builtins.Builtins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  private final MountTable mounts;
  private final PythonRuntimeSlot python;
  private final Shell shell;
  private final Map<String, String> env;
  private final String cwd;
  private final Session defaultSession;
  private volatile boolean closed;

  private Workspace(Builder b) {
    this.mounts = new MountTable(b.mounts);
    this.python = new PythonRuntimeSlot(b.pythonRuntime);
    this.shell = new Shell(Builtins.standard(), mounts, python, b.pythonTimeout);
    this.env = Map.copyOf(b.env);
    this.cwd = b.cwd != null ? b.cwd : b.mounts.isEmpty() ? "/" : b.mounts.get(0).prefix();
    this.defaultSession = newSession();
  }

  /** A builder with no mounts; {@code python3} uses the runtime found on the classpath. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs one command line in the default session. */
  public ExecResult execute(String commandLine) {
    return defaultSession.execute(Objects.requireNonNull(commandLine, "commandLine"));
  }

  /** The session {@link #execute(String)} uses. */
  public Session defaultSession() {
    return defaultSession;
  }

  /** A new session, starting with the workspace's environment and working directory. */
  public Session newSession() {
    return new Session(this::openShell, new ShellState(env, cwd));
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
    python.close();
  }

  private Shell openShell() {
    if (closed) {
      throw new IllegalStateException("Workspace is closed");
    }
    return shell;
  }

  /** Configures a {@link Workspace}. Setters check their input at once. */
  public static final class Builder {
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String cwd;
    private Duration pythonTimeout;
    private Optional<PythonRuntimeProvider> pythonRuntime =
        PythonRuntimeSlot.discover(Workspace.class.getClassLoader());

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
