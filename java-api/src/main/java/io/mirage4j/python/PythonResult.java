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
 * @param cellEnd how an interactive cell ended; {@link CellEnd#RAN} for every other program
 */
public record PythonResult(int exitCode, byte[] stdout, byte[] stderr, String value, CellEnd cellEnd) {
  /** How an interactive {@link PythonProgram.Cell} ended. */
  public enum CellEnd {
    /** It ran (or any program that is no interactive cell). */
    RAN,
    /** Its source needs more lines: nothing ran (the console's {@code ... } prompt). */
    INCOMPLETE,
    /** It raised {@code SystemExit} ({@code exit()}, {@code sys.exit}): the console ends with the exit code. */
    EXITED
  }

  /** A result without a value: any program but a session's cell. */
  public PythonResult(int exitCode, byte[] stdout, byte[] stderr) {
    this(exitCode, stdout, stderr, null, CellEnd.RAN);
  }

  /** A cell's result, with its value. */
  public PythonResult(int exitCode, byte[] stdout, byte[] stderr, String value) {
    this(exitCode, stdout, stderr, value, CellEnd.RAN);
  }

  public PythonResult {
    Objects.requireNonNull(cellEnd, "cellEnd");
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
        && Objects.equals(value, r.value)
        && cellEnd == r.cellEnd;
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr), value, cellEnd);
  }

  @Override
  public String toString() {
    return "PythonResult[exitCode=" + exitCode + ", stdout=" + stdout.length
        + " bytes, stderr=" + stderr.length + " bytes" + (value == null ? "" : ", value=" + value.length() + " chars") + "]";
  }
}
