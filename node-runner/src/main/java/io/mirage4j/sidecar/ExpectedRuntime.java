package io.mirage4j.sidecar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The runtime this build of node-runner was made with, which a starting sidecar must report in
 * {@code $/ready}: the protocol, the js-shim's version and Pyodide's.
 *
 * @param mirage4j this artifact's version, which the runtime and Node artifacts share
 * @param protocol the protocol version ({@code js-shim/PROTOCOL.md})
 * @param shim the js-shim's version ({@code js-shim/package.json})
 * @param pyodide Pyodide's version
 */
record ExpectedRuntime(String mirage4j, int protocol, String shim, String pyodide) {
  static final ExpectedRuntime BUILT = load();

  private static ExpectedRuntime load() {
    Properties p = new Properties();
    try (InputStream in = ExpectedRuntime.class.getResourceAsStream("expected-runtime.properties")) {
      if (in == null) {
        throw new IllegalStateException("expected-runtime.properties is missing from mirage4j-node-runner");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ExpectedRuntime(p.getProperty("mirage4j"), SidecarProcess.PROTOCOL_VERSION, p.getProperty("shim"),
        p.getProperty("pyodide"));
  }

  /** What a sidecar reported in {@code $/ready} differs from this: the one-line reason, else null. */
  String mismatch(int protocol, String shim, String pyodide) {
    if (protocol == this.protocol && this.shim.equals(shim) && this.pyodide.equals(pyodide)) {
      return null;
    }
    return "reports protocol " + protocol + ", js-shim " + shim + ", pyodide " + pyodide + "; this mirage4j " + mirage4j
        + " needs protocol " + this.protocol + ", js-shim " + this.shim + ", pyodide " + this.pyodide;
  }
}
