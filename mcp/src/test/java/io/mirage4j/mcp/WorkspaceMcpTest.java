package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The features over an in-memory workspace (no python3, no transport: the ITs run those). */
class WorkspaceMcpTest {
  private final Resource data = Resources.inMemory();
  private final Workspace ws;

  WorkspaceMcpTest() {
    data.mkdir("/src");
    data.write("/src/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    data.write("/b.bin", new byte[] {0, 1, (byte) 0xff});
    data.write("/c.txt", "c\n".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder().mount("/data", data).build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private static Map<String, SyncToolSpecification> byName(WorkspaceMcp mcp) {
    return mcp.tools().stream().collect(Collectors.toMap(t -> t.tool().name(), t -> t));
  }

  private static String text(CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  @Test
  void describesEachToolWithItsSchemaAndAnnotations() {
    WorkspaceMcp mcp = WorkspaceMcp.of(ws);
    assertThat(mcp.tools()).extracting(t -> t.tool().name())
        .containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
    Map<String, SyncToolSpecification> tools = byName(mcp);
    assertThat(tools.get("grep").tool().inputSchema()).containsEntry("type", "object").containsEntry("additionalProperties", false);
    assertThat(tools.get("grep").tool().annotations().readOnlyHint()).isTrue();
    assertThat(tools.get("edit").tool().annotations().destructiveHint()).isTrue();
    assertThat(tools.get("write").tool().annotations().idempotentHint()).isTrue();
    assertThat(tools.get("shell").tool().annotations().idempotentHint()).isNull();
    assertThat(tools.values()).allSatisfy(t -> assertThat(t.tool().annotations().openWorldHint()).isFalse());
  }

  @Test
  void resultsCarryTextStructuredContentAndIsError() {
    Map<String, SyncToolSpecification> tools = byName(WorkspaceMcp.of(ws));
    CallToolResult ok = tools.get("read").callHandler().apply(null, new CallToolRequest("read", Map.of("path", "/data/src/a.txt")));
    assertThat(ok.isError()).isFalse();
    assertThat(text(ok)).contains("alpha");
    assertThat(ok.structuredContent()).isInstanceOf(Map.class);
    CallToolResult missing = tools.get("read").callHandler().apply(null, new CallToolRequest("read", Map.of("path", "/data/none")));
    assertThat(missing.isError()).isTrue();
    assertThat(text(missing)).contains("No such file");
  }

  @Test
  void argumentsTheToolRefusesAreAnErrorResultAndNothingRuns() {
    Map<String, SyncToolSpecification> tools = byName(WorkspaceMcp.of(ws));
    CallToolResult r = tools.get("write").callHandler().apply(null,
        new CallToolRequest("write", Map.of("path", "/data/new.txt", "content", "x", "mode", "append")));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo("write: unknown argument \"mode\"; expected path, content, session");
    assertThat(ws.fs().exists("/data/new.txt")).isFalse();
  }

  @Test
  void refusesArgumentsLargerThanTheLimitBeforeRunning() {
    WorkspaceMcp mcp = WorkspaceMcp.builder(WorkspaceTools.of(ws)).maxArgumentChars(2000).build();
    CallToolResult r = byName(mcp).get("write").callHandler().apply(null,
        new CallToolRequest("write", Map.of("path", "/data/big.txt", "content", "y".repeat(3000))));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).startsWith("write: the arguments are 30").contains("more than the limit of 2000; nothing ran");
    assertThat(ws.fs().exists("/data/big.txt")).isFalse();
    CallToolResult small = byName(mcp).get("write").callHandler().apply(null,
        new CallToolRequest("write", Map.of("path", "/data/big.txt", "content", "y".repeat(1000))));
    assertThat(small.isError()).isFalse();
  }

  @Test
  void listsFilesUpToTheLimitAndReadsTextAndBlobs() {
    List<SyncResourceSpecification> all = WorkspaceMcp.of(ws).resources();
    assertThat(all).extracting(r -> r.resource().uri())
        .containsExactlyInAnyOrder("file:///data/b.bin", "file:///data/c.txt", "file:///data/src/a.txt");
    assertThat(WorkspaceMcp.builder(WorkspaceTools.of(ws)).maxListedFiles(2).build().resources()).hasSize(2);
    SyncResourceSpecification bin = all.stream().filter(r -> r.resource().uri().endsWith(".bin")).findFirst().orElseThrow();
    McpSchema.ReadResourceResult read = bin.readHandler().apply(null, new McpSchema.ReadResourceRequest("file:///data/b.bin"));
    assertThat(read.contents()).singleElement().isInstanceOfSatisfying(McpSchema.BlobResourceContents.class,
        b -> assertThat(b.blob()).isEqualTo("AAH/"));
    var template = WorkspaceMcp.of(ws).resourceTemplates().get(0);
    McpSchema.ReadResourceResult a = template.readHandler().apply(null, new McpSchema.ReadResourceRequest("file:///data/src/a.txt"));
    assertThat(a.contents()).singleElement().isInstanceOfSatisfying(McpSchema.TextResourceContents.class,
        t -> assertThat(t.text()).isEqualTo("alpha\n"));
    assertThatThrownBy(() -> template.readHandler().apply(null, new McpSchema.ReadResourceRequest("file:///data/src")))
        .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32002))
        .hasMessageContaining("is a directory");
    assertThatThrownBy(() -> template.readHandler().apply(null, new McpSchema.ReadResourceRequest("http://x/data/c.txt")))
        .isInstanceOf(McpError.class);
  }

  @Test
  void fileUrisEscapeAndTheTemplateMatchesAnyDepth() {
    assertThat(FileResources.uri("/data/a b/ü.txt")).isEqualTo("file:///data/a%20b/%C3%BC.txt");
    assertThat(FileResources.path("file:///data/a%20b/%C3%BC.txt")).isEqualTo("/data/a b/ü.txt");
    McpUriTemplateManager files = WorkspaceMcp.of(ws).uriTemplates().create("file:///{path}");
    assertThat(files.matches("file:///data/src/a.txt")).isTrue();
    assertThat(files.matches("file:///")).isFalse();
    assertThat(files.matches("mem:///data")).isFalse();
    McpUriTemplateManager other = WorkspaceMcp.of(ws).uriTemplates().create("docs://{name}");
    assertThat(other.matches("docs://intro")).isTrue();
    assertThat(other.matches("docs://a/b")).isFalse();
  }
}
