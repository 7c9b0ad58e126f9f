package io.mirage4j.workspace;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one command line: its standard input, environment and working-directory overrides
 * that apply to this line only (like {@code (cd DIR && VAR=x cmd)}: nothing persists in the
 * session), and time limits.
 *
 * <pre>{@code
 * ExecOptions opts = ExecOptions.defaults()
 *     .withStdin("a\nb\n")
 *     .withEnv("LANG", "C")
 *     .withCwd("/data/project")
 *     .withTimeout(Duration.ofSeconds(10))
 *     .withPythonTimeout(Duration.ofSeconds(2));
 * ws.execute("python3 -c 'import sys; print(len(sys.stdin.readlines()))'", opts);
 * }</pre>
 *
 * @param stdin what the line reads as standard input; a stream is read at most once, so give
 *     each call its own
 * @param env variables set (and exported) for this line only
 * @param cwd the working directory for this line only, or null for the session's
 * @param timeout the time limit for the whole line, or null for none; past it the line is
 *     cancelled and its result has exit status 124
 * @param pythonTimeout the time limit of each {@code python3} call of this line, in place of the
 *     workspace's {@link Workspace.Builder#pythonTimeout}; null for the workspace's
 */
public record ExecOptions(InputStream stdin, Map<String, String> env, String cwd, Duration timeout,
    Duration pythonTimeout) {

  public ExecOptions {
    Objects.requireNonNull(stdin, "stdin");
    env = Map.copyOf(env);
    if (cwd != null && !cwd.startsWith("/")) {
      throw new IllegalArgumentException("cwd is not absolute: " + cwd);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (pythonTimeout != null && (pythonTimeout.isNegative() || pythonTimeout.isZero())) {
      throw new IllegalArgumentException("pythonTimeout must be positive: " + pythonTimeout);
    }
  }

  /** Empty input, no overrides, no limit. */
  public static ExecOptions defaults() {
    return new ExecOptions(InputStream.nullInputStream(), Map.of(), null, null, null);
  }

  public ExecOptions withStdin(InputStream stdin) {
    return new ExecOptions(stdin, env, cwd, timeout, pythonTimeout);
  }

  public ExecOptions withStdin(byte[] stdin) {
    return withStdin(new ByteArrayInputStream(stdin.clone()));
  }

  /** Standard input as UTF-8 text. */
  public ExecOptions withStdin(String stdin) {
    return withStdin(stdin.getBytes(StandardCharsets.UTF_8));
  }

  public ExecOptions withEnv(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(env);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new ExecOptions(stdin, more, cwd, timeout, pythonTimeout);
  }

  public ExecOptions withCwd(String cwd) {
    return new ExecOptions(stdin, env, Objects.requireNonNull(cwd, "cwd"), timeout, pythonTimeout);
  }

  public ExecOptions withTimeout(Duration timeout) {
    return new ExecOptions(stdin, env, cwd, Objects.requireNonNull(timeout, "timeout"), pythonTimeout);
  }

  /**
   * Limits each {@code python3} call of this line: past the limit the program gets
   * KeyboardInterrupt, and the call exits 124 with {@code python3: timed out after <N>s}.
   */
  public ExecOptions withPythonTimeout(Duration pythonTimeout) {
    return new ExecOptions(stdin, env, cwd, timeout, Objects.requireNonNull(pythonTimeout, "pythonTimeout"));
  }
}
