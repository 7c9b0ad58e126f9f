package io.mirage4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.tools.ToolArgumentException;
import io.mirage4j.tools.WorkspaceTool;
import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.execution.DefaultToolExecutionExceptionProcessor;
import org.springframework.ai.tool.execution.ToolExecutionException;

/** The callbacks over an in-memory workspace (no python3: see SpringAiAgentIT). */
class WorkspaceToolCallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Resource data = Resources.inMemory();
  private final Workspace ws = Workspace.builder().mount("/data", data).build();
  private final WorkspaceTools tools = WorkspaceTools.of(ws);
  private final ToolCallback[] callbacks = new WorkspaceToolCallbackProvider(tools).getToolCallbacks();

  @AfterEach
  void close() {
    ws.close();
  }

  private ToolCallback callback(String name) {
    return Arrays.stream(callbacks).filter(c -> c.getToolDefinition().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void eachDefinitionIsTheToolsNameDescriptionAndSchema() throws Exception {
    assertThat(callbacks).extracting(c -> c.getToolDefinition().name())
        .containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
    for (WorkspaceTool tool : tools.all()) {
      ToolCallback callback = callback(tool.name());
      assertThat(callback.getToolDefinition().description()).isEqualTo(tool.description());
      assertThat(JSON.readTree(callback.getToolDefinition().inputSchema()).toString()).isEqualTo(tool.inputSchema().toString());
      assertThat(callback.getToolMetadata().returnDirect()).isFalse();
    }
  }

  @Test
  void aCallReturnsTheResultTextAndAFailedCommandSaysSo() {
    assertThat(callback("write").call("{\"path\": \"/data/a.txt\", \"content\": \"hi\\n\"}"))
        .isEqualTo("created /data/a.txt (3 bytes)");
    assertThat(new String(data.read("/a.txt"), StandardCharsets.UTF_8)).isEqualTo("hi\n");
    assertThat(callback("shell").call("{\"command\": \"cat /data/a.txt /data/nope\"}"))
        .isEqualTo("hi\n[stderr]\ncat: /data/nope: No such file or directory\n[exit code 1]\n");
    assertThat(callback("ls").call("")).isEqualTo(callback("ls").call("{}"));
  }

  @Test
  void badArgumentsThrowAToolExecutionExceptionNamingTheToolAndTheArgument() {
    assertThatThrownBy(() -> callback("shell").call("{\"command\": "))
        .isInstanceOf(ToolExecutionException.class)
        .hasMessageStartingWith("shell: the arguments are not valid JSON: ")
        .satisfies(e -> assertThat(((ToolExecutionException) e).getToolDefinition().name()).isEqualTo("shell"))
        .hasCauseInstanceOf(ToolArgumentException.class);
    assertThatThrownBy(() -> callback("read").call("{\"path\": \"/data/a.txt\", \"offset\": 0}"))
        .isInstanceOf(ToolExecutionException.class)
        .hasMessage("read: argument \"offset\" must be between 1 and 2147483647, not 0");
  }

  @Test
  void theToolCallingManagerHandsARefusalToTheModelOrRethrowsItAsConfigured() {
    ws.execute("echo x > /data/a.txt");
    Prompt prompt = new Prompt(List.of(new UserMessage("go")),
        ToolCallingChatOptions.builder().toolCallbacks(callbacks).build());
    ChatResponse asks = new ChatResponse(List.of(new Generation(AssistantMessage.builder().content("")
        .toolCalls(List.of(
            new AssistantMessage.ToolCall("1", "function", "edit", "{\"path\": \"/data/a.txt\"}"),
            new AssistantMessage.ToolCall("2", "function", "read", "{\"path\": \"/data/a.txt\"}")))
        .build())));

    ToolExecutionResult result = ToolCallingManager.builder().build().executeToolCalls(prompt, asks);
    ToolResponseMessage responses = (ToolResponseMessage) result.conversationHistory()
        .get(result.conversationHistory().size() - 1);
    assertThat(responses.getResponses()).extracting(ToolResponseMessage.ToolResponse::responseData)
        .containsExactly("edit: missing required argument \"old_string\"", "x\n");

    ToolCallingManager strict = ToolCallingManager.builder()
        .toolExecutionExceptionProcessor(DefaultToolExecutionExceptionProcessor.builder().alwaysThrow(true).build())
        .build();
    assertThatThrownBy(() -> strict.executeToolCalls(prompt, asks))
        .isInstanceOf(ToolExecutionException.class)
        .hasMessage("edit: missing required argument \"old_string\"");
  }
}
