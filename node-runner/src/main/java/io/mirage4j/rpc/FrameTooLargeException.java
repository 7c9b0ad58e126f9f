package io.mirage4j.rpc;

import io.mirage4j.MirageException;

/**
 * A message to send would not fit in a frame ({@link Frame#MAX_JSON_LENGTH}, {@link
 * Frame#MAX_BINARY_LENGTH}), so the peer would refuse it. Nothing was sent; the channel stays good.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * try {
 *   writer.write(codec.encode(message));
 * } catch (FrameTooLargeException e) {
 *   // nothing was written: send a smaller message, or an error in its place
 * }
 * }</pre>
 */
public class FrameTooLargeException extends MirageException {
  private static final long serialVersionUID = 1L;

  public FrameTooLargeException(String message) {
    super(message);
  }
}
