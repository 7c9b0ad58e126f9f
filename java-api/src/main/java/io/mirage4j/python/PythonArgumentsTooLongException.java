package io.mirage4j.python;

import io.mirage4j.MirageException;

/**
 * A {@code python3} call's arguments and environment are larger than {@link
 * ArgumentSize#MAX_BYTES}, as {@code execve} refuses them on Linux ({@code E2BIG}). {@code python3}
 * reports it as bash does: {@code python3: Argument list too long}, exit status 126. {@link
 * PythonRun}'s constructor throws it, so no runtime ever receives such a call.
 *
 * <pre>{@code
 * PythonRun.command("pass", "/data", Map.of("BIG", "x".repeat(3 << 20))); // throws: 3145749 bytes
 * }</pre>
 */
public class PythonArgumentsTooLongException extends MirageException {
  private static final long serialVersionUID = 1L;

  private final long size;

  public PythonArgumentsTooLongException(long size) {
    super("Argument list too long");
    this.size = size;
  }

  /** How many bytes the arguments and environment took, counted as {@link ArgumentSize} counts. */
  public long size() {
    return size;
  }
}
