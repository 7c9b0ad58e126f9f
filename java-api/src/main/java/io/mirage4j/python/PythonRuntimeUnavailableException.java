package io.mirage4j.python;

import io.mirage4j.MirageException;

/**
 * The Python runtime is not there: no provider on the classpath, Node.js or Pyodide missing. The
 * message is one line that says what is missing and how to get it; {@code python3} prints it and
 * exits 127.
 *
 * <pre>{@code
 * ExecResult r = ws.execute("python3 -c pass"); // without mirage4j-node-runner on the classpath
 * r.exitCode();   // 127
 * r.stderrText(); // "python3: no Python runtime on the classpath; add the dependency io.mirage4j:mirage4j-node-runner (it brings the runtime and Node.js)\n"
 * }</pre>
 */
public class PythonRuntimeUnavailableException extends MirageException {
  private static final long serialVersionUID = 1L;

  public PythonRuntimeUnavailableException(String message) {
    super(message);
  }

  public PythonRuntimeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
