package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.function.HostFunction;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The tools of another MCP server (here: a workspace served over HTTP) as host functions of an agent's workspace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHostFunctionsIT {
  private static final String TOKEN = "token-of-the-document-store";
  private Workspace store;
  private HttpMcpServer server;
  private McpSyncClient client;
  private Workspace agent;

  @BeforeAll
  void start() {
    Resource docs = Resources.inMemory();
    docs.write("/pyodide.md", "Pyodide runs CPython in WebAssembly.\nTODO: snapshots\n".getBytes(StandardCharsets.UTF_8));
    docs.write("/jspi.md", "JSPI lets WebAssembly wait for promises.\n".getBytes(StandardCharsets.UTF_8));
    store = Workspace.builder().mount("/docs", docs).cwd("/docs").build();
    server = HttpMcpServer.start(WorkspaceMcp.of(store), "127.0.0.1", 0, TOKEN);
    client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
            .endpoint(HttpMcpServer.ENDPOINT)
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN))
            .build())
        .requestTimeout(Duration.ofSeconds(60))
        .build();
    client.initialize();
    Workspace.Builder b = Workspace.builder().mount("/work", Resources.inMemory()).cwd("/work");
    List<HostFunction> functions = McpHostFunctions.of(client, "store_");
    functions.forEach(b::function);
    agent = b.build();
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {agent, client, server, store}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing what the test opened
      }
    }
  }

  @Test
  void onePythonCallChainsSeveralToolsOfTheOtherServer() {
    ExecResult r = agent.execute("""
        python3 -c '
        from mirage4j import tools
        hits = tools.store_grep(pattern="WebAssembly", path="/docs")
        for path in sorted({match["path"] for match in hits["matches"]}):
            print(path, tools.store_read(path=path)["content"].splitlines()[0])
        try:
            tools.store_read(path="/docs/missing.md")
        except Exception as e:
            print(type(e).__name__, "missing.md" in str(e))
        '""");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("""
        /docs/jspi.md JSPI lets WebAssembly wait for promises.
        /docs/pyodide.md Pyodide runs CPython in WebAssembly.
        HostError True
        """);
  }
}
