package io.mirage4j.shell;

/**
 * {@code break [n]} or {@code continue [n]}: unwinds to the {@code n}th enclosing loop of the same
 * function (or of the line), which then stops or goes on with its next round.
 */
final class LoopControlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean next;
  private final int levels;
  private final int status;

  /**
   * @param next true for {@code continue}, false for {@code break}
   * @param levels how many loops to leave, at least 1
   * @param status the status the loop returns
   */
  LoopControlException(boolean next, int levels, int status) {
    super(null, null, false, false);
    this.next = next;
    this.levels = levels;
    this.status = status;
  }

  boolean next() {
    return next;
  }

  int levels() {
    return levels;
  }

  int status() {
    return status;
  }

  /** The same control, one loop further out. */
  LoopControlException outer() {
    return new LoopControlException(next, levels - 1, status);
  }
}
