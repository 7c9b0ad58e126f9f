package io.mirage4j.install;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Node.js executable once to check that the sidecar can use it: Node.js 26 or newer, with
 * WebAssembly JSPI (which Pyodide needs; on by default in Node 26, which refuses the old {@code
 * --experimental-wasm-jspi} flag). 26 is the first version whose permission model covers the
 * network: on an older Node, a program that reaches Pyodide's JavaScript API can fetch, so it is
 * refused whoever chose it. The answer is kept per path for the life of the JVM. Used by {@code io.mirage4j.sidecar}; not part of the stable API.
 *
 * <pre>{@code
 * NodeCheck.require(Path.of("/opt/node-26/bin/node"), "set by MIRAGE4J_NODE"); // its version, e.g. "26.12.1"
 * NodeCheck.require(Path.of("/opt/node-24/bin/node"), "set by MIRAGE4J_NODE");
 * // PythonRuntimeUnavailableException: Node.js at /opt/node-24/bin/node (set by MIRAGE4J_NODE) is v24.21.0,
 * //   mirage4j needs 26 or newer (older permission models let the sidecar reach the network);
 * //   install Node.js 26 or newer and set MIRAGE4J_NODE (...) to its node executable
 * }</pre>
 */
public final class NodeCheck {
  /** The oldest Node.js major version the sidecar runs on: the first whose permission model covers the network. */
  private static final int MIN_MAJOR = 26;

  private static final String PROBE = "process.versions.node + ' ' + typeof WebAssembly.Suspending";
  private static final Pattern ANSWER = Pattern.compile("(\\d+)\\.\\d+\\.\\d+ (\\w+)\\s*");
  private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)\\s*");
  private static final Map<Path, String> checked = new ConcurrentHashMap<>();

  private NodeCheck() {}

  /**
   * The version of the Node.js at {@code node}, once it has passed the check.
   *
   * @param origin what chose it, for the message ({@code MIRAGE4J_NODE}, {@code the bundled
   *     mirage4j-node-linux-x64}, ...)
   * @throws PythonRuntimeUnavailableException in one line: what was found, and what to set
   */
  public static String require(Path node, String origin) {
    Path key = node.toAbsolutePath().normalize();
    String version = checked.get(key);
    if (version == null) {
      version = check(key, origin);
      checked.put(key, version);
    }
    return version;
  }

  private static String check(Path node, String origin) {
    String where = node + " (" + origin + ")";
    if (!Files.isRegularFile(node) || !Files.isExecutable(node)) {
      throw unusable("no Node.js executable at " + where);
    }
    // No --experimental-wasm-jspi: Node 26 refuses it as a bad option.
    Result probe = run(node, where, "-p", PROBE);
    Matcher m = ANSWER.matcher(probe.output());
    if (probe.exitCode() == 0 && m.matches()) {
      String version = probe.output().trim().split(" ")[0];
      if (Integer.parseInt(m.group(1)) < MIN_MAJOR) {
        throw tooOld(where, version);
      }
      if (!m.group(2).equals("function")) {
        throw unusable("Node.js at " + where + " is v" + version + " without WebAssembly JSPI");
      }
      return version;
    }
    // A Node too old to run the probe: ask for its version alone, to say what it is.
    Result plain = run(node, where, "--version");
    Matcher v = VERSION.matcher(plain.output());
    if (plain.exitCode() == 0 && v.matches()) {
      throw tooOld(where, v.group(1));
    }
    throw unusable(where + " is not a usable Node.js: it answered '" + firstLine(probe.output()) + "' (exit status "
        + probe.exitCode() + ")");
  }

  private static PythonRuntimeUnavailableException tooOld(String where, String version) {
    return unusable("Node.js at " + where + " is v" + version + ", mirage4j needs " + MIN_MAJOR
        + " or newer (older permission models let the sidecar reach the network)");
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path node, String where, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = node.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().clear();
      Process p = builder.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw unusable("Node.js at " + where + " did not answer within 20 s");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw unusable("cannot run Node.js at " + where + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unusable("interrupted while checking Node.js at " + where);
    }
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int end = trimmed.indexOf('\n');
    return end < 0 ? trimmed : trimmed.substring(0, end).strip();
  }

  private static PythonRuntimeUnavailableException unusable(String what) {
    return new PythonRuntimeUnavailableException(what + "; " + Platform.BRING_YOUR_OWN_NODE);
  }
}
