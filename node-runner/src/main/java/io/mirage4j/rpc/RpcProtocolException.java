package io.mirage4j.rpc;

import io.mirage4j.MirageException;

/**
 * The peer sent something that is not a valid frame or message. The channel cannot be trusted
 * after it and is closed.
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
