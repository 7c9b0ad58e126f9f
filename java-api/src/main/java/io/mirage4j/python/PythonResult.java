package io.mirage4j.python;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a {@code python3} call ended, as a real {@code python3} process would report it. A {@link
 * PythonRuntime} returns one from {@link PythonRuntime#run}; an uncaught Python exception is a
 * result with exit code 1 and the traceback on stderr.
 *
 * <pre>{@code
 * return new PythonResult(0, "42\n".getBytes(StandardCharsets.UTF_8), new byte[0]);
 * }</pre>
 *
 * @param exitCode the exit status (0 to 255)
 * @param stdout what the program wrote to standard output
 * @param stderr what it wrote to standard error, including a traceback
 * @param value for a {@link PythonProgram.Cell}: {@code repr()} of the value of the expression it
 *     ended with; null for any other program, and for a cell that ended with no expression, with
 *     one whose value was {@code None}, or with an error
 */
public record PythonResult(int exitCode, byte[] stdout, byte[] stderr, String value) {
  /** A result without a value: any program but a session's cell. */
  public PythonResult(int exitCode, byte[] stdout, byte[] stderr) {
    this(exitCode, stdout, stderr, null);
  }

  public PythonResult {
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException("exit code out of 0..255: " + exitCode);
    }
    stdout = stdout.clone();
    stderr = stderr.clone();
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PythonResult r
        && exitCode == r.exitCode
        && Arrays.equals(stdout, r.stdout)
        && Arrays.equals(stderr, r.stderr)
        && Objects.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr), value);
  }

  @Override
  public String toString() {
    return "PythonResult[exitCode=" + exitCode + ", stdout=" + stdout.length
        + " bytes, stderr=" + stderr.length + " bytes" + (value == null ? "" : ", value=" + value.length() + " chars") + "]";
  }
}
