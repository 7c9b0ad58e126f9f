package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The server over Streamable HTTP (in this JVM, embedded Jetty), driven by the MCP Java SDK's client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHttpIT {
  private static final String TOKEN = "s3cret-token-for-the-test";

  private Workspace ws;
  private HttpMcpServer server;
  private McpSyncClient client;
  private final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
  private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    Resource data = Resources.inMemory();
    data.write("/hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder().mount("/data", data).cwd("/data").build();
    server = HttpMcpServer.start(WorkspaceMcp.of(ws), "127.0.0.1", 0, TOKEN);
    client = client(TOKEN, logs, progress);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (ws != null) {
      ws.close();
    }
  }

  private McpSyncClient client(String token, List<McpSchema.LoggingMessageNotification> logSink,
      List<McpSchema.ProgressNotification> progressSink) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
        .endpoint(HttpMcpServer.ENDPOINT)
        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
        .build();
    McpSyncClient c = McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(120))
        .loggingConsumer(logSink::add)
        .progressConsumer(progressSink::add)
        .build();
    c.initialize();
    return c;
  }

  @Test
  void initializesAsMirage4j() {
    assertThat(client.getServerInfo().name()).isEqualTo("mirage4j");
    assertThat(client.getServerCapabilities().tools()).isNotNull();
    assertThat(client.getServerCapabilities().resources()).isNotNull();
  }

  @Test
  void listsEightTools() {
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
  void fileTools() {
    McpScenario.fileToolsWork(client);
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

  @Test
  void outputArrivesAsLoggingNotificationsWhileTheCommandRuns() throws Exception {
    logs.clear();
    CallToolResult r = McpScenario.call(client, "shell", Map.of("command", "for i in 1 2 3; do echo line$i; sleep 0.2; done"));
    assertThat(McpScenario.text(r)).isEqualTo("line1\nline2\nline3\n");
    awaitSize(logs, 3);
    assertThat(logs).extracting(McpSchema.LoggingMessageNotification::data).containsExactly("line1\n", "line2\n", "line3\n");
    assertThat(logs).extracting(McpSchema.LoggingMessageNotification::logger).containsOnly("shell.stdout");
  }

  @Test
  void outputArrivesAsProgressNotificationsWithAProgressToken() throws Exception {
    progress.clear();
    CallToolRequest request = CallToolRequest.builder("shell")
        .arguments(Map.of("command", "echo out; echo err >&2; echo more"))
        .progressToken("tok-1")
        .build();
    CallToolResult r = client.callTool(request);
    assertThat(McpScenario.text(r)).contains("out\nmore\n").contains("err");
    awaitSize(progress, 3);
    assertThat(progress).extracting(McpSchema.ProgressNotification::progressToken).containsOnly("tok-1");
    assertThat(progress).extracting(McpSchema.ProgressNotification::message).containsExactlyInAnyOrder("out\n", "err\n", "more\n");
    // The SDK's client hands notifications to its consumers on more than one thread, so they may
    // arrive here in another order than they were sent: McpStdioIT checks the order on the wire.
    assertThat(progress).extracting(McpSchema.ProgressNotification::progress)
        .doesNotHaveDuplicates().contains(13.0).allSatisfy(p -> assertThat(p).isBetween(4.0, 13.0));
  }

  /**
   * A client leaves while its {@code sleep 5} runs: the next client is served at once (in a session
   * of its own: the default session runs one line at a time, so it is free again when the sleep
   * ends).
   */
  /** The client hands notifications to its consumers apart from results: one may come a moment after. */
  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void aClientThatLeavesMidCallDoesNotStopTheServer() throws Exception {
    McpSyncClient leaving = client(TOKEN, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    CompletableFuture<CallToolResult> call = CompletableFuture.supplyAsync(
        () -> McpScenario.call(leaving, "shell", Map.of("command", "sleep 5; echo late")));
    Thread.sleep(1000);
    leaving.close();
    assertThat(call).failsWithin(Duration.ofSeconds(10));
    McpSyncClient next = client(TOKEN, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    try {
      long start = System.nanoTime();
      CallToolResult r = McpScenario.call(next, "shell", Map.of("command", "echo hi", "session", "next"));
      assertThat(McpScenario.text(r)).isEqualTo("hi\n");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      McpScenario.shellEchoes(next);
    } finally {
      next.close();
    }
  }

  @Test
  void requestsWithoutTheRightTokenGet401() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN}) {
      HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint())
          .header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(initialize));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
    HttpResponse<InputStream> ok = http.send(HttpRequest.newBuilder(server.endpoint())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(initialize)).build(), HttpResponse.BodyHandlers.ofInputStream());
    ok.body().close();
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void aClientWithAWrongTokenCannotConnect() {
    assertThatThrownBy(() -> client("wrong", new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()))
        .hasStackTraceContaining("McpHttpClientTransportAuthorizationException");
  }

  @Test
  void refusesANonLoopbackAddressWithoutAToken() {
    assertThatThrownBy(() -> HttpMcpServer.start(WorkspaceMcp.of(ws), "0.0.0.0", 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0.0.0 is not a loopback address")
        .hasMessageContaining("bearer token");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = McpCommand.run(new McpCommand(InputStream.nullInputStream(), new ByteArrayOutputStream(),
        new PrintStream(err, true, StandardCharsets.UTF_8)), new String[] {"--http", "0", "--host", "0.0.0.0", "--token", ""},
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(McpCommand.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("0.0.0.0 is not a loopback address").contains("MIRAGE4J_MCP_TOKEN");
  }

  @Test
  void servesEveryAddressWithAToken() throws Exception {
    try (HttpMcpServer open = HttpMcpServer.start(WorkspaceMcp.of(ws), "0.0.0.0", 0, "another-token")) {
      HttpClient http = HttpClient.newHttpClient();
      String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
      URI endpoint = URI.create("http://127.0.0.1:" + open.port() + HttpMcpServer.ENDPOINT);
      HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(ping));
      assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = http.send(request.header("Authorization", "Bearer another-token").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("\"name\":\"mirage4j\"");
    }
  }

  @Test
  void aMalformedRequestGetsAnErrorAndServingGoesOn() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String body : new String[] {"this is not json", "{\"jsonrpc\":\"2.0\",\"id\":1}", "[1,2]"}) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint())
          .header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream")
          .header("Authorization", "Bearer " + TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(body + " -> " + response.body()).isBetween(400, 499);
    }
    McpScenario.shellEchoes(client);
  }

  /** A page on a name that resolves to 127.0.0.1 (DNS rebinding) sends its own name as Host. */
  @Test
  void aRequestNamingAnotherHostIsRefusedOnLoopback() throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      String request = "POST /mcp HTTP/1.1\r\nHost: rebound.example:" + server.port() + "\r\n"
          + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
          + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length() + "\r\n"
          + "Connection: close\r\n\r\n" + body;
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 421");
    }
  }

  @Test
  void aRequestFromAForeignWebPageIsRefused() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("Authorization", "Bearer " + TOKEN)
        .header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
  }

}
