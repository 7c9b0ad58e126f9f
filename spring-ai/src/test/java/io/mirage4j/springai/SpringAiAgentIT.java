package io.mirage4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Spring AI's own tool-calling loop (ChatClient's tool-calling advisor and ToolCallingManager)
 * calls the workspace's tools, python on a real sidecar included, as a scripted model asks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpringAiAgentIT {
  private final Resource data = Resources.inMemory();
  private final Workspace ws = Workspace.builder().mount("/data", data).build();

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void chatClientRunsTheWorkspacesToolsAndTheModelReadsEachResult() {
    ScriptedChatModel model = new ScriptedChatModel()
        .call("write", "{\"path\": \"/data/notes.txt\", \"content\": \"tea 2\\ncake 4\\n\"}")
        .call("shell", "{\"command\": \"cat notes.txt\", \"cwd\": \"/data\"}")
        .call("python", "{\"code\": \"import sys\\nrows = [l.split() for l in open('/data/notes.txt')]\\n"
            + "print(sum(int(n) for _, n in rows), sys.argv[1:])\", \"args\": [\"x\"]}")
        .call("read", "{\"file\": \"/data/notes.txt\"}")
        .call("shell", "{\"command\": \"echo total=6 >> /data/notes.txt && wc -l < /data/notes.txt\"}")
        .answer("The total is 6.");

    String answer = ChatClient.create(model)
        .prompt("Note the prices and total them")
        .tools(WorkspaceToolCallbackProvider.of(ws))
        .call()
        .content();

    assertThat(answer).isEqualTo("The total is 6.");
    assertThat(model.prompts()).hasSize(6);
    assertThat(model.toolResultIn(1).name()).isEqualTo("write");
    assertThat(model.toolResultIn(1).responseData()).isEqualTo("created /data/notes.txt (13 bytes)");
    assertThat(model.toolResultIn(2).responseData()).isEqualTo("tea 2\ncake 4\n");
    assertThat(model.toolResultIn(3).responseData()).isEqualTo("6 ['x']\n");
    assertThat(model.toolResultIn(4).responseData())
        .isEqualTo("read: unknown argument \"file\"; expected path, offset, limit, session");
    assertThat(model.toolResultIn(5).responseData()).isEqualTo("3\n");
    assertThat(new String(data.read("/notes.txt"), StandardCharsets.UTF_8)).isEqualTo("tea 2\ncake 4\ntotal=6\n");
    ToolCallingChatOptions options = (ToolCallingChatOptions) model.prompts().get(0).getOptions();
    assertThat(options.getToolCallbacks()).extracting(c -> c.getToolDefinition().name())
        .containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
  }

  @Test
  void aPythonErrorIsAResultTheModelReads() {
    ToolCallback python = WorkspaceToolCallbackProvider.of(ws).getToolCallbacks()[1];
    assertThat(python.call("{\"code\": \"print('partial')\\n1/0\"}"))
        .startsWith("partial\n[stderr]\nTraceback (most recent call last):\n")
        .contains("ZeroDivisionError: division by zero\n")
        .endsWith("[exit code 1]\n");
  }
}
