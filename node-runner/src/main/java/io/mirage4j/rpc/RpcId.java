package io.mirage4j.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A request id exactly as it was on the wire, number or string, so a response echoes it unchanged.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * RpcId.of(7).equals(new RpcId(LongNode.valueOf(7))); // true
 * RpcId.of("7").equals(RpcId.of(7));                  // false: a string is not a number
 * }</pre>
 *
 * @param value a numeric or textual JSON node
 */
public record RpcId(JsonNode value) {
  public RpcId {
    if (value == null || !(value.isIntegralNumber() || value.isTextual())) {
      throw new IllegalArgumentException("request id must be an integer or a string: " + value);
    }
  }

  public static RpcId of(long id) {
    return new RpcId(LongNode.valueOf(id));
  }

  public static RpcId of(String id) {
    return new RpcId(TextNode.valueOf(id));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RpcId other
        && value.isTextual() == other.value.isTextual()
        && value.asText().equals(other.value.asText());
  }

  @Override
  public int hashCode() {
    return value.asText().hashCode();
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
