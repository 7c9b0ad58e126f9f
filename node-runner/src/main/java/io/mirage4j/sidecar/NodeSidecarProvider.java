package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;

/**
 * Registers the Node/Pyodide runtime with {@link java.util.ServiceLoader}: with this artifact on
 * the classpath, every workspace's {@code python3} runs in a {@link NodeSidecar}. The runtime is
 * located ({@link NodeRuntimeLocator}) when the first call starts it.
 */
public final class NodeSidecarProvider implements PythonRuntimeProvider {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public PythonRuntime create(WorkspaceFs files) {
    NodeRuntimeLocator locator = NodeRuntimeLocator.fromSystem();
    return new NodeSidecar(locator::locate, NodeSidecar.SidecarSettings.DEFAULTS, MAPPER, new MountBridge(files, MAPPER));
  }
}
