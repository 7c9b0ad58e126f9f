package io.mirage4j.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A JSON-RPC 2.0 message. Byte values inside {@code params} or {@code result} are {@link
 * com.fasterxml.jackson.databind.node.BinaryNode}s (or read-only {@link java.nio.ByteBuffer}s in a
 * {@link com.fasterxml.jackson.databind.node.POJONode}, sent without a copy); the codec carries them
 * as a binary attachment.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * RpcMessage call = new RpcMessage.Request(RpcId.of(1), Methods.FS_STAT, params);
 * RpcMessage answer = RpcMessage.Response.failure(RpcId.of(1), RpcError.of(RpcErrorCode.RESOURCE_NOT_FOUND, "/x"));
 * }</pre>
 */
public sealed interface RpcMessage {

  /** A call that expects a response. */
  record Request(RpcId id, String method, JsonNode params) implements RpcMessage {
    public Request {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(params, "params");
    }
  }

  /** A call that expects none. */
  record Notification(String method, JsonNode params) implements RpcMessage {
    public Notification {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(params, "params");
    }
  }

  /** The answer to a request: exactly one of {@code result} and {@code error}. */
  record Response(RpcId id, JsonNode result, RpcError error) implements RpcMessage {
    public Response {
      if ((result == null) == (error == null)) {
        throw new IllegalArgumentException("a response has exactly one of result and error");
      }
    }

    public static Response success(RpcId id, JsonNode result) {
      return new Response(id, result, null);
    }

    public static Response failure(RpcId id, RpcError error) {
      return new Response(id, null, error);
    }
  }
}
