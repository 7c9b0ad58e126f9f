package io.mirage4j.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subset of JSON Schema a host function's arguments are described and checked with, in Python
 * before Java is asked and in Java again. The schema of the arguments is an object's ({@code
 * "type": "object"}), whose property names are Python identifiers (they become keyword
 * arguments). Keywords understood: {@code type} (one or a list of {@code string}, {@code integer},
 * {@code number}, {@code boolean}, {@code null}, {@code array}, {@code object}), {@code
 * properties}, {@code required}, {@code additionalProperties} (boolean or schema), {@code items},
 * {@code enum}, {@code minimum}, {@code maximum}, {@code minLength}, {@code maxLength}, {@code
 * minItems}, {@code maxItems}; {@code format: "binary"} on a string means bytes. {@code
 * description}, {@code title}, {@code default}, {@code examples}, {@code format} (other values)
 * and {@code $schema} are annotations. Any other keyword is refused when the function is made, so
 * that no constraint is silently ignored.
 *
 * <pre>{@code
 * JsonNode schema = new ObjectMapper().readTree("""
 *     {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}""");
 * ArgumentSchema.check(schema);                           // fine
 * ArgumentSchema.violation(schema, args);                 // null, or "argument 'query': must be a string"
 * }</pre>
 */
public final class ArgumentSchema {
  /** The schema of a function without arguments: an object with no properties, a new one each time. */
  public static ObjectNode none() {
    return JsonNodeFactory.instance.objectNode().put("type", "object").put("additionalProperties", false);
  }

