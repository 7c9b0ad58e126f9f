package io.mirage4j.mcp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Stands between a stdio client and the SDK's stdio transport, which stops reading at the first
 * line it cannot take: passes each line that is a JSON-RPC 2.0 message on, and answers any other
 * itself with the protocol's error ({@code -32700} parse error for a line that is not JSON, {@code
 * -32600} invalid request for JSON that is not one message, or a line longer than the limit), so
 * the session goes on.
 */
final class JsonRpcLines {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputStream in;
  private final OutputStream messages;
  private final OutputStream replies;
  private final int maxLineBytes;

  /**
   * @param in the client's lines
   * @param messages where valid messages go, a line each (the transport's input)
   * @param replies where errors go (the transport's output: writes to it are synchronized on it,
   *     as the transport's own are)
   */
  JsonRpcLines(InputStream in, OutputStream messages, OutputStream replies, int maxLineBytes) {
    this.in = in;
    this.messages = messages;
    this.replies = replies;
    this.maxLineBytes = maxLineBytes;
  }

  /** Reads lines until the input ends (or the transport stops taking them); then closes {@code messages}. */
  void run() {
    try (messages) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean tooLong = false;
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          if (tooLong) {
            reply(null, INVALID_REQUEST, "message larger than " + maxLineBytes + " bytes");
          } else {
            take(line.toByteArray());
          }
          line.reset();
          tooLong = false;
        } else if (!tooLong) {
          if (line.size() >= maxLineBytes) {
            tooLong = true;
            line.reset();
          } else {
            line.write(b);
          }
        }
      }
      if (line.size() > 0 && !tooLong) {
        take(line.toByteArray());
      }
    } catch (IOException e) {
      // The input failed or the transport stopped reading: the session is over either way.
    }
  }

  private void take(byte[] line) throws IOException {
    String text = new String(line, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return;
    }
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JacksonException e) {
      reply(null, PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
      return;
    }
    String problem = problem(message);
    if (problem != null) {
      reply(message.isObject() ? message.get("id") : null, INVALID_REQUEST, "Invalid Request: " + problem);
      return;
    }
    messages.write(line);
    messages.write('\n');
    messages.flush();
  }

  private static String problem(JsonNode message) {
    if (message == null || !message.isObject()) {
      return message != null && message.isArray() ? "batches are not supported; send one message a line" : "not a JSON object";
    }
    if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
      return "\"jsonrpc\" must be \"2.0\"";
    }
    if (message.has("method")) {
      return message.get("method").isTextual() ? null : "\"method\" must be a string";
    }
    if (message.has("id") && (message.has("result") || message.has("error"))) {
      return null;
    }
    return "neither a request, a notification nor a response";
  }

  private void reply(JsonNode id, int code, String text) throws IOException {
    ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0");
    JsonNode usableId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    error.set("id", usableId == null ? JSON.nullNode() : usableId);
    error.putObject("error").put("code", code).put("message", text);
    byte[] bytes = (JSON.writeValueAsString(error) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (replies) {
      replies.write(bytes);
      replies.flush();
    }
  }
}
