package io.mirage4j.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a command line ended: its output and exit status, as a shell would report them. A failing
 * command is a result with a non-zero status, not an exception.
 *
 * <pre>{@code
 * ExecResult r = ws.execute("echo hi; echo oops >&2; exit 3");
 * r.stdoutText(); // "hi\n"
 * r.stderrText(); // "oops\n"
 * r.exitCode();   // 3
 * }</pre>
 *
 * @param stdout the bytes written to standard output
 * @param stderr the bytes written to standard error
 * @param exitCode the exit status of the last command, 0 to 255
 */
public record ExecResult(byte[] stdout, byte[] stderr, int exitCode) {
  public ExecResult {
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
    return o instanceof ExecResult r
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
    return "ExecResult[exitCode=" + exitCode + ", stdout=" + stdoutText() + ", stderr=" + stderrText() + "]";
  }
}