  private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "null", "array", "object");
  private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties", "items",
      "enum", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "format", "description", "title",
      "default", "examples", "$schema");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  /** Python's keywords and soft keywords that cannot name a keyword argument. */
  private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
      "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
      "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
      "yield");
  /** The largest magnitude an integer keeps exactly through JavaScript. */
  static final long SAFE_INTEGER = (1L << 53) - 1;

  private ArgumentSchema() {}

  /** Whether {@code name} can name a host function or a keyword argument in Python. */
  public static boolean isPythonName(String name) {
    return name != null && IDENTIFIER.matcher(name).matches() && !PYTHON_KEYWORDS.contains(name);
  }

  /**
   * Checks that {@code schema} describes arguments within the subset.
   *
   * @throws IllegalArgumentException naming where it is not
   */
  public static void check(JsonNode schema) {
    if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asText(null))) {
      throw new IllegalArgumentException("the schema of a function's arguments must be an object's: {\"type\": \"object\", …}");
    }
    for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!isPythonName(name)) {
        throw new IllegalArgumentException("schema: property '" + name + "' is no Python identifier, so no keyword argument can name it");
      }
    }
    checkNode(schema, "schema");
  }

  private static void checkNode(JsonNode schema, String where) {
    if (!schema.isObject()) {
      throw new IllegalArgumentException(where + ": a schema must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (!KEYWORDS.contains(key)) {
        throw new IllegalArgumentException(where + ": the keyword '" + key + "' is not supported (ArgumentSchema lists those that are)");
      }
      switch (key) {
        case "type" -> {
          List<JsonNode> named = value.isArray() ? iterable(value) : List.of(value);
          for (JsonNode t : named) {
            if (!t.isTextual() || !TYPES.contains(t.textValue())) {
              throw new IllegalArgumentException(where + ".type: unknown type " + t);
            }
          }
        }
        case "properties" -> {
          if (!value.isObject()) {
            throw new IllegalArgumentException(where + ".properties must be an object");
          }
          value.fields().forEachRemaining(p -> checkNode(p.getValue(), where + ".properties." + p.getKey()));
        }
        case "required" -> {
          if (!value.isArray() || !iterable(value).stream().allMatch(JsonNode::isTextual)) {
            throw new IllegalArgumentException(where + ".required must be an array of names");
          }
        }
        case "additionalProperties" -> {
          if (!value.isBoolean()) {
            checkNode(value, where + ".additionalProperties");
          }
        }
        case "items" -> checkNode(value, where + ".items");
        case "enum" -> {
          if (!value.isArray()) {
            throw new IllegalArgumentException(where + ".enum must be an array");
          }
        }
        case "minimum", "maximum" -> {
          if (!value.isNumber()) {
            throw new IllegalArgumentException(where + "." + key + " must be a number");
          }
        }
        case "minLength", "maxLength", "minItems", "maxItems" -> {
          if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw new IllegalArgumentException(where + "." + key + " must be a non-negative integer");
          }
        }
        default -> { /* annotations */ }
      }
    }
  }

  /**
   * What is wrong with {@code value} for {@code schema}, in the words Python's check uses ({@code
   * argument 'limit': must be at most 10, got 11}), or null when nothing is.
   */
  public static String violation(JsonNode schema, JsonNode value) {
    return violation(schema, value, "");
  }

  private static String violation(JsonNode schema, JsonNode value, String where) {
    String label = where.isEmpty() ? "the arguments" : "argument '" + where + "'";
    String actual = typeOf(value);
    if (actual == null) {
      return label + ": not a JSON value";
    }
    List<String> allowed = types(schema);
    if (!allowed.isEmpty() && allowed.stream().noneMatch(t -> t.equals(actual) || (t.equals("number") && actual.equals("integer")))) {
      return label + ": must be " + String.join(" or ", allowed.stream().map(ArgumentSchema::article).toList()) + ", got "
          + article(actual);
    }
    if (schema.has("enum") && iterable(schema.get("enum")).stream().noneMatch(option -> sameValue(option, value))) {
      return label + ": must be one of " + String.join(", ", iterable(schema.get("enum")).stream().map(JsonNode::toString).toList());
    }
    if (value.isNumber()) {
      if (value.isIntegralNumber() && (!value.canConvertToLong() || Math.abs(value.longValue()) > SAFE_INTEGER)) {
        return label + ": " + value + " is out of range (integers are exact up to 2**53)";
      }
      if (!Double.isFinite(value.doubleValue())) {
        return label + ": " + value + " is not a JSON number";
      }
      if (schema.has("minimum") && value.doubleValue() < schema.get("minimum").doubleValue()) {
        return label + ": must be at least " + schema.get("minimum") + ", got " + value;
      }
      if (schema.has("maximum") && value.doubleValue() > schema.get("maximum").doubleValue()) {
        return label + ": must be at most " + schema.get("maximum") + ", got " + value;
      }
    }
    if (value.isTextual() || value.isBinary()) {
      long length = value.isTextual() ? value.textValue().codePointCount(0, value.textValue().length()) : binary(value).length;
      if (schema.has("minLength") && length < schema.get("minLength").longValue()) {
        return label + ": must be at least " + schema.get("minLength") + " long, got " + length;
      }
      if (schema.has("maxLength") && length > schema.get("maxLength").longValue()) {
        return label + ": must be at most " + schema.get("maxLength") + " long, got " + length;
      }
    }
    if (value.isArray()) {
      if (schema.has("minItems") && value.size() < schema.get("minItems").longValue()) {
        return label + ": must have at least " + schema.get("minItems") + " items, got " + value.size();
      }
      if (schema.has("maxItems") && value.size() > schema.get("maxItems").longValue()) {
        return label + ": must have at most " + schema.get("maxItems") + " items, got " + value.size();
      }
      JsonNode items = schema.path("items");
      for (int i = 0; i < value.size(); i++) {
        String problem = violation(items.isObject() ? items : NO_CONSTRAINT, value.get(i), where + "[" + i + "]");
        if (problem != null) {
          return problem;
        }
      }
    }
    if (value.isObject()) {
      if (value.has("$bin")) {
        return label + ": the key '$bin' is reserved";
      }
      for (JsonNode field : iterable(schema.path("required"))) {
        if (!value.has(field.textValue())) {
          return where.isEmpty() ? "argument '" + field.textValue() + "' is required" : label + ": '" + field.textValue() + "' is required";
        }
      }
      JsonNode properties = schema.path("properties");
      JsonNode extra = schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String inner = where.isEmpty() ? e.getKey() : where + "." + e.getKey();
        String problem;
        if (properties.has(e.getKey())) {
          problem = violation(properties.get(e.getKey()), e.getValue(), inner);
        } else if (extra.isBoolean() && !extra.booleanValue()) {
          problem = label + ": unexpected field '" + e.getKey() + "'";
        } else {
          problem = violation(extra.isObject() ? extra : NO_CONSTRAINT, e.getValue(), inner);
        }
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  private static final JsonNode NO_CONSTRAINT = JsonNodeFactory.instance.objectNode();

  private static List<String> types(JsonNode schema) {
    JsonNode type = schema.path("type");
    List<JsonNode> named = type.isArray() ? iterable(type) : type.isTextual() ? List.of(type) : List.of();
    boolean binary = "binary".equals(schema.path("format").asText(null));
    return named.stream().map(JsonNode::textValue).map(t -> binary && t.equals("string") ? "bytes" : t).toList();
  }

  private static String typeOf(JsonNode value) {
    if (value.isNull()) {
      return "null";
    } else if (value.isBoolean()) {
      return "boolean";
    } else if (value.isIntegralNumber()) {
      return "integer";
    } else if (value.isNumber()) {
      return "number";
    } else if (value.isTextual()) {
      return "string";
    } else if (value.isBinary()) {
      return "bytes";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isObject()) {
      return "object";
    }
    return null;
  }

  private static String article(String type) {
    return switch (type) {
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "a boolean";
      case "null" -> "None";
      case "array" -> "a list";
      case "object" -> "a dict";
      default -> type;
    };
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.isIntegralNumber() == b.isIntegralNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  static byte[] binary(JsonNode value) {
    try {
      return value.binaryValue();
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }

  static List<JsonNode> iterable(JsonNode node) {
    List<JsonNode> all = new java.util.ArrayList<>();
    node.elements().forEachRemaining(all::add);
    return all;
  }

  /**
   * The bytes {@code value} (arguments or a result) takes on the way: its JSON text (UTF-8) with each bytes value counted
   * by its length; and, when {@code problems} is not null, what in it Python cannot receive is
   * added there (an integer past 2**53, a number that is not finite, a {@code $bin} key).
   */
  public static long sizeOf(JsonNode value, List<String> problems) {
    if (value.isBinary()) {
      return binary(value).length + 12;
    }
    if (value.isArray()) {
      long total = 2;
      for (JsonNode item : value) {
        total += sizeOf(item, problems) + 1;
      }
      return total;
    }
    if (value.isObject()) {
      long total = 2;
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (problems != null && e.getKey().equals("$bin")) {
          problems.add("the key '$bin' is reserved");
        }
        total += utf8Length(e.getKey()) + 4 + sizeOf(e.getValue(), problems);
      }
      return total;
    }
    if (problems != null && value.isNumber()) {
      if (value.isIntegralNumber() && (!value.canConvertToLong() || Math.abs(value.longValue()) > SAFE_INTEGER)) {
        problems.add(value + " is past 2**53, where integers stop being exact");
      } else if (!Double.isFinite(value.doubleValue())) {
        problems.add(value.asText() + " is not a JSON number");
      }
    }
    if (value.isTextual()) {
      return utf8Length(value.textValue()) + 2;
    }
    return value.toString().length();
  }

  private static long utf8Length(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }
}
