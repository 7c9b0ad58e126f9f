package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The desktop client configuration and the workspace file under examples/mcp are valid and agree. */
class ExampleConfigTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "mcp");

  @Test
  void theDesktopConfigStartsTheServerWithTheExampleWorkspace() throws Exception {
    JsonNode server = new ObjectMapper().readTree(EXAMPLES.resolve("claude_desktop_config.json").toFile()).at("/mcpServers/mirage4j");
    assertThat(server.get("command").asText()).endsWith("/mirage4j");
    List<String> args = new ArrayList<>();
    server.get("args").forEach(a -> args.add(a.asText()));
    assertThat(args).containsExactly("mcp", "--config", "/path/to/mirage4j/examples/mcp/workspace.yaml");
  }

  @Test
  void theExampleWorkspaceMountsItsDataDirectory() {
    try (Workspace ws = WorkspaceFromConfig.builder(EXAMPLES.resolve("workspace.yaml")).build()) {
      assertThat(ws.fs().exists("/data/hello.txt")).isTrue();
      assertThat(ws.fs().exists("/scratch")).isTrue();
      var pwd = ws.execute("pwd");
      assertThat(pwd.stdoutText()).isEqualTo("/data\n");
    }
  }
}
