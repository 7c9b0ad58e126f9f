package io.mirage4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool's JSON Schema as LangChain4j's {@link JsonObjectSchema}: types, descriptions, required
 * properties, array items, enums and {@code additionalProperties}. LangChain4j's number schemas
 * have no bounds, so a {@code minimum} or {@code maximum} is said at the end of the description
 * instead, where the model still reads it (the tool checks it either way).
 */
final class ToolSchemas {
  private ToolSchemas() {}

  /**
   * The schema of a tool's arguments.
   *
   * @throws IllegalArgumentException when the schema is not an object schema or uses a type this
   *     conversion does not know
   */
  static JsonObjectSchema objectSchema(ObjectNode schema) {
    if (!"object".equals(schema.path("type").asText())) {
      throw new IllegalArgumentException("a tool's input schema must be of type object: " + schema);
    }
    return (JsonObjectSchema) element(schema, "");
  }

  private static JsonSchemaElement element(JsonNode schema, String where) {
    String description = describe(schema);
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    String type = schema.path("type").asText("");
    return switch (type) {
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" -> JsonArraySchema.builder()
          .description(description)
          .items(schema.has("items") ? element(schema.get("items"), where + "[]") : null)
          .build();
      case "object" -> object(schema, description, where);
      default -> throw new IllegalArgumentException(
          "unsupported JSON Schema type \"" + type + "\" at " + (where.isEmpty() ? "the root" : where));
    };
  }

  private static JsonObjectSchema object(JsonNode schema, String description, String where) {
    JsonObjectSchema.Builder object = JsonObjectSchema.builder().description(description);
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      object.addProperty(property.getKey(), element(property.getValue(), where + "/" + property.getKey()));
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    if (!required.isEmpty()) {
      object.required(required);
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isBoolean()) {
      object.additionalProperties(additional.booleanValue());
    }
    return object.build();
  }

  /** The description, with the bounds LangChain4j's schema cannot carry appended. */
  private static String describe(JsonNode schema) {
    StringBuilder text = new StringBuilder(schema.path("description").asText(""));
    appendBound(text, "Minimum", schema.get("minimum"));
    appendBound(text, "Maximum", schema.get("maximum"));
    return text.length() == 0 ? null : text.toString();
  }

  private static void appendBound(StringBuilder text, String name, JsonNode bound) {
    if (bound == null || !bound.isNumber()) {
      return;
    }
    if (text.length() > 0) {
      text.append(text.charAt(text.length() - 1) == '.' ? " " : ". ");
    }
    text.append(name).append(' ').append(bound.asText()).append('.');
  }
}
