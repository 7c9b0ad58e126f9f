package io.mirage4j.shell;

import io.mirage4j.MirageException;

/**
 * A command line wrote more than the session's output cap. Unchecked, so it passes through
 * {@link java.io.PrintStream} (which swallows {@code IOException}s) and stops the whole line.
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
