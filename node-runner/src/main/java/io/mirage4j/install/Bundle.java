package io.mirage4j.install;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of files shipped in a jar on the classpath, under {@code root}: its {@code manifest.json}
 * and its {@code files/}. The runtime is one ({@link #RUNTIME_ROOT}); each platform's Node.js is
 * another ({@link #nodeRoot}). Used by {@code io.mirage4j.sidecar} and {@link RuntimeDirectory};
 * not part of the stable API.
 *
 * <pre>{@code
 * ClassLoader loader = Bundle.class.getClassLoader();
 * Optional<Bundle> runtime = Bundle.find(loader, Bundle.RUNTIME_ROOT); // empty without mirage4j-runtime
 * Bundle node = Bundle.find(loader, Bundle.nodeRoot(Platform.of("linux-x64"))).orElseThrow();
 * node.manifest().version(); // "26.12.1"
 * InputStream in = node.open(node.manifest().files().get(0)); // FileNotFoundException if the jar lacks it
 * }</pre>
 *
 * @param root the resource folder, e.g. {@code META-INF/mirage4j/runtime}
 * @param manifest what it holds
 * @param loader the class loader that finds its resources
 */
public record Bundle(String root, BundleManifest manifest, ClassLoader loader) {
  /** Where mirage4j-runtime keeps the js-shim and pyodide. */
  public static final String RUNTIME_ROOT = "META-INF/mirage4j/runtime";

  public Bundle {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(loader, "loader");
  }

  /** Where mirage4j-node-PLATFORM keeps that platform's Node.js. */
  public static String nodeRoot(Platform platform) {
    return "META-INF/mirage4j/node/" + platform.id();
  }

  /**
   * The bundle under {@code root}, if a jar of {@code loader}'s classpath has one.
   *
   * @throws PythonRuntimeUnavailableException when its manifest cannot be read
   */
  public static Optional<Bundle> find(ClassLoader loader, String root) {
    try (InputStream in = loader.getResourceAsStream(root + "/" + BundleManifest.FILE_NAME)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new Bundle(root, BundleManifest.read(in, root), loader));
    } catch (IOException e) {
      throw new PythonRuntimeUnavailableException(e.getMessage() + " on the classpath; the jar is damaged", e);
    }
  }

  /** Opens one of its files. */
  public InputStream open(BundleFile file) throws IOException {
    String name = root + "/files/" + file.path();
    InputStream in = loader.getResourceAsStream(name);
    if (in == null) {
      throw new FileNotFoundException("the classpath lacks " + name + ", which " + manifest.name() + " lists");
    }
    return in;
  }
}
