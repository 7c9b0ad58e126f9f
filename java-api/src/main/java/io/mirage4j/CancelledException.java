package io.mirage4j;

/**
 * A command line was cancelled (its thread interrupted, or its time limit reached): it stops
 * between commands, and a running {@code python3} call is abandoned and its interpreter replaced.
 */
public final class CancelledException extends MirageException {
  private static final long serialVersionUID = 1L;

  public CancelledException() {
    super("cancelled");
  }
}
