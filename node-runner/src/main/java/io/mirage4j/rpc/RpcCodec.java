package io.mirage4j.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Converts between {@link RpcMessage}s and {@link Frame}s. Byte values ({@link BinaryNode}s, or
 * {@link POJONode}s holding a {@link ByteBuffer}, which is sent without being copied) travel in the
 * frame's attachment, referenced from the JSON as {@code {"$bin": [offset, length]}}.
 * Decoding treats its input as untrusted: anything that is not a valid JSON-RPC 2.0 message is an
 * {@link RpcProtocolException}.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * RpcCodec codec = new RpcCodec(new ObjectMapper());
 * Frame f = codec.encode(RpcMessage.Response.success(RpcId.of(1), BinaryNode.valueOf(bytes)));
 * // f.json(): {"jsonrpc":"2.0","id":1,"result":{"$bin":[0,N]}}, f.binary(): the N bytes
 * RpcMessage back = codec.decode(f); // the same response, bytes and all
 * }</pre>
 */
public final class RpcCodec {
  private static final String BIN = "$bin";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper mapper;

  public RpcCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The frame for {@code message}.
   *
   * @throws FrameTooLargeException when it exceeds a frame cap, which the peer would refuse
   */
  public Frame encode(RpcMessage message) {
    ObjectNode json = NODES.objectNode().put("jsonrpc", "2.0");
    if (message instanceof RpcMessage.Request r) {
      json.set("id", r.id().value());
      json.put("method", r.method());
      json.set("params", r.params());
    } else if (message instanceof RpcMessage.Notification n) {
      json.put("method", n.method());
      json.set("params", n.params());
    } else if (message instanceof RpcMessage.Response r) {
      json.set("id", r.id() == null ? NODES.nullNode() : r.id().value());
      if (r.error() != null) {
        ObjectNode error = json.putObject("error").put("code", r.error().code()).put("message", r.error().message());
        if (r.error().data() != null) {
          error.set("data", r.error().data());
        }
      } else {
        json.set("result", r.result());
      }
    }
    List<ByteBuffer> attachment = new ArrayList<>();
    long[] attached = new long[1];
    JsonNode withRefs = extractBinary(json, attachment, attached);
    if (attached[0] > Frame.MAX_BINARY_LENGTH) {
      throw new FrameTooLargeException(
          "binary attachment of " + attached[0] + " bytes exceeds the cap of " + Frame.MAX_BINARY_LENGTH);
    }
    try {
      byte[] text = mapper.writeValueAsBytes(withRefs);
      if (text.length > Frame.MAX_JSON_LENGTH) {
        throw new FrameTooLargeException(
            "JSON part of " + text.length + " bytes exceeds the cap of " + Frame.MAX_JSON_LENGTH);
      }
      return new Frame(text, attachment);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + message, e);
    }
  }

  public RpcMessage decode(Frame frame) {
    JsonNode json;
    try {
      json = mapper.readTree(frame.json());
    } catch (JsonProcessingException e) {
      throw new RpcProtocolException("frame is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new RpcProtocolException("frame is not valid JSON: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new RpcProtocolException("message is not a JSON object");
    }
    if (!"2.0".equals(json.path("jsonrpc").textValue())) {
      throw new RpcProtocolException("message is not JSON-RPC 2.0 (jsonrpc member missing or wrong)");
    }
    JsonNode resolved = resolveBinary(json, frame.attachment());
    return json.has("method") ? call(resolved) : response(resolved);
  }

  private static RpcMessage call(JsonNode json) {
    JsonNode method = json.get("method");
    if (!method.isTextual()) {
      throw new RpcProtocolException("method is not a string");
    }
    JsonNode params = json.has("params") ? json.get("params") : NODES.objectNode();
    if (!params.isObject()) {
      throw new RpcProtocolException("params of " + method.textValue() + " is not an object");
    }
    if (!json.has("id")) {
      return new RpcMessage.Notification(method.textValue(), params);
    }
    return new RpcMessage.Request(id(json.get("id")), method.textValue(), params);
  }

  private static RpcMessage response(JsonNode json) {
    boolean hasResult = json.has("result");
    boolean hasError = json.has("error");
    if (hasResult == hasError) {
      throw new RpcProtocolException("a response needs exactly one of result and error");
    }
    RpcId id = json.get("id") == null || json.get("id").isNull() ? null : id(json.get("id"));
    if (hasResult) {
      return RpcMessage.Response.success(id, json.get("result"));
    }
    JsonNode error = json.get("error");
    if (!error.isObject() || !error.path("code").isInt() || !error.path("message").isTextual()) {
      throw new RpcProtocolException("error member needs an integer code and a string message");
    }
    JsonNode data = error.has("data") ? error.get("data") : null;
    return RpcMessage.Response.failure(
        id, new RpcError(error.get("code").intValue(), error.get("message").textValue(), data));
  }

  private static RpcId id(JsonNode id) {
    if (!(id.isIntegralNumber() || id.isTextual())) {
      throw new RpcProtocolException("id is neither an integer nor a string: " + id);
    }
    return new RpcId(id);
  }

  /** {@code node} with each byte value replaced by a reference to the range it gets in {@code attachment}. */
  private static JsonNode extractBinary(JsonNode node, List<ByteBuffer> attachment, long[] size) {
    ByteBuffer bytes = null;
    if (node instanceof BinaryNode b) {
      bytes = ByteBuffer.wrap(b.binaryValue());
    } else if (node instanceof POJONode p && p.getPojo() instanceof ByteBuffer buffer) {
      bytes = buffer.duplicate();
    }
    if (bytes != null) {
      ArrayNode ref = NODES.arrayNode().add(size[0]).add(bytes.remaining());
      if (bytes.hasRemaining()) {
        attachment.add(bytes);
        size[0] += bytes.remaining();
      }
      return NODES.objectNode().set(BIN, ref);
    }
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), extractBinary(e.getValue(), attachment, size));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(element -> copy.add(extractBinary(element, attachment, size)));
      return copy;
    }
    return node;
  }

  private static JsonNode resolveBinary(JsonNode node, ByteBuffer attachment) {
    if (node.isObject()) {
      if (node.has(BIN)) {
        return binaryRef(node, attachment);
      }
      ObjectNode object = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(resolveBinary(e.getValue(), attachment));
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, resolveBinary(array.get(i), attachment));
      }
    }
    return node;
  }

  private static JsonNode binaryRef(JsonNode node, ByteBuffer attachment) {
    JsonNode ref = node.get(BIN);
    if (node.size() != 1
        || !ref.isArray()
        || ref.size() != 2
        || !ref.get(0).canConvertToLong()
        || !ref.get(1).canConvertToLong()
        || !ref.get(0).isIntegralNumber()
        || !ref.get(1).isIntegralNumber()) {
      throw new RpcProtocolException("malformed $bin reference: " + node);
    }
    long offset = ref.get(0).longValue();
    long length = ref.get(1).longValue();
    if (offset < 0 || length < 0 || offset + length > attachment.remaining()) {
      throw new RpcProtocolException(
          "$bin reference [" + offset + ", " + length + "] outside the attachment of " + attachment.remaining() + " bytes");
    }
    byte[] bytes = new byte[(int) length];
    attachment.get(attachment.position() + (int) offset, bytes);
    return BinaryNode.valueOf(bytes);
  }
}
