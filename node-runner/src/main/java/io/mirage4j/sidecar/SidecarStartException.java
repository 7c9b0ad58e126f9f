package io.mirage4j.sidecar;

import io.mirage4j.MirageException;

/**
 * The Node sidecar did not become ready: it exited, timed out, or spoke another protocol (a
 * js-shim or Pyodide of another version). {@code python3} prints its message and exits 1.
 *
 * <pre>{@code
 * ExecResult r = ws.execute("python3 -c pass"); // the Node process never reports ready
 * r.exitCode();   // 1
 * r.stderrText(); // begins "python3: the Python sidecar did not become ready within 30 s"
 * }</pre>
 */
public class SidecarStartException extends MirageException {
  private static final long serialVersionUID = 1L;

  public SidecarStartException(String message) {
    super(message);
  }

  public SidecarStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
