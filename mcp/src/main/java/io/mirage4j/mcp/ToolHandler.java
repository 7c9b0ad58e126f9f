package io.mirage4j.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.tools.ToolArgumentException;
import io.mirage4j.tools.ToolCall;
import io.mirage4j.tools.ToolResult;
import io.mirage4j.tools.WorkspaceTool;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs one workspace tool for an MCP {@code tools/call}: the arguments as JSON, the output as it
 * is written sent back as notifications, the result as text content plus structured content.
 * Arguments that do not fit the tool's schema, or that are larger than the limit, give a result
 * with {@code isError} set and a message naming what is wrong (a tool execution error, which the
 * model reads and can correct, as the MCP specification asks for input validation errors).
 */
final class ToolHandler implements BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final WorkspaceTool tool;
  private final int maxArgumentChars;

  ToolHandler(WorkspaceTool tool, int maxArgumentChars) {
    this.tool = tool;
    this.maxArgumentChars = maxArgumentChars;
  }

  @Override
  public CallToolResult apply(McpSyncServerExchange exchange, CallToolRequest request) {
    JsonNode arguments = MAPPER.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
    String tooLarge = tooLarge(arguments);
    if (tooLarge != null) {
      return failure(tooLarge);
    }
    ToolResult result;
    try (LiveNotifications live = new LiveNotifications(exchange, tool.name(), request.progressToken())) {
      result = tool.call(arguments, new ToolCall(live.stdout(), live.stderr()));
    } catch (ToolArgumentException e) {
      return failure(e.getMessage());
    }
    return CallToolResult.builder()
        .content(List.of(McpSchema.TextContent.builder(result.text()).build()))
        .structuredContent(MAPPER.convertValue(result.structured(), MAP))
        .isError(result.isError())
        .build();
  }

  private String tooLarge(JsonNode arguments) {
    int chars;
    try {
      chars = MAPPER.writeValueAsString(arguments).length();
    } catch (JsonProcessingException e) {
      return tool.name() + ": the arguments cannot be read as JSON: " + e.getOriginalMessage();
    }
    if (chars <= maxArgumentChars) {
      return null;
    }
    return tool.name() + ": the arguments are " + chars + " characters of JSON, more than the limit of "
        + maxArgumentChars + "; nothing ran. Send less at once: write a long text"
        + " in parts (write the first, then add each next part with edit or with shell's >>).";
  }

  private static CallToolResult failure(String message) {
    return CallToolResult.builder()
        .content(List.of(McpSchema.TextContent.builder(message).build()))
        .isError(true)
        .build();
  }
}
