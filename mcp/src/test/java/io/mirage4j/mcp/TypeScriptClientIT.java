package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client nobody here wrote: the official TypeScript SDK ({@code @modelcontextprotocol/sdk},
 * pinned in {@code src/test/js/package-lock.json}, installed by the build), run by the bundled
 * Node, starts the server on stdio, lists the tools, calls each once, reads a resource and sends
 * bad arguments ({@code src/test/js/client.mjs}); this test checks what it saw.
 */
class TypeScriptClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theTypeScriptSdkClientListsCallsReadsAndGetsErrors() throws Exception {
    Path config = ServerProcess.config(dir);
    Path script = Path.of(System.getProperty("mirage4j.ts.client.dir"), "client.mjs");
    ProcessBuilder builder = new ProcessBuilder(System.getProperty("mirage4j.build.node"), script.toString())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .directory(script.getParent().toFile());
    builder.environment().put("MIRAGE4J_MCP_SERVER", JSON.writeValueAsString(ServerProcess.command(config)));
    Process node = builder.start();
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("the TypeScript client finishes").isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    List<String> out = Files.readAllLines(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as(stderr).isZero();
    JsonNode seen = JSON.readTree(out.get(out.size() - 1));

    assertThat(seen.at("/server/name").asText()).isEqualTo("mirage4j");
    List<String> names = new ArrayList<>();
    seen.get("tools").forEach(t -> names.add(t.get("name").asText()));
    assertThat(names).containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
    seen.get("tools").forEach(t -> {
      assertThat(t.get("additionalProperties").asBoolean(true)).isFalse();
      boolean readOnly = List.of("read", "ls", "glob", "grep").contains(t.get("name").asText());
      assertThat(t.get("readOnlyHint").asBoolean()).as(t.toString()).isEqualTo(readOnly);
    });

    JsonNode calls = seen.get("calls");
    calls.fields().forEachRemaining(c -> assertThat(c.getValue().get("isError").asBoolean()).as(c.toString()).isFalse());
    assertThat(calls.at("/shell/text").asText()).isEqualTo("hi\n");
    assertThat(calls.at("/shell/structured/exitCode").asInt(-1)).isZero();
    assertThat(calls.at("/python/text").asText()).isEqualTo("2\n");
    assertThat(calls.at("/read/text").asText()).contains("alpha").contains("gamma").doesNotContain("beta");
    assertThat(calls.at("/ls/text").asText()).contains("ts.txt").contains("hello.txt");
    assertThat(calls.at("/glob/text").asText()).contains("/data/ts.txt");
    assertThat(calls.at("/grep/text").asText()).contains("/data/ts.txt:2:gamma");
    assertThat(Files.readString(dir.resolve("data/ts.txt"))).isEqualTo("alpha\ngamma\n");

    List<String> uris = new ArrayList<>();
    seen.get("resources").forEach(u -> uris.add(u.asText()));
    assertThat(uris).contains("file:///data/hello.txt");
    assertThat(seen.at("/resource/uri").asText()).isEqualTo("file:///data/hello.txt");
    assertThat(seen.at("/resource/text").asText()).isEqualTo("hello\n");

    assertThat(seen.at("/badArguments/isError").asBoolean()).isTrue();
    assertThat(seen.at("/badArguments/text").asText()).contains("file");
    assertThat(seen.at("/wrongType/isError").asBoolean()).isTrue();
    assertThat(seen.at("/wrongType/text").asText()).contains("command");
    assertThat(seen.at("/unknownTool/threw").asBoolean()).isTrue();
    assertThat(seen.at("/unknownTool/code").asInt()).isEqualTo(-32602);
  }
}
