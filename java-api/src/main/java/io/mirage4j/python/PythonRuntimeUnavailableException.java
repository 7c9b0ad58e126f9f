package io.mirage4j.python;

import io.mirage4j.MirageException;

/**
 * The Python runtime is not there: no provider on the classpath, Node.js or Pyodide missing. The
 * message is one line that says what is missing and how to get it; {@code python3} prints it and
 * exits 127.
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
