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
 */
public record PythonResult(int exitCode, byte[] stdout, byte[] stderr) {
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
        && Arrays.equals(stderr, r.stderr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr));
  }

  @Override
  public String toString() {
    return "PythonResult[exitCode=" + exitCode + ", stdout=" + stdout.length
        + " bytes, stderr=" + stderr.length + " bytes]";
  }
}
