package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
  private final ByteArrayOutputStream replies = new ByteArrayOutputStream();

  private void run(String input, int maxLineBytes) {
    new JsonRpcLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), messages, replies, maxLineBytes).run();
  }

  private List<JsonNode> replies() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : replies.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void passesMessagesOnAndAnswersTheRest() throws Exception {
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    String note = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    String response = "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}";
    run(ping + "\n\nnot json\n" + note + "\n[1]\n{\"id\":\"x\",\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":3}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":5}\n" + response, 1000);
    assertThat(messages.toString(StandardCharsets.UTF_8)).isEqualTo(ping + "\n" + note + "\n" + response + "\n");
    List<JsonNode> replies = replies();
    assertThat(replies).extracting(r -> r.at("/error/code").asInt()).containsExactly(-32700, -32600, -32600, -32600, -32600);
    assertThat(replies).extracting(r -> r.get("id").toString()).containsExactly("null", "null", "\"x\"", "3", "4");
    assertThat(replies.get(1).at("/error/message").asText()).contains("batches");
    assertThat(replies.get(2).at("/error/message").asText()).contains("jsonrpc");
  }

  @Test
  void answersALineLongerThanTheLimitAndReadsOn() throws Exception {
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    run("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"" + "x".repeat(500) + "\"}\n" + ping + "\n", 100);
    assertThat(messages.toString(StandardCharsets.UTF_8)).isEqualTo(ping + "\n");
    assertThat(replies()).singleElement().satisfies(r -> {
      assertThat(r.at("/error/code").asInt()).isEqualTo(-32600);
      assertThat(r.at("/error/message").asText()).isEqualTo("message larger than 100 bytes");
    });
  }
}
