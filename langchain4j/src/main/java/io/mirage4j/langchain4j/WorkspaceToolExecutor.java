package io.mirage4j.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.mirage4j.tools.ToolArgumentException;
import io.mirage4j.tools.ToolCall;
import io.mirage4j.tools.ToolResult;
import io.mirage4j.tools.WorkspaceTool;
import java.util.Objects;

/**
 * Runs one workspace tool for LangChain4j: parses the model's JSON arguments, calls the tool and
 * gives back its text. A failed call (a command that exits non-zero, a missing file) and bad
 * arguments (arguments that are not JSON or do not match the tool's schema: nothing ran) both
 * come back as a result marked as an error whose text the model reads, so the agent loop goes
 * on and the model can correct itself; nothing is thrown for them.
 *
 * <pre>{@code
 * ToolExecutor read = new WorkspaceToolExecutor(WorkspaceTools.of(ws).tool("read").orElseThrow());
 * read.execute(ToolExecutionRequest.builder().name("read").arguments("{\"path\": \"/data/a.txt\"}").build(), null);
 * }</pre>
 */
public final class WorkspaceToolExecutor implements ToolExecutor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkspaceTool tool;

  public WorkspaceToolExecutor(WorkspaceTool tool) {
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  @Override
  public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
    JsonNode arguments;
    try {
      arguments = parse(request.arguments());
    } catch (JsonProcessingException e) {
      return error(tool.name() + ": the arguments are not valid JSON: " + e.getOriginalMessage());
    }
    try {
      ToolResult result = tool.call(arguments, ToolCall.quiet());
      return ToolExecutionResult.builder().isError(result.isError()).resultText(result.text()).build();
    } catch (ToolArgumentException e) {
      return error(e.getMessage());
    }
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    return executeWithContext(request, null).resultText();
  }

  /** The arguments as JSON; none (null or blank, as some models send for no arguments) is {}. */
  private static JsonNode parse(String arguments) throws JsonProcessingException {
    if (arguments == null || arguments.isBlank()) {
      return JSON.createObjectNode();
    }
    return JSON.readTree(arguments);
  }

  private static ToolExecutionResult error(String text) {
    return ToolExecutionResult.builder().isError(true).resultText(text).build();
  }
}
