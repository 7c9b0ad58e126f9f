package io.mirage4j.rpc;

import io.mirage4j.MirageException;

/**
 * The peer sent something that is not a valid frame or message. The channel cannot be trusted
 * after it and is closed.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * new FrameReader(new ByteArrayInputStream("Content-Length: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).read();
 * // throws RpcProtocolException: bad Content-Length value: 'x'
 * }</pre>
 */
public class RpcProtocolException extends MirageException {
  private static final long serialVersionUID = 1L;

  public RpcProtocolException(String message) {
    super(message);
  }

  public RpcProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
