package io.mirage4j.workspace;

import java.util.Objects;

/**
 * One step of an interactive console over a {@link PythonSession} ({@link PythonSession#console}).
 *
 * <pre>{@code
 * ConsoleStep step = py.console(typedSoFar);
 * String prompt = step.needsMore() ? "... " : ">>> ";
 * if (step.exited()) return step.result().exitCode();
 * }</pre>
 *
 * @param needsMore the source needs more lines: nothing ran, and {@code result} is empty
 * @param exited the statement raised {@code SystemExit} ({@code exit()}, {@code sys.exit(n)}):
 *     the console ends, with {@code result}'s exit code
 * @param result what the statement wrote (an expression statement's value printed with {@code
 *     repr}, a traceback) and its exit status
 */
public record ConsoleStep(boolean needsMore, boolean exited, CellResult result) {
  public ConsoleStep {
    Objects.requireNonNull(result, "result");
  }
}
