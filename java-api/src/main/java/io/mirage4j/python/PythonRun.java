package io.mirage4j.python;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code python3} call, as the front end hands it to a {@link PythonRuntime}: everything is
 * resolved (the script's bytes read, {@code sys.argv} and {@code sys.path[0]} computed). The
 * constructor throws {@link PythonArgumentsTooLongException} when the program, argv and env
 * together are larger than {@link ArgumentSize#MAX_BYTES}.
 *
 * <pre>{@code
 * PythonRun run = PythonRun.command("print(6 * 7)", "/data", Map.of());
 * PythonResult result = runtime.run(run); // exit code 0, stdout "42\n"
 * }</pre>
 *
 * @param program the program to run
 * @param argv {@code sys.argv}
 * @param path0 what goes in front of {@code sys.path}, or null for nothing ({@code -P})
 * @param label the name the program was invoked as ({@code python3} or {@code python})
 * @param flags the command-line options that change how it runs
 * @param cwd {@code os.getcwd()}: the session's working directory
 * @param env {@code os.environ}: the session's exported environment, nothing of the host's
 * @param stdin the program's standard input
 * @param timeout how long the call may run; {@code null} for no limit
 * @param outputLimit the most bytes of stdout, and of stderr, the caller keeps: the runtime stops a
 *     program that writes more, and returns one byte past the limit of the stream it overflowed,
 *     so that the caller sees it was passed
 */
public record PythonRun(
    PythonProgram program,
    List<String> argv,
    String path0,
    String label,
    PythonFlags flags,
    String cwd,
    Map<String, String> env,
    byte[] stdin,
    Duration timeout,
    long outputLimit) {

  /** The output limit of {@link #command}: 16 MiB, the workspace's default. */
  public static final long DEFAULT_OUTPUT_LIMIT = 16L * 1024 * 1024;

  public PythonRun {
    Objects.requireNonNull(program, "program");
    argv = List.copyOf(argv);
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(cwd, "cwd");
    env = Map.copyOf(env);
    stdin = stdin.clone();
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (outputLimit <= 0) {
      throw new IllegalArgumentException("outputLimit must be positive: " + outputLimit);
    }
    long size = ArgumentSize.of(label, program, argv, env);
    if (size > ArgumentSize.MAX_BYTES) {
      throw new PythonArgumentsTooLongException(size);
    }
  }

  /** A {@code python3 -c CODE} call with no options, as tests and simple hosts make it. */
  public static PythonRun command(String code, String cwd, Map<String, String> env) {
    return new PythonRun(new PythonProgram.Command(code), List.of("-c"), "", "python3", PythonFlags.NONE,
        cwd, env, new byte[0], null, DEFAULT_OUTPUT_LIMIT);
  }

  /** This call with {@code more} bytes of standard input after {@link #stdin()}. */
  public PythonRun withStdin(byte[] more) {
    if (more.length == 0) {
      return this;
    }
    byte[] joined = Arrays.copyOf(stdin, stdin.length + more.length);
    System.arraycopy(more, 0, joined, stdin.length, more.length);
    return new PythonRun(program, argv, path0, label, flags, cwd, env, joined, timeout, outputLimit);
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
        && Objects.equals(path0, r.path0)
        && label.equals(r.label)
        && flags.equals(r.flags)
        && cwd.equals(r.cwd)
        && env.equals(r.env)
        && Arrays.equals(stdin, r.stdin)
        && Objects.equals(timeout, r.timeout) && outputLimit == r.outputLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(program, argv, path0, label, flags, cwd, env, Arrays.hashCode(stdin), timeout, outputLimit);
  }

  @Override
  public String toString() {
    return "PythonRun[program=" + program + ", argv=" + argv + ", path0=" + path0 + ", label=" + label
        + ", flags=" + flags + ", cwd=" + cwd + ", env=" + env.keySet() + ", stdin=" + stdin.length
        + " bytes, timeout=" + timeout + ", outputLimit=" + outputLimit + "]";
  }
}
