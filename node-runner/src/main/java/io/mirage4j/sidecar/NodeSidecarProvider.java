package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers the Node/Pyodide runtime with {@link java.util.ServiceLoader}: with this artifact on
 * the classpath, every workspace's {@code python3} runs in a {@link NodeSidecar}. The runtime is
 * located ({@link NodeRuntimeLocator}) when the first call starts it, and so is a workspace's
 * directory of packages read ({@link PackageDirectory}).
 *
 * <p>To choose the Node.js executable in code, ahead of {@code mirage4j.node} and {@code
 * MIRAGE4J_NODE}:
 *
 * <pre>{@code
 * Workspace.builder()
 *     .pythonRuntime(NodeSidecarProvider.builder().node(Path.of("/opt/node-26/bin/node")).build())
 *     ...
 * }</pre>
 *
 * <p>Workspaces share Node processes: each process hosts up to {@link
 * Builder#interpretersPerProcess(int) 16} interpreters, one per workspace, each in a worker thread
 * of its own. Each workspace's calls share one interpreter, which is put back to a fresh process's state
 * after each call (README, "Fresh state"). For calls that must not share anything at all, not even
 * what a program changed through the interpreter's memory, {@link
 * Builder#newInterpreterPerCall()} gives each call a new interpreter, prepared ahead of time.
 */
public final class NodeSidecarProvider implements PythonRuntimeProvider {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Optional<Path> node;
  private final boolean newInterpreterPerCall;
  private final Optional<Integer> interpretersPerProcess;

  /** The provider {@link java.util.ServiceLoader} makes: everything found as documented. */
  public NodeSidecarProvider() {
    this(Optional.empty(), false, Optional.empty());
  }

  private NodeSidecarProvider(Optional<Path> node, boolean newInterpreterPerCall, Optional<Integer> interpretersPerProcess) {
    this.node = node;
    this.newInterpreterPerCall = newInterpreterPerCall;
    this.interpretersPerProcess = interpretersPerProcess;
  }

  /** Configures a provider. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PythonRuntime create(WorkspaceFs files) {
    return create(files, null);
  }

  @Override
  public PythonRuntime create(WorkspaceFs files, Path packages) {
    NodeRuntimeLocator locator = NodeRuntimeLocator.fromSystem(node);
    NodeSidecar.SidecarSettings defaults = NodeSidecar.SidecarSettings.DEFAULTS;
    NodeSidecar.SidecarSettings settings = defaults.withNewInterpreterPerCall(newInterpreterPerCall)
        .withInterpretersPerProcess(interpretersPerProcess.orElse(defaults.interpretersPerProcess()));
    SnapshotStore snapshots = SnapshotStore.fromSystem();
    return new NodeSidecar(locator::locate, settings, MAPPER, new MountBridge(files, MAPPER), snapshots,
        NodeSidecar.sharedPools(MAPPER, settings, snapshots), Optional.ofNullable(packages).map(PackageDirectory::new));
  }

  /**
   * A runtime for one Python session: an interpreter of its own, from the same pool as the
   * workspaces' (so a session costs what a workspace's interpreter costs), which keeps its state
   * from cell to cell, even with {@link Builder#newInterpreterPerCall()}.
   */
  @Override
  public PythonRuntime createSession(WorkspaceFs files, Path packages) {
    return create(files, packages);
  }

  /** Configures a {@link NodeSidecarProvider}. */
  public static final class Builder {
    private Optional<Path> node = Optional.empty();
    private boolean newInterpreterPerCall;
    private Optional<Integer> interpretersPerProcess = Optional.empty();

    private Builder() {}

    /**
     * The Node.js executable to run the sidecar with (Node 26 or newer), before {@code
     * mirage4j.node}, {@code MIRAGE4J_NODE} and the bundled one.
     */
    public Builder node(Path executable) {
      this.node = Optional.of(Objects.requireNonNull(executable, "executable"));
      return this;
    }

    /**
     * Gives every python3 call a new interpreter: none of a call's changes, not even those no reset
     * reaches (C-level state, the interpreter's memory), can be seen by a later call. The JVM's
     * pool ({@code mirage4j.pool.size}) prepares the next interpreter while a call runs; a call
     * that finds none ready waits for one to start (about 0.3 s from the memory snapshot).
     */
    public Builder newInterpreterPerCall() {
      this.newInterpreterPerCall = true;
      return this;
    }

    /**
     * How many workspaces' interpreters one Node process hosts at most, each in a worker thread of
     * its own (its own V8 isolate and WebAssembly memory), before {@code
     * mirage4j.interpreters.per.process}; default 16. More per process costs less memory per
     * workspace; a fatal error of the process fails the call in flight of each workspace in it
     * (each starts a fresh interpreter on its next call). 1 gives every interpreter a process of
     * its own, as an OS-level boundary between workspaces (README, "Security model").
     *
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Builder interpretersPerProcess(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("interpreters per process must be 1 or more: " + n);
      }
      this.interpretersPerProcess = Optional.of(n);
      return this;
    }

    public NodeSidecarProvider build() {
      return new NodeSidecarProvider(node, newInterpreterPerCall, interpretersPerProcess);
    }
  }
}
