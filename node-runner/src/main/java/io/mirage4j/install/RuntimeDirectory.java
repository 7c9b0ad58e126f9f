package io.mirage4j.install;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory that holds the runtime ready to run, for read-only file systems and container
 * images: {@code mirage4j install-runtime DIR} fills it, and {@code MIRAGE4J_RUNTIME_DIR=DIR}
 * makes the sidecar use it instead of extracting to the per-user cache.
 *
 * <pre>
 * DIR/runtime/               the js-shim and pyodide (mirage4j-runtime), with its manifest.json
 * DIR/node/linux-x64/bin/node  Node.js for that platform (mirage4j-node-linux-x64), with its manifest.json
 * </pre>
 *
 * Each part is extracted as into the cache ({@link BundleExtractor}): a part already there is
 * kept, a different one is refused, nothing is ever deleted.
 */
public final class RuntimeDirectory {
  private RuntimeDirectory() {}

  /** Where the js-shim and pyodide go. */
  public static Path runtime(Path dir) {
    return dir.resolve("runtime");
  }

  /** Where one platform's Node.js goes. */
  public static Path node(Path dir, Platform platform) {
    return dir.resolve("node").resolve(platform.id());
  }

  /** One part installed: which bundle, where, and whether it was written now. */
  public record Installed(String name, String version, Path directory, boolean extracted) {}

  /**
   * Installs the runtime found on {@code loader}'s classpath, and the Node.js of each of {@code
   * platforms}, into {@code dir}.
   *
   * @throws IOException when a part cannot be written
   * @throws PythonRuntimeUnavailableException when a part is not on the classpath, or {@code dir}
   *     holds a different one
   */
  public static List<Installed> install(Path dir, List<Platform> platforms, ClassLoader loader) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    List<Installed> done = new ArrayList<>();
    Bundle runtime = Bundle.find(loader, Bundle.RUNTIME_ROOT).orElseThrow(() ->
        new PythonRuntimeUnavailableException("the classpath has no io.mirage4j:mirage4j-runtime to install"));
    done.add(installed(BundleExtractor.extract(runtime, runtime(target))));
    for (Platform platform : platforms) {
      Bundle node = Bundle.find(loader, Bundle.nodeRoot(platform)).orElseThrow(() ->
          new PythonRuntimeUnavailableException("the classpath has no io.mirage4j:mirage4j-node-" + platform.id()
              + " to install (it has Node.js for " + String.join(", ", available(loader)) + ")"));
      done.add(installed(BundleExtractor.extract(node, node(target, platform))));
    }
    return done;
  }

  /** The platforms whose Node.js is on the classpath. */
  private static List<String> available(ClassLoader loader) {
    List<String> found = new ArrayList<>();
    for (String id : Platform.BUNDLED) {
      if (Bundle.find(loader, Bundle.nodeRoot(Platform.of(id))).isPresent()) {
        found.add(id);
      }
    }
    return found;
  }

  private static Installed installed(BundleExtractor.Extraction e) {
    return new Installed(e.bundle().manifest().name(), e.bundle().manifest().version(), e.bundle().directory(),
        e.extracted());
  }
}
