package io.mirage4j.python;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code python3} call, as the front end hands it to a {@link PythonRuntime}.
 *
 * @param program the program to run
 * @param argv {@code sys.argv}
 * @param cwd {@code os.getcwd()}: the session's working directory
 * @param env {@code os.environ}: the session's environment, nothing of the host's
 * @param stdin the program's standard input
 * @param timeout how long the call may run; {@code null} for no limit
 */
public record PythonRun(
    PythonProgram program,
    List<String> argv,
    String cwd,
    Map<String, String> env,
    byte[] stdin,
    Duration timeout) {

  public PythonRun {
    Objects.requireNonNull(program, "program");
    argv = List.copyOf(argv);
    Objects.requireNonNull(cwd, "cwd");
    env = Map.copyOf(env);
    stdin = stdin.clone();
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** The time limit, if there is one. */
  public Optional<Duration> limit() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public byte[] stdin() {
    return stdin.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PythonRun r
        && program.equals(r.program)
        && argv.equals(r.argv)
        && cwd.equals(r.cwd)
        && env.equals(r.env)
        && Arrays.equals(stdin, r.stdin)
        && Objects.equals(timeout, r.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(program, argv, cwd, env, Arrays.hashCode(stdin), timeout);
  }

  @Override
  public String toString() {
    return "PythonRun[program=" + program + ", argv=" + argv + ", cwd=" + cwd
        + ", env=" + env.keySet() + ", stdin=" + stdin.length + " bytes, timeout=" + timeout + "]";
  }
}
