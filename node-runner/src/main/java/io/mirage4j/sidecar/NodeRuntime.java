package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An installed sidecar runtime: the Node 26 executable and the js-shim directory (its {@code
 * index.js} and a {@code node_modules} holding pyodide). Used by {@link NodeSidecar}, which gets it
 * from {@link NodeRuntimeLocator}; not part of the stable API.
 *
 * <pre>{@code
 * NodeRuntime runtime = NodeRuntimeLocator.fromSystem().locate();
 * runtime.node();          // e.g. ~/.cache/mirage4j/runtime/mirage4j-node-linux-x64-26.12.1-<hash>/bin/node
 * runtime.entryPoint();    // index.js in runtime.shimDir()
 * runtime.pythonVersion(); // "3.14.2"
 * }</pre>
 *
 * @param node the Node executable (made absolute)
 * @param shimDir the js-shim directory (made absolute)
 */
public record NodeRuntime(Path node, Path shimDir) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public NodeRuntime {
    // Absolute: the process starts in shimDir, where a relative node path would point elsewhere.
    node = Objects.requireNonNull(node, "node").toAbsolutePath().normalize();
    shimDir = Objects.requireNonNull(shimDir, "shimDir").toAbsolutePath().normalize();
  }

  /** The Python version the installed pyodide runs, from its {@code pyodide-lock.json}. */
  public String pythonVersion() {
    Path lock = shimDir.resolve("node_modules/pyodide/pyodide-lock.json");
    try {
      String version = MAPPER.readTree(lock.toFile()).path("info").path("python").asText("");
      if (version.isEmpty()) {
        throw new PythonRuntimeUnavailableException("no Python version in " + lock);
      }
      return version;
    } catch (IOException e) {
      throw new PythonRuntimeUnavailableException("cannot read " + lock + ": " + e.getMessage(), e);
    }
  }

  /** The shim's entry point. */
  public Path entryPoint() {
    return shimDir.resolve("index.js");
  }
}
