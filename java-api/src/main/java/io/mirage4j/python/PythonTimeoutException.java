package io.mirage4j.python;

import io.mirage4j.MirageException;
import java.time.Duration;

/**
 * A {@code python3} call ran past its time limit and was stopped; {@code python3} reports it as
 * exit status 124, as {@code timeout(1)} does. A {@link PythonRuntime} throws it when a call runs
 * past {@link PythonRun#timeout()}; the workspace's caller sees the status and the message.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder().pythonTimeout(Duration.ofSeconds(2)).build();
 * ExecResult r = ws.execute("python3 -c 'while True: pass'");
 * r.exitCode();   // 124
 * r.stderrText(); // "python3: timed out after 2s\n"
 * }</pre>
 */
public class PythonTimeoutException extends MirageException {
  private static final long serialVersionUID = 1L;

  private final Duration limit;

  public PythonTimeoutException(Duration limit) {
    super("timed out after " + seconds(limit) + "s");
    this.limit = limit;
  }

  public Duration limit() {
    return limit;
  }

  /** {@code 1} for one second, {@code 0.5} for half a second. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0
        ? Long.toString(d.toSeconds())
        : java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
