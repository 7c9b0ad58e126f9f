package io.mirage4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tool's parameters: the JSON Schema a model sees, and the check of a call's arguments against
 * it, made from the same list so that the two never disagree.
 */
final class Signature {
  private final String tool;
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final ObjectNode schema;

  Signature(String tool, Parameter... parameters) {
    this.tool = tool;
    for (Parameter p : parameters) {
      this.parameters.put(p.name(), p);
    }
    this.schema = schema();
  }

  /** The tool's name. */
  String tool() {
    return tool;
  }

  /** A fresh copy of the schema. */
  ObjectNode inputSchema() {
    return schema.deepCopy();
  }

  private ObjectNode schema() {
    ObjectNode root = Json.MAPPER.createObjectNode().put("type", "object");
    ObjectNode properties = root.putObject("properties");
    ArrayNode required = Json.MAPPER.createArrayNode();
    for (Parameter p : parameters.values()) {
      ObjectNode property = properties.putObject(p.name()).put("type", p.type().json);
      if (p.type() == Parameter.Type.STRING_ARRAY) {
        property.putObject("items").put("type", "string");
      }
      if (p.type() == Parameter.Type.INTEGER) {
        if (p.min() != Long.MIN_VALUE) {
          property.put("minimum", p.min());
        }
        if (p.max() != Long.MAX_VALUE) {
          property.put("maximum", p.max());
        }
      }
      property.put("description", p.description());
      if (p.required()) {
        required.add(p.name());
      }
    }
    if (!required.isEmpty()) {
      root.set("required", required);
    }
    root.put("additionalProperties", false);
    return root;
  }

  /**
   * The arguments, checked.
   *
   * @throws ToolArgumentException naming the first argument that does not match
   */
  Arguments check(JsonNode arguments) {
    JsonNode args = arguments == null || arguments.isNull() ? Json.MAPPER.createObjectNode() : arguments;
    if (!args.isObject()) {
      throw refuse("arguments must be a JSON object, not " + describe(args));
    }
    for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!parameters.containsKey(name)) {
        throw refuse("unknown argument \"" + name + "\"; expected "
            + parameters.keySet().stream().collect(Collectors.joining(", ")));
      }
    }
    for (Parameter p : parameters.values()) {
      JsonNode value = args.get(p.name());
      if (value == null || value.isNull()) {
        if (p.required()) {
          throw refuse("missing required argument \"" + p.name() + "\"");
        }
        continue;
      }
      checkValue(p, value);
    }
    return new Arguments(args);
  }

  private void checkValue(Parameter p, JsonNode value) {
    switch (p.type()) {
      case STRING -> {
        if (!value.isTextual()) {
          throw refuse("argument \"" + p.name() + "\" must be a string, not " + describe(value));
        }
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw refuse("argument \"" + p.name() + "\" must be true or false, not " + describe(value));
        }
      }
      case INTEGER -> {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
          throw refuse("argument \"" + p.name() + "\" must be an integer, not " + describe(value));
        }
        long n = value.longValue();
        if (n < p.min() || n > p.max()) {
          throw refuse("argument \"" + p.name() + "\" must be between " + p.min() + " and " + p.max() + ", not " + n);
        }
      }
      case STRING_ARRAY -> {
        if (!value.isArray()) {
          throw refuse("argument \"" + p.name() + "\" must be an array of strings, not " + describe(value));
        }
        for (JsonNode element : value) {
          if (!element.isTextual()) {
            throw refuse("argument \"" + p.name() + "\" must be an array of strings; it holds " + describe(element));
          }
        }
      }
    }
  }

  private ToolArgumentException refuse(String why) {
    return new ToolArgumentException(tool + ": " + why);
  }

  private static String describe(JsonNode value) {
    JsonNodeType type = value.getNodeType();
    return switch (type) {
      case NUMBER -> "a number (" + value.asText() + ")";
      case STRING -> "a string";
      case BOOLEAN -> value.asText();
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** A call's arguments after the check: typed reads with defaults. */
  record Arguments(JsonNode node) {
    String string(String name) {
      return string(name, null);
    }

    String string(String name, String otherwise) {
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? otherwise : v.textValue();
    }

    long integer(String name, long otherwise) {
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? otherwise : v.longValue();
    }

    boolean bool(String name, boolean otherwise) {
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? otherwise : v.booleanValue();
    }

    List<String> strings(String name) {
      JsonNode v = node.get(name);
      List<String> out = new ArrayList<>();
      if (v != null && !v.isNull()) {
        v.forEach(e -> out.add(e.textValue()));
      }
      return out;
    }

    boolean has(String name) {
      JsonNode v = node.get(name);
      return v != null && !v.isNull();
    }
  }
}
