package io.mirage4j.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The {@code error} member of a JSON-RPC response.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * RpcError e = RpcError.of(RpcErrorCode.METHOD_NOT_FOUND, "no such method: fs/chmod"); // code -32601
 * }</pre>
 *
 * @param code the error code, see {@link RpcErrorCode}
 * @param message a one-line description
 * @param data extra detail, or {@code null}
 */
public record RpcError(int code, String message, JsonNode data) {
  public RpcError {
    Objects.requireNonNull(message, "message");
  }

  public static RpcError of(RpcErrorCode code, String message) {
    return new RpcError(code.code(), message, null);
  }
}
