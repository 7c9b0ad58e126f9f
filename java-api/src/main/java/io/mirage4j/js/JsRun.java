package io.mirage4j.js;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code js} call, resolved: the program and what it sees of its process.
 *
 * <pre>{@code
 * JsRun run = new JsRun(JsRun.Kind.EVAL, "console.log(1)", "[eval]", List.of("node"),
 *     Map.of(), "/data", Duration.ofSeconds(10), 1 << 20);
 * }</pre>
 *
 * @param kind how the source runs
 * @param source the program text
 * @param path the script's absolute workspace path, or {@code [eval]} / {@code [stdin]}
 * @param argv {@code process.argv}: {@code node}, the script path when there is one, then the
 *     arguments
 * @param env {@code process.env}
 * @param cwd the working directory ({@code process.cwd()}, and what relative paths resolve against)
 * @param timeout the time limit of the call, or {@code null} for none
 * @param outputLimit the most bytes of stdout, and of stderr, the program may write
 */
public record JsRun(
    Kind kind,
    String source,
    String path,
    List<String> argv,
    Map<String, String> env,
    String cwd,
    Duration timeout,
    long outputLimit) {

  /**
   * How the program runs.
   *
   * <pre>{@code
   * boolean module = run.kind() == JsRun.Kind.MODULE;
   * }</pre>
   */
  public enum Kind {
    /** {@code -e CODE}: a script; its completion value is not printed. */
    EVAL,
    /** {@code -p EXPR}: a script whose completion value is printed as {@code console.log} would. */
    PRINT,
    /** A script file, or code read from standard input. */
    SCRIPT,
    /** An ES module ({@code -m}, or a {@code .mjs} file): {@code import} of relative modules works. */
    MODULE
  }

  public JsRun {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
    Objects.requireNonNull(cwd, "cwd");
  }
}
