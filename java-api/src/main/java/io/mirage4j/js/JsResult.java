package io.mirage4j.js;

/**
 * How a {@code js} call ended.
 *
 * <pre>{@code
 * JsResult r = runtime.run(run, files, stdin, output);
 * if (r.timedOut()) { ... } else { int status = r.exitCode(); }
 * }</pre>
 *
 * @param exitCode the status: {@code process.exit(n)}'s, 1 after an uncaught error, else 0
 * @param timedOut whether the time limit stopped the program
 */
public record JsResult(int exitCode, boolean timedOut) {

  /** A program that ended by itself with {@code exitCode}. */
  public static JsResult exited(int exitCode) {
    return new JsResult(exitCode, false);
  }
}
