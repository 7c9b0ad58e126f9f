package io.mirage4j.shell;

import io.mirage4j.MirageException;

/**
 * A command line wrote more than the session's output cap. Unchecked, so it passes through
 * {@link java.io.PrintStream} (which swallows {@code IOException}s) and stops the whole line.
 *
 * <p>The shell catches it: the line's result keeps the output that fit, has exit status 1, and its
 * stderr ends with a notice. A {@link Builtin} lets it pass rather than catching it.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder().outputLimit(1024).build();
 * ExecResult r = ws.execute("seq 1 100000");
 * int kept = r.stdout().length; // 1024
 * r.stderrText();               // "mirage: output truncated: the command line wrote more than 1024 bytes\n"
 * }</pre>
 */
public final class OutputLimitException extends MirageException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  OutputLimitException(long limit) {
    super("output limit of " + limit + " bytes reached");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
