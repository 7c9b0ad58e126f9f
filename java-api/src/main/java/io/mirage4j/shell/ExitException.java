package io.mirage4j.shell;

/** {@code exit N}: unwinds to the end of the command line, or of the subshell it runs in. */
final class ExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ExitException(int status) {
    super(null, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
