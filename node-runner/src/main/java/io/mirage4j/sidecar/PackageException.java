package io.mirage4j.sidecar;

import io.mirage4j.MirageException;

/**
 * The workspace's packages cannot be installed: its directory holds something that is not a wheel
 * Pyodide can install, or the interpreter refused one. The message names the file; {@code python3}
 * prints it and exits 1, and the shell's other commands keep working.
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
