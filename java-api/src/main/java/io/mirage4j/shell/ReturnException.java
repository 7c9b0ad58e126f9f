package io.mirage4j.shell;

/** {@code return [n]}: unwinds to the end of the function that runs it. */
final class ReturnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ReturnException(int status) {
    super(null, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
