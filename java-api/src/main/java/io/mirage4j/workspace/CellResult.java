package io.mirage4j.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How one cell of a {@link PythonSession} ended: what it wrote, its exit status as a {@code python3}
 * process would have it (0, 1 after an uncaught exception, {@code sys.exit}'s status, 124 past its
 * time limit), and the value of the expression it ended with, as {@code repr()} shows it.
 *
 * <pre>{@code
 * CellResult r = session.run("print('hi'); 6 * 7");
 * r.stdoutText(); // "hi\n"
 * r.value();      // Optional["42"]
 * r.exitCode();   // 0
 * }</pre>
 *
 * @param exitCode 0 to 255
 * @param stdout what the cell wrote to standard output
 * @param stderr what it wrote to standard error: a traceback, or {@code python3: timed out after
 *     <N>s}
 * @param value {@code repr()} of the final expression's value; empty when the cell did not end with
 *     an expression, when its value was {@code None}, or when the cell failed. At most 1 MiB of
 *     characters (and no more than the output limit): a longer one is cut, and ends with {@code
 *     ... [N more characters]}
 */
public record CellResult(int exitCode, byte[] stdout, byte[] stderr, Optional<String> value) {
  public CellResult {
    stdout = stdout.clone();
    stderr = stderr.clone();
    Objects.requireNonNull(value, "value");
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  /** Standard output decoded as UTF-8, invalid bytes replaced by U+FFFD. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Standard error decoded as UTF-8, invalid bytes replaced by U+FFFD. */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CellResult r
        && exitCode == r.exitCode
        && Arrays.equals(stdout, r.stdout)
        && Arrays.equals(stderr, r.stderr)
        && value.equals(r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr), value);
  }

  @Override
  public String toString() {
    return "CellResult[exitCode=" + exitCode + ", stdout=" + stdoutText() + ", stderr=" + stderrText()
        + ", value=" + value.orElse("(none)") + "]";
  }
}
