package io.mirage4j.rpc;

import io.mirage4j.MirageException;

/**
 * The peer answered a request with an error. Handlers throw it to answer with exactly that error.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * throw new RpcException(RpcErrorCode.INVALID_PARAMS, "path is missing"); // message "path is missing (-32602)"
 * }</pre>
 */
public class RpcException extends MirageException {
  private static final long serialVersionUID = 1L;

  private final transient RpcError error;

  public RpcException(RpcError error) {
    super(error.message() + " (" + error.code() + ")");
    this.error = error;
  }

  public RpcException(RpcErrorCode code, String message) {
    this(RpcError.of(code, message));
  }

  public RpcError error() {
    return error;
  }
}
