package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Registers the Node/Pyodide runtime with {@link java.util.ServiceLoader}: with this artifact on
 * the classpath, every workspace's {@code python3} runs in a {@link NodeSidecar}. The runtime is
 * located ({@link NodeRuntimeLocator}) when the first call starts it, and so is a workspace's
 * directory of packages read ({@link PackageDirectory}).
 */
public final class NodeSidecarProvider implements PythonRuntimeProvider {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public PythonRuntime create(WorkspaceFs files) {
    return create(files, null);
  }

  @Override
  public PythonRuntime create(WorkspaceFs files, Path packages) {
    NodeRuntimeLocator locator = NodeRuntimeLocator.fromSystem();
    NodeSidecar.SidecarSettings settings = NodeSidecar.SidecarSettings.DEFAULTS;
    SnapshotStore snapshots = SnapshotStore.fromSystem();
    return new NodeSidecar(locator::locate, settings, MAPPER, new MountBridge(files, MAPPER), snapshots,
        NodeSidecar.sharedPools(MAPPER, settings, snapshots), Optional.ofNullable(packages).map(PackageDirectory::new));
  }
}
