package io.mirage4j.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The {@code error} member of a JSON-RPC response.
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
