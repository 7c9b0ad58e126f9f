package io.mirage4j.sidecar;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the sidecar runtime, each part in a fixed order:
 *
 * <ol>
 *   <li>js-shim directory: system property {@code mirage4j.shim.dir}, then environment variable
 *       {@code MIRAGE4J_SHIM_DIR};
 *   <li>Node executable: system property {@code mirage4j.node}, then environment variable {@code
 *       MIRAGE4J_NODE}, then the Node 24 that the build installed in the shim's {@code
 *       node_modules/node-<os>-<arch>/bin/node}.
 * </ol>
 *
 * The chosen Node is run once ({@code --version}) and must be version 24 or newer. Anything
 * missing is a {@link PythonRuntimeUnavailableException} whose one-line message says what to set.
 */
public final class NodeRuntimeLocator {
  static final String SHIM_PROPERTY = "mirage4j.shim.dir";
  static final String SHIM_ENV = "MIRAGE4J_SHIM_DIR";
  static final String NODE_PROPERTY = "mirage4j.node";
  static final String NODE_ENV = "MIRAGE4J_NODE";
  static final int MIN_NODE_MAJOR = 24;

  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.\\d+\\.\\d+\\s*");
  private static final Map<Path, Integer> checkedMajors = new ConcurrentHashMap<>();

  private final Function<String, String> properties;
  private final Function<String, String> environment;

  NodeRuntimeLocator(Function<String, String> properties, Function<String, String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** A locator reading this JVM's system properties and environment. */
  public static NodeRuntimeLocator fromSystem() {
    return new NodeRuntimeLocator(System::getProperty, System::getenv);
  }

  public NodeRuntime locate() {
    Path shimDir = shimDir();
    Path node = setting(NODE_PROPERTY, NODE_ENV).map(Path::of).orElseGet(() -> bundledNode(shimDir));
    if (!Files.isExecutable(node)) {
      throw new PythonRuntimeUnavailableException(
          "Node.js not found at " + node + "; build the project (mvn package) or set " + NODE_ENV);
    }
    int major = checkedMajors.computeIfAbsent(node, NodeRuntimeLocator::nodeMajorVersion);
    if (major < MIN_NODE_MAJOR) {
      throw new PythonRuntimeUnavailableException(
          "Node.js >= " + MIN_NODE_MAJOR + " required, found v" + major + " at " + node
              + "; set " + NODE_ENV + " or -D" + NODE_PROPERTY + " to a Node 24");
    }
    return new NodeRuntime(node, shimDir);
  }

  private Path shimDir() {
    Path dir = setting(SHIM_PROPERTY, SHIM_ENV)
        .map(Path::of)
        .orElseThrow(() -> new PythonRuntimeUnavailableException(
            "Python runtime not configured; set " + SHIM_ENV + " or -D" + SHIM_PROPERTY
                + " to the js-shim directory of a built mirage4j"));
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

  /** Where the build installs Node 24 for this OS and architecture, inside a js-shim directory. */
  public static Path bundledNode(Path shimDir) {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String npmArch = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "arm64" : arch;
    if (os.startsWith("windows")) {
      return shimDir.resolve("node_modules/node-win-" + npmArch + "/bin/node.exe");
    }
    String npmOs = os.startsWith("mac") ? "darwin" : os;
    return shimDir.resolve("node_modules/node-" + npmOs + "-" + npmArch + "/bin/node");
  }

  private static int nodeMajorVersion(Path node) {
    try {
      Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readNBytes(200), StandardCharsets.US_ASCII);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new PythonRuntimeUnavailableException(node + " --version did not answer within 10 s");
      }
      Matcher m = VERSION.matcher(out);
      if (p.exitValue() != 0 || !m.matches()) {
        throw new PythonRuntimeUnavailableException(node + " is not a Node.js executable (--version said '" + out.trim() + "')");
      }
      return Integer.parseInt(m.group(1));
    } catch (IOException e) {
      throw new PythonRuntimeUnavailableException("cannot run Node.js at " + node + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PythonRuntimeUnavailableException("interrupted while checking " + node, e);
    }
  }
}
