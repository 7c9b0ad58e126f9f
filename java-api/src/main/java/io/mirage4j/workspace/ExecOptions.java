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
 * <p>The line's output can also be received as it is written, for a host that shows a long
 * line's progress while it runs; the {@link ExecResult} still holds all of it:
 *
 * <pre>{@code
 * ExecResult r = ws.execute("for i in 1 2 3; do echo $i; sleep 1; done; python3 -u script.py",
 *     ExecOptions.defaults().withStdout(System.out).withStderr(System.err)); // shows 1, 2, 3 a second apart
 * r.stdoutText(); // everything, as without the streams
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
 * @param stdout receives the line's standard output as it is written, or null: see {@link
 *     #withStdout}
 * @param stderr receives the line's standard error as it is written, or null: see {@link
 *     #withStderr}
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

  /** Options whose output is received only in the {@link ExecResult}. */
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

  /**
   * Passes the line's standard output to {@code stdout} as it is written, as a terminal shows
   * it: each command's writes as they happen (a {@code python3} program's as it flushes them,
   * CPython's buffering applied), except what the line's pipes and redirections send elsewhere.
   * The {@link ExecResult} holds the same bytes. Writes come from the threads that run the line,
   * one at a time, each followed by {@code flush()}; the stream is not closed. When it throws,
   * nothing more is passed to it and the line runs on. A line stopped by its time limit has passed
   * on what it wrote before, though its result drops it.
   */
  public ExecOptions withStdout(OutputStream stdout) {
    return new ExecOptions(stdin, env, cwd, timeout, pythonTimeout, Objects.requireNonNull(stdout, "stdout"), stderr);
  }

  /**
   * Passes the line's standard error to {@code stderr} as it is written, as {@link #withStdout}
   * does for standard output; the messages a line ends with ({@code mirage: timed out after 2s})
   * are passed too. Give both the same stream to see them interleaved as a terminal would.
   */
  public ExecOptions withStderr(OutputStream stderr) {
    return new ExecOptions(stdin, env, cwd, timeout, pythonTimeout, stdout, Objects.requireNonNull(stderr, "stderr"));
  }

  /** {@link #withStdout} and {@link #withStderr} at once. */
  public ExecOptions withOutput(OutputStream stdout, OutputStream stderr) {
    return withStdout(stdout).withStderr(stderr);
  }
}
