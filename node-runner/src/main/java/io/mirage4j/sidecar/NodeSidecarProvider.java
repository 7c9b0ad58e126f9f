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
 */
public final class NodeSidecarProvider implements PythonRuntimeProvider {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Optional<Path> node;

  /** The provider {@link java.util.ServiceLoader} makes: everything found as documented. */
  public NodeSidecarProvider() {
    this(Optional.empty());
  }

  private NodeSidecarProvider(Optional<Path> node) {
    this.node = node;
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
    NodeSidecar.SidecarSettings settings = NodeSidecar.SidecarSettings.DEFAULTS;
    SnapshotStore snapshots = SnapshotStore.fromSystem();
    return new NodeSidecar(locator::locate, settings, MAPPER, new MountBridge(files, MAPPER), snapshots,
        NodeSidecar.sharedPools(MAPPER, settings, snapshots), Optional.ofNullable(packages).map(PackageDirectory::new));
  }

  /** Configures a {@link NodeSidecarProvider}. */
  public static final class Builder {
    private Optional<Path> node = Optional.empty();

    private Builder() {}

    /**
     * The Node.js executable to run the sidecar with (Node 26 or newer), before {@code
     * mirage4j.node}, {@code MIRAGE4J_NODE} and the bundled one.
     */
    public Builder node(Path executable) {
      this.node = Optional.of(Objects.requireNonNull(executable, "executable"));
      return this;
    }

    public NodeSidecarProvider build() {
      return new NodeSidecarProvider(node);
    }
  }
}
