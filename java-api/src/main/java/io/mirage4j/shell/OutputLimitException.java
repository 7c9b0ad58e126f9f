package io.mirage4j.shell;

import java.io.IOException;

/** A command line wrote more than the session's output cap; the line is stopped. */
public final class OutputLimitException extends IOException {
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
