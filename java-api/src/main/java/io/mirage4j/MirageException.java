package io.mirage4j;

/**
 * The root of every exception mirage4j throws on purpose.
 *
 * <p>Shell-level failures are not exceptions: a failing command returns its exit code and writes
 * to stderr, as bash would. A {@code MirageException} means the machinery itself failed: a resource
 * refused an operation, the Python runtime could not start, a sidecar crashed.
 *
 * <pre>{@code
 * try {
 *   byte[] report = ws.fs().read("/data/report.csv");
 * } catch (MirageException e) {
 *   System.err.println(e.getMessage()); // "/data/report.csv: No such file or directory"
 * }
 * }</pre>
 */
public class MirageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MirageException(String message) {
    super(message);
  }

  public MirageException(String message, Throwable cause) {
    super(message, cause);
  }
}
