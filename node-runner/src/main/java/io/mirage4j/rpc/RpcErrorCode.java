package io.mirage4j.rpc;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JSON-RPC error codes of the sidecar protocol: the five standard ones and the application
 * codes in -32000…-32099. {@code test-fixtures/protocol/error-codes.json} is the shared list the
 * JavaScript side is tested against too.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * RpcErrorCode.of(-32002);    // Optional[READ_ONLY]
 * RpcErrorCode.TIMEOUT.code(); // -32004
 * }</pre>
 */
public enum RpcErrorCode {
  PARSE_ERROR(-32700),
  INVALID_REQUEST(-32600),
  METHOD_NOT_FOUND(-32601),
  INVALID_PARAMS(-32602),
  INTERNAL_ERROR(-32603),
  RESOURCE_NOT_FOUND(-32001),
  READ_ONLY(-32002),
  CANCELLED(-32003),
  TIMEOUT(-32004),
  FS_ERROR(-32005),
  HOST_FUNCTION(-32006);

  private final int code;

  RpcErrorCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The constant for a numeric code, if it is one of ours. */
  public static Optional<RpcErrorCode> of(int code) {
    return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
  }
}
