package io.mirage4j.sidecar;

import io.mirage4j.MirageException;

/**
 * The workspace's packages cannot be installed: its directory holds something that is not a wheel
 * Pyodide can install, or the interpreter refused one. The message names the file; {@code python3}
 * prints it and exits 1, and the shell's other commands keep working.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder().packages(Path.of("/srv/wheels")).build(); // holds broken-1.0-py3-none-any.whl, not a zip
 * ExecResult r = ws.execute("python3 -c pass");
 * r.exitCode();   // 1
 * r.stderrText(); // "python3: cannot install /srv/wheels/broken-1.0-py3-none-any.whl: not a zip file (zip END header not found)\n"
 * ws.execute("echo still here").exitCode(); // 0
 * }</pre>
 */
public class PackageException extends MirageException {
  private static final long serialVersionUID = 1L;

  public PackageException(String message) {
    super(message);
  }

  public PackageException(String message, Throwable cause) {
    super(message, cause);
  }
}
