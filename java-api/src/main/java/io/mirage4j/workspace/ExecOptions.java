package io.mirage4j.workspace;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
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
 * @param stdout where the line's standard output goes as it is written, or null to return it in
 *     the result ({@link #withOutput})
 * @param stderr where the line's standard error goes as it is written, or null to return it in
 *     the result
 */
public record ExecOptions(InputStream stdin, Map<String, String> env, String cwd, Duration timeout,
    Duration pythonTimeout, OutputStream stdout, OutputStream stderr) {

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

  /** Options whose output is returned in the result. */
  public ExecOptions(InputStream stdin, Map<String, String> env, String cwd, Duration timeout, Duration pythonTimeout) {
    this(stdin, env, cwd, timeout, pythonTimeout, null, null);
  }

  /** Empty input, no overrides, no limit. */
  public static ExecOptions defaults() {
    return new ExecOptions(InputStream.nullInputStream(), Map.of(), null, null, null);
  }

  public ExecOptions withStdin(InputStream stdin) {
    return new ExecOptions(stdin, env, cwd, timeout, pythonTimeout, stdout, stderr);
  }

  /**
   * Sends the line's output to {@code stdout} and {@code stderr} as it is written, as a shell on a
   * terminal shows it: each command's output when it writes it, a {@code python3} program's at the
   * latest when it reads standard input (so that {@code input("name? ")} shows its prompt first)
   * and when it ends. The result's stdout and stderr then hold only the shell's own closing
   * messages ({@code mirage: timed out after 5s}); the output limit still counts everything.
   *
   * <pre>{@code
   * session.execute("python3 -c 'print(input(\"name? \"))'",
   *     ExecOptions.defaults().withStdin(terminal).withOutput(System.out, System.err));
   * }</pre>
   */
  public ExecOptions withOutput(OutputStream stdout, OutputStream stderr) {
    return new ExecOptions(stdin, env, cwd, timeout, pythonTimeout,
        Objects.requireNonNull(stdout, "stdout"), Objects.requireNonNull(stderr, "stderr"));
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
    return new ExecOptions(stdin, more, cwd, timeout, pythonTimeout, stdout, stderr);
  }

  public ExecOptions withCwd(String cwd) {
    return new ExecOptions(stdin, env, Objects.requireNonNull(cwd, "cwd"), timeout, pythonTimeout, stdout, stderr);
  }

  public ExecOptions withTimeout(Duration timeout) {
    return new ExecOptions(stdin, env, cwd, Objects.requireNonNull(timeout, "timeout"), pythonTimeout, stdout, stderr);
  }

  /**
   * Limits each {@code python3} call of this line: past the limit the program gets
   * KeyboardInterrupt, and the call exits 124 with {@code python3: timed out after <N>s}.
   */
  public ExecOptions withPythonTimeout(Duration pythonTimeout) {
    return new ExecOptions(stdin, env, cwd, timeout, Objects.requireNonNull(pythonTimeout, "pythonTimeout"), stdout, stderr);
  }
}
