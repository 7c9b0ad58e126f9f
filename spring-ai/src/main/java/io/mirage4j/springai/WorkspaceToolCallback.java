package io.mirage4j.springai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.tools.ToolArgumentException;
import io.mirage4j.tools.ToolCall;
import io.mirage4j.tools.WorkspaceTool;
import java.util.Objects;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;

/**
 * One workspace tool as a Spring AI {@link ToolCallback}: its name, description and JSON Schema as
 * the {@link ToolDefinition}, and {@link #call(String)} running it on the model's JSON arguments.
 *
 * <p>A call that ran and failed (a command that exits non-zero, a missing file) returns its text,
 * which says so, like any result. Arguments the tool refuses (not JSON, or not matching its
 * schema: nothing ran) throw a {@link ToolExecutionException} whose message says what is wrong,
 * as Spring AI's own callbacks do: the {@code ToolCallingManager}'s default exception processor
 * hands that message to the model and the loop goes on; a host that configured it to rethrow
 * gets the exception.
 *
 * <pre>{@code
 * ToolCallback read = new WorkspaceToolCallback(WorkspaceTools.of(ws).tool("read").orElseThrow());
 * read.getToolDefinition().inputSchema(); // {"type":"object","properties":{"path":...},...}
 * read.call("{\"path\": \"/data/a.txt\"}");
 * }</pre>
 */
public final class WorkspaceToolCallback implements ToolCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkspaceTool tool;
  private final ToolDefinition definition;

  public WorkspaceToolCallback(WorkspaceTool tool) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.definition = ToolDefinition.builder()
        .name(tool.name())
        .description(tool.description())
        .inputSchema(tool.inputSchema().toString())
        .build();
  }

  @Override
  public ToolDefinition getToolDefinition() {
    return definition;
  }

  /**
   * Runs the tool and returns the text the model reads.
   *
   * @throws ToolExecutionException when the arguments are not JSON or do not match the tool's schema
   */
  @Override
  public String call(String toolInput) {
    JsonNode arguments;
    try {
      arguments = toolInput == null || toolInput.isBlank() ? JSON.createObjectNode() : JSON.readTree(toolInput);
    } catch (JsonProcessingException e) {
      throw refused(new ToolArgumentException(
          tool.name() + ": the arguments are not valid JSON: " + e.getOriginalMessage()));
    }
    try {
      return tool.call(arguments, ToolCall.quiet()).text();
    } catch (ToolArgumentException e) {
      throw refused(e);
    }
  }

  private ToolExecutionException refused(ToolArgumentException cause) {
    return new ToolExecutionException(definition, cause);
  }
}
