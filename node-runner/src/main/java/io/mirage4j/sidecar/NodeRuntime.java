package io.mirage4j.sidecar;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An installed sidecar runtime: the Node 24 executable and the js-shim directory (its {@code
 * index.js} and a {@code node_modules} holding pyodide).
 *
 * @param node the Node executable
 * @param shimDir the js-shim directory
 */
public record NodeRuntime(Path node, Path shimDir) {
  public NodeRuntime {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(shimDir, "shimDir");
  }

  /** The shim's entry point. */
  public Path entryPoint() {
    return shimDir.resolve("index.js");
  }
}
