package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server as a child process on stdio, driven by the MCP Java SDK's client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpStdioIT {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  private Path config;
  private McpSyncClient client;

  @BeforeAll
  void start() throws IOException {
    config = ServerProcess.config(dir);
    List<String> command = ServerProcess.command(config);
    ServerParameters params = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).build();
    StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120)).initializationTimeout(Duration.ofSeconds(60)).build();
    client.initialize();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void listsEightTools() {
    assertThat(client.getServerInfo().name()).isEqualTo("mirage4j");
    McpScenario.listsEightToolsWithSchemasAndAnnotations(client);
  }

  @Test
  void shell() {
    McpScenario.shellEchoes(client);
    McpScenario.shellFailureIsAnErrorResult(client);
  }

  @Test
  void python() {
    McpScenario.pythonRuns(client);
  }

  @Test
  void fileToolsWorkOnTheHostDirectory() throws IOException {
    McpScenario.fileToolsWork(client);
    assertThat(Files.readString(dir.resolve("data/notes.txt"))).isEqualTo("one\nthree\n");
  }

  @Test
  void sessions() {
    McpScenario.namedSessionKeepsItsDirectory(client);
  }

  @Test
  void resources() {
    McpScenario.readsFilesAsResources(client);
  }

  @Test
  void badArguments() {
    McpScenario.badArgumentsAreErrorResults(client);
  }

  @Test
  void unknownTool() {
    McpScenario.unknownToolIsAProtocolError(client);
  }

  @Test
  void hugeArgument() {
    McpScenario.hugeArgumentIsRefusedAndServingGoesOn(client);
  }

  /**
   * A client that closes the server's input while a {@code sleep 5} runs: the server exits at once
   * with status 0, and everything it wrote on standard output was a protocol message.
   */
  @Test
  @Timeout(60)
  void exitsCleanlyWhenTheClientLeavesMidCall() throws Exception {
    Process server = new ProcessBuilder(ServerProcess.command(config))
        .redirectError(dir.resolve("leaving-stderr.txt").toFile())
        .start();
    OutputStream in = server.getOutputStream();
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    JsonNode initialized = JSON.readTree(out.readLine());
    assertThat(initialized.at("/result/serverInfo/name").asText()).isEqualTo("mirage4j");
    send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"shell\",\"arguments\":{\"command\":\"echo started; sleep 5; echo late\"}}}");
    JsonNode started = JSON.readTree(out.readLine());
    assertThat(started.at("/method").asText()).isEqualTo("notifications/message");
    assertThat(started.at("/params/data").asText()).isEqualTo("started\n");
    long start = System.nanoTime();
    in.close();
    assertThat(server.waitFor(4, TimeUnit.SECONDS)).as("the server exits when its input ends").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(server.exitValue()).isZero();
    String line;
    while ((line = out.readLine()) != null) {
      assertThat(JSON.readTree(line).get("jsonrpc").asText()).as(line).isEqualTo("2.0");
    }
  }

  /**
   * Lines that are not JSON-RPC messages get the protocol's errors (parse error, invalid request)
   * and the server goes on answering.
   */
  @Test
  @Timeout(60)
  void answersMalformedMessagesAndGoesOn() throws Exception {
    Process server = new ProcessBuilder(ServerProcess.command(config))
        .redirectError(dir.resolve("malformed-stderr.txt").toFile())
        .start();
    OutputStream in = server.getOutputStream();
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    try {
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
      assertThat(JSON.readTree(out.readLine()).at("/result/serverInfo/name").asText()).isEqualTo("mirage4j");
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      send(in, "this is not json");
      JsonNode parseError = JSON.readTree(out.readLine());
      assertThat(parseError.at("/error/code").asInt()).isEqualTo(-32700);
      assertThat(parseError.get("id").isNull()).isTrue();
      send(in, "[1, 2]");
      assertThat(JSON.readTree(out.readLine()).at("/error/code").asInt()).isEqualTo(-32600);
      send(in, "{\"id\": 7, \"method\": \"ping\"}");
      JsonNode noVersion = JSON.readTree(out.readLine());
      assertThat(noVersion.at("/error/code").asInt()).isEqualTo(-32600);
      assertThat(noVersion.get("id").asInt()).isEqualTo(7);
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");
      JsonNode pong = JSON.readTree(out.readLine());
      assertThat(pong.get("id").asInt()).isEqualTo(8);
      assertThat(pong.has("result")).as(pong.toString()).isTrue();
      in.close();
      assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isZero();
    } finally {
      server.destroyForcibly();
    }
  }

  /**
   * Both streams of a command write at once: the progress notifications leave the server, in the
   * order they appear on its standard output, with a progress that only increases, as the
   * protocol requires.
   */
  @Test
  @Timeout(60)
  void progressOnlyIncreasesOnTheWireWhileBothStreamsWrite() throws Exception {
    Process server = new ProcessBuilder(ServerProcess.command(config))
        .redirectError(dir.resolve("progress-stderr.txt").toFile())
        .start();
    try {
      OutputStream in = server.getOutputStream();
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
      out.readLine();
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"shell\","
          + "\"_meta\":{\"progressToken\":\"p\"},"
          + "\"arguments\":{\"command\":\"for i in $(seq 1 150); do echo o$i; echo e$i >&2; done\"}}}");
      List<Double> progress = new ArrayList<>();
      for (JsonNode message = JSON.readTree(out.readLine()); !message.has("id"); message = JSON.readTree(out.readLine())) {
        if (message.at("/method").asText().equals("notifications/progress")) {
          progress.add(message.at("/params/progress").asDouble());
        }
      }
      assertThat(progress).hasSize(300).doesNotHaveDuplicates().isSorted();
    } finally {
      server.destroy();
    }
  }

  private static void send(OutputStream in, String message) throws IOException {
    in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }
}
