package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every transport must do, checked through the MCP Java SDK's own client: the same calls
 * over stdio and over Streamable HTTP. The workspace has {@code /data} (writable) holding {@code
 * hello.txt} ("hello\n") from the start.
 */
final class McpScenario {
  private McpScenario() {}

  static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> structured(CallToolResult result) {
    return (Map<String, Object>) result.structuredContent();
  }

  static void listsEightToolsWithSchemasAndAnnotations(McpSyncClient client) {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools).extracting(McpSchema.Tool::name)
        .containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
    Map<String, McpSchema.Tool> byName = tools.stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
    for (McpSchema.Tool tool : tools) {
      assertThat(tool.description()).hasSizeGreaterThan(40);
      assertThat(tool.inputSchema().get("type")).isEqualTo("object");
      assertThat(tool.inputSchema().get("additionalProperties")).isEqualTo(false);
      assertThat(((Map<?, ?>) tool.inputSchema().get("properties")).keySet()).asString().contains("session");
    }
    assertThat(byName.get("shell").inputSchema().get("required")).isEqualTo(List.of("command"));
    for (String readOnly : List.of("read", "ls", "glob", "grep")) {
      assertThat(byName.get(readOnly).annotations().readOnlyHint()).as(readOnly).isTrue();
      assertThat(byName.get(readOnly).annotations().destructiveHint()).as(readOnly).isNull();
    }
    for (String changes : List.of("shell", "python", "write", "edit")) {
      assertThat(byName.get(changes).annotations().readOnlyHint()).as(changes).isFalse();
      assertThat(byName.get(changes).annotations().destructiveHint()).as(changes).isTrue();
    }
    assertThat(byName.get("write").annotations().idempotentHint()).isTrue();
    assertThat(byName.get("edit").annotations().idempotentHint()).isNull();
  }

  static void shellEchoes(McpSyncClient client) {
    CallToolResult r = call(client, "shell", Map.of("command", "echo hi"));
    assertThat(r.isError()).isFalse();
    assertThat(text(r)).isEqualTo("hi\n");
    assertThat(structured(r)).containsEntry("stdout", "hi\n").containsEntry("exitCode", 0);
  }

  static void shellFailureIsAnErrorResult(McpSyncClient client) {
    CallToolResult r = call(client, "shell", Map.of("command", "cat /data/missing.txt"));
    assertThat(r.isError()).isTrue();
    assertThat(structured(r)).containsEntry("exitCode", 1);
    assertThat(text(r)).contains("/data/missing.txt").contains("No such file");
  }

  static void pythonRuns(McpSyncClient client) {
    CallToolResult r = call(client, "python", Map.of("code", "import sys\nprint(1+1)\nprint(sys.version_info[0])"));
    assertThat(r.isError()).as(text(r)).isFalse();
    assertThat(text(r)).isEqualTo("2\n3\n");
    assertThat(structured(r)).containsEntry("exitCode", 0);
  }

  static void fileToolsWork(McpSyncClient client) {
    CallToolResult w = call(client, "write", Map.of("path", "/data/notes.txt", "content", "one\ntwo\n"));
    assertThat(w.isError()).as(text(w)).isFalse();
    CallToolResult e = call(client, "edit", Map.of("path", "/data/notes.txt", "old_string", "two", "new_string", "three"));
    assertThat(e.isError()).as(text(e)).isFalse();
    CallToolResult r = call(client, "read", Map.of("path", "/data/notes.txt"));
    assertThat(r.isError()).isFalse();
    assertThat(text(r)).contains("one").contains("three").doesNotContain("two");
    CallToolResult ls = call(client, "ls", Map.of("path", "/data"));
    assertThat(text(ls)).contains("notes.txt").contains("hello.txt");
    CallToolResult glob = call(client, "glob", Map.of("pattern", "**/*.txt", "path", "/data"));
    assertThat(text(glob)).contains("/data/notes.txt").contains("/data/hello.txt");
    CallToolResult grep = call(client, "grep", Map.of("pattern", "^th", "path", "/data"));
    assertThat(grep.isError()).isFalse();
    assertThat(text(grep)).contains("/data/notes.txt:2:three");
    CallToolResult cat = call(client, "shell", Map.of("command", "cat /data/notes.txt"));
    assertThat(text(cat)).isEqualTo("one\nthree\n");
  }

  static void namedSessionKeepsItsDirectory(McpSyncClient client) {
    CallToolResult cd = call(client, "shell", Map.of("command", "mkdir -p /data/sub && cd /data/sub", "session", "s1"));
    assertThat(cd.isError()).as(text(cd)).isFalse();
    assertThat(text(call(client, "shell", Map.of("command", "pwd", "session", "s1")))).isEqualTo("/data/sub\n");
    assertThat(text(call(client, "shell", Map.of("command", "pwd")))).isNotEqualTo("/data/sub\n");
    assertThat(text(call(client, "shell", Map.of("command", "pwd", "session", "s2")))).isNotEqualTo("/data/sub\n");
  }

  static void readsFilesAsResources(McpSyncClient client) {
    assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).contains("file:///data/hello.txt");
    assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
        .containsExactly("file:///{path}");
    McpSchema.ReadResourceResult hello = client.readResource(new McpSchema.ReadResourceRequest("file:///data/hello.txt"));
    assertThat(hello.contents()).singleElement().isInstanceOfSatisfying(McpSchema.TextResourceContents.class,
        c -> assertThat(c.text()).isEqualTo("hello\n"));
    CallToolResult made = call(client, "python",
        Map.of("code", "import os\nos.makedirs('/data/a dir')\nopen('/data/a dir/b.bin', 'wb').write(b'x\\x00\\xff')"));
    assertThat(made.isError()).as(text(made)).isFalse();
    McpSchema.ReadResourceResult bin = client.readResource(new McpSchema.ReadResourceRequest("file:///data/a%20dir/b.bin"));
    assertThat(bin.contents()).singleElement().isInstanceOfSatisfying(McpSchema.BlobResourceContents.class,
        c -> assertThat(c.blob()).isEqualTo("eAD/"));
    assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("file:///data/none.txt")))
        .isInstanceOfSatisfying(McpError.class,
            e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND))
        .hasMessageContaining("/data/none.txt");
  }

  static void badArgumentsAreErrorResults(McpSyncClient client) {
    CallToolResult unknown = call(client, "read", Map.of("file", "/data/hello.txt"));
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown)).contains("file");
    CallToolResult wrongType = call(client, "shell", Map.of("command", 5));
    assertThat(wrongType.isError()).isTrue();
    assertThat(text(wrongType)).contains("command");
    CallToolResult missing = call(client, "write", Map.of("path", "/data/x.txt"));
    assertThat(missing.isError()).isTrue();
    assertThat(text(missing)).contains("content");
    CallToolResult badPattern = call(client, "grep", Map.of("pattern", "("));
    assertThat(badPattern.isError()).isTrue();
    assertThat(text(badPattern)).startsWith("grep: invalid pattern");
    assertThat(text(call(client, "shell", Map.of("command", "ls /data")))).doesNotContain("x.txt");
  }

  static void unknownToolIsAProtocolError(McpSyncClient client) {
    assertThatThrownBy(() -> call(client, "nope", Map.of()))
        .isInstanceOfSatisfying(McpError.class,
            e -> {
              assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
              assertThat(String.valueOf(e.getJsonRpcError().data())).contains("nope");
            });
  }

  static void hugeArgumentIsRefusedAndServingGoesOn(McpSyncClient client) {
    String command = "echo " + "a".repeat(5 * 1024 * 1024);
    CallToolResult r = call(client, "shell", Map.of("command", command));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).startsWith("shell: the arguments are ").contains("more than the limit of 1048576").contains("nothing ran");
    shellEchoes(client);
  }
}
