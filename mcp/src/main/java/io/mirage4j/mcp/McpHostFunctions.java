package io.mirage4j.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mirage4j.function.ArgumentSchema;
import io.mirage4j.function.HostFunction;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tools of another MCP server as host functions: an agent sends one {@code python} call that
 * chains several of them ({@code hits = tools.grep(pattern="TODO", path="/src"); …}). Each tool
 * becomes a function of the same name (characters a Python name cannot hold become {@code _}, a
 * {@code prefix} may be put in front) whose call is the client's {@code tools/call}: the result's
 * structured content when it has some, else its text (one string, or a list of strings), other
 * content as JSON; a result flagged as an error raises {@code mirage4j.HostError} with its text.
 *
 * <p>The tool's input schema becomes the function's, keeping what {@link ArgumentSchema} checks
 * and dropping the rest (patterns, {@code anyOf}, references, properties whose names are no Python
 * identifiers): Python checks what it can, and the server checks all of it.
 *
 * <pre>{@code
 * McpSyncClient store = McpClient.sync(transport).build();
 * store.initialize();
 * Workspace.Builder agent = Workspace.builder().mount("/work", Resources.inMemory());
 * McpHostFunctions.of(store).forEach(agent::function);
 * agent.build().execute("python3 -c 'from mirage4j import tools; print(tools.grep(pattern=\"TODO\"))'");
 * }</pre>
 */
public final class McpHostFunctions {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> KEPT = Set.of("type", "properties", "required", "additionalProperties", "items",
      "enum", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "description", "title",
      "default", "examples");
  private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "null", "array", "object");

  private McpHostFunctions() {}

  /** Every tool {@code client} lists (all pages), as host functions of the same names. */
  public static List<HostFunction> of(McpSyncClient client) {
    return of(client, "");
  }

  /** Every tool {@code client} lists, as host functions named {@code prefix + name}. */
  public static List<HostFunction> of(McpSyncClient client, String prefix) {
    List<HostFunction> functions = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
      for (McpSchema.Tool tool : page.tools()) {
        functions.add(function(client, tool, prefix));
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return functions;
  }

  /** The host function that calls {@code tool} through {@code client}. */
  public static HostFunction function(McpSyncClient client, McpSchema.Tool tool, String prefix) {
    String name = pythonName(prefix + tool.name());
    ObjectNode schema = schema(MAPPER.valueToTree(tool.inputSchema() == null ? Map.of() : tool.inputSchema()));
    String description = tool.description() == null ? tool.name() : tool.description();
    return HostFunction.of(name, description, schema, (args, context) -> {
      Map<String, Object> arguments = MAPPER.convertValue(args, Map.class);
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool.name(), arguments));
      if (Boolean.TRUE.equals(result.isError())) {
        throw new IllegalStateException(text(result));
      }
      if (result.structuredContent() != null) {
        return MAPPER.valueToTree(result.structuredContent());
      }
      List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
      if (content.stream().allMatch(c -> c instanceof McpSchema.TextContent)) {
        List<String> texts = content.stream().map(c -> ((McpSchema.TextContent) c).text()).toList();
        if (texts.size() == 1) {
          return TextNode.valueOf(texts.get(0));
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        texts.forEach(all::add);
        return all;
      }
      return MAPPER.valueToTree(content);
    });
  }

  private static String text(McpSchema.CallToolResult result) {
    StringBuilder b = new StringBuilder();
    for (McpSchema.Content c : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
      if (c instanceof McpSchema.TextContent t) {
        b.append(b.length() > 0 ? "\n" : "").append(t.text());
      }
    }
    return b.length() > 0 ? b.toString() : "the tool reported an error";
  }

  /** {@code name} with each character a Python identifier cannot hold as {@code _}. */
  static String pythonName(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_");
    if (cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0))) {
      cleaned = "_" + cleaned;
    }
    if (cleaned.length() > 64) {
      cleaned = cleaned.substring(0, 64);
    }
    return ArgumentSchema.isPythonName(cleaned) ? cleaned : cleaned + "_";
  }

  /** The part of an MCP tool's input schema that {@link ArgumentSchema} checks, as an object's schema. */
  static ObjectNode schema(JsonNode input) {
    ObjectNode kept = subset(input);
    kept.put("type", "object");
    JsonNode properties = kept.path("properties");
    if (properties.isObject()) {
      for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
        if (!ArgumentSchema.isPythonName(it.next())) {
          it.remove();
        }
      }
    }
    if (kept.has("required")) {
      ArrayNode required = JsonNodeFactory.instance.arrayNode();
      kept.get("required").forEach(r -> {
        if (r.isTextual() && properties.has(r.textValue())) {
          required.add(r);
        }
      });
      kept.set("required", required);
    }
    return kept;
  }

  private static ObjectNode subset(JsonNode schema) {
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    if (!schema.isObject()) {
      return kept;
    }
    schema.fields().forEachRemaining(e -> {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (!KEPT.contains(key)) {
        return;
      }
      switch (key) {
        case "type" -> {
          List<JsonNode> named = new ArrayList<>();
          (value.isArray() ? value : JsonNodeFactory.instance.arrayNode().add(value)).forEach(named::add);
          if (!named.isEmpty() && named.stream().allMatch(t -> t.isTextual() && TYPES.contains(t.textValue()))) {
            kept.set("type", value);
          }
        }
        case "properties" -> {
          if (value.isObject()) {
            ObjectNode properties = kept.putObject("properties");
            value.fields().forEachRemaining(p -> properties.set(p.getKey(), subset(p.getValue())));
          }
        }
        case "items" -> kept.set("items", subset(value));
        case "additionalProperties" -> kept.set(key, value.isBoolean() ? value : subset(value));
        case "required", "enum" -> {
          if (value.isArray()) {
            kept.set(key, value);
          }
        }
        case "minimum", "maximum" -> {
          if (value.isNumber()) {
            kept.set(key, value);
          }
        }
        case "minLength", "maxLength", "minItems", "maxItems" -> {
          if (value.isIntegralNumber() && value.longValue() >= 0) {
            kept.set(key, value);
          }
        }
        default -> kept.set(key, value);
      }
    });
    return kept;
  }
}
