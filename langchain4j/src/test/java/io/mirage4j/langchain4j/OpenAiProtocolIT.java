package io.mirage4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's agent, word for word but for the server's address: LangChain4j's OpenAI client
 * talks HTTP to a scripted OpenAI-compatible server on the loopback address, and the tool
 * specifications and results cross the wire as a real model would see them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenAiProtocolIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  interface Assistant {
    String chat(String message);
  }

  private final Deque<ObjectNode> replies = new ArrayDeque<>();
  private final List<JsonNode> requests = new ArrayList<>();
  private final HttpServer server;

  OpenAiProtocolIT() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::complete);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private synchronized void complete(HttpExchange exchange) throws IOException {
    requests.add(JSON.readTree(exchange.getRequestBody()));
    ObjectNode reply = replies.isEmpty() ? message("the script has no more replies") : replies.poll();
    byte[] body = JSON.writeValueAsBytes(reply);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void anAgentOnAnOpenAiCompatibleServerRunsPythonInTheWorkspace() throws Exception {
    replies.add(toolCall("call_1", "write", "{\"path\": \"/data/prices.csv\", \"content\": \"item,price\\ntea,2.50\\ncake,4.00\\n\"}"));
    replies.add(toolCall("call_2", "edit", "{\"path\": \"/data/prices.csv\"}"));
    replies.add(toolCall("call_3", "python", "{\"code\": \"import csv\\n"
        + "print(sum(float(r['price']) for r in csv.DictReader(open('/data/prices.csv'))))\"}"));
    replies.add(message("The prices add up to 6.5."));
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";

    String answer;
    // The README's example, with baseUrl pointing at the test's server:
    ChatModel model = OpenAiChatModel.builder()
        .baseUrl(baseUrl)
        .apiKey("not-needed-here")
        .modelName("gpt-4.1-mini")
        .build();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      Assistant assistant = AiServices.builder(Assistant.class)
          .chatModel(model)
          .toolProvider(WorkspaceToolProvider.of(ws))
          .build();
      answer = assistant.chat("Write /data/prices.csv with two prices, then total them with Python");
      assertThat(ws.execute("cat /data/prices.csv").stdoutText()).isEqualTo("item,price\ntea,2.50\ncake,4.00\n");
    }

    assertThat(answer).isEqualTo("The prices add up to 6.5.");
    assertThat(requests).hasSize(4);
    JsonNode tools = requests.get(0).get("tools");
    assertThat(tools).extracting(t -> t.at("/function/name").asText())
        .containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
    JsonNode shell = tools.get(0).at("/function/parameters");
    assertThat(shell.at("/required").toString()).isEqualTo("[\"command\"]");
    assertThat(shell.at("/properties/timeout/type").asText()).isEqualTo("integer");
    assertThat(shell.at("/properties/timeout/description").asText()).endsWith(" Minimum 1. Maximum 3600.");
    assertThat(tools.get(1).at("/function/parameters/properties/args/items/type").asText()).isEqualTo("string");
    assertThat(lastMessage(1).get("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(lastMessage(1).get("content").asText()).isEqualTo("created /data/prices.csv (30 bytes)");
    assertThat(lastMessage(2).get("content").asText()).isEqualTo("edit: missing required argument \"old_string\"");
    assertThat(lastMessage(3).get("role").asText()).isEqualTo("tool");
    assertThat(lastMessage(3).get("content").asText()).isEqualTo("6.5\n");
  }

  private JsonNode lastMessage(int request) {
    JsonNode messages = requests.get(request).get("messages");
    return messages.get(messages.size() - 1);
  }

  private static ObjectNode toolCall(String id, String tool, String arguments) {
    ObjectNode reply = completion("tool_calls");
    ObjectNode message = (ObjectNode) reply.at("/choices/0/message");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", tool).put("arguments", arguments);
    return reply;
  }

  private static ObjectNode message(String text) {
    ObjectNode reply = completion("stop");
    ((ObjectNode) reply.at("/choices/0/message")).put("content", text);
    return reply;
  }

  private static ObjectNode completion(String finishReason) {
    ObjectNode reply = JSON.createObjectNode()
        .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_800_000_000L).put("model", "gpt-4.1-mini");
    ObjectNode choice = reply.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason);
    choice.putObject("message").put("role", "assistant");
    reply.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
    return reply;
  }
}
