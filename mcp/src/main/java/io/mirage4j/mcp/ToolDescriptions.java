package io.mirage4j.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.tools.WorkspaceTool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Set;

/**
 * A workspace tool as an MCP tool: its name, description, input schema and annotations. The
 * read-only tools say so; the others may change files ({@code destructiveHint}), and {@code write}
 * has the same effect when called twice with the same arguments ({@code idempotentHint}). None
 * reaches outside the workspace (there is no network): {@code openWorldHint} is false.
 */
final class ToolDescriptions {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final Set<String> IDEMPOTENT = Set.of("write");

  private ToolDescriptions() {}

  static McpSchema.Tool describe(WorkspaceTool tool) {
    return McpSchema.Tool.builder(tool.name(), MAPPER.convertValue(tool.inputSchema(), MAP))
        .description(tool.description())
        .annotations(annotations(tool))
        .build();
  }

  static McpSchema.ToolAnnotations annotations(WorkspaceTool tool) {
    if (tool.readOnly()) {
      return McpSchema.ToolAnnotations.builder().readOnlyHint(true).openWorldHint(false).build();
    }
    McpSchema.ToolAnnotations.Builder b = McpSchema.ToolAnnotations.builder()
        .readOnlyHint(false)
        .destructiveHint(true)
        .openWorldHint(false);
    if (IDEMPOTENT.contains(tool.name())) {
      b.idempotentHint(true);
    }
    return b.build();
  }
}
