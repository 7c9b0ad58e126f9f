package io.mirage4j.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * The {@link ArgumentSchema} of a Java record's components: each component is a keyword argument.
 * {@code String} is a string, {@code int}, {@code long} and their boxes are integers, {@code
 * double}, {@code float} and their boxes numbers, {@code boolean} a boolean, {@code byte[]} bytes,
 * a {@code List}/{@code Set} an array of its element type, a {@code Map} with string keys an
 * object, an enum a string of its constants' names, a nested record an object, {@code JsonNode}
 * anything. A component is required unless its type is a box of a primitive ({@code Integer},
 * {@code Boolean}, …) or {@code JsonNode}: those may be left out (null).
 *
 * <pre>{@code
 * record Search(String query, int limit) {}
 * RecordSchemas.of(Search.class);
 * // {"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"}},
 * //  "required":["query","limit"],"additionalProperties":false}
 * }</pre>
 */
public final class RecordSchemas {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** The component types that may be left out. */
  private static final java.util.Set<Class<?>> OPTIONAL = java.util.Set.of(Integer.class, Long.class, Short.class,
      Byte.class, Double.class, Float.class, Boolean.class, Character.class, JsonNode.class, Object.class);

  private RecordSchemas() {}

  /**
   * The schema of {@code type}'s components.
   *
   * @throws IllegalArgumentException for a component type it cannot describe
   */
  public static ObjectNode of(Class<? extends Record> type) {
    return object(type);
  }

  private static ObjectNode object(Class<?> type) {
    ObjectNode schema = JSON.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = JSON.arrayNode();
    for (RecordComponent component : type.getRecordComponents()) {
      properties.set(component.getName(), of(component.getGenericType(), type.getSimpleName() + "." + component.getName()));
      if (!OPTIONAL.contains(component.getType())) {
        required.add(component.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return schema.put("additionalProperties", false);
  }

  private static JsonNode of(Type type, String where) {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      if (Collection.class.isAssignableFrom(raw)) {
        ObjectNode array = JSON.objectNode().put("type", "array");
        array.set("items", of(p.getActualTypeArguments()[0], where + "[]"));
        return array;
      }
      if (Map.class.isAssignableFrom(raw) && p.getActualTypeArguments()[0] == String.class) {
        ObjectNode object = JSON.objectNode().put("type", "object");
        object.set("additionalProperties", of(p.getActualTypeArguments()[1], where + "{}"));
        return object;
      }
    }
    if (type instanceof Class<?> c) {
      if (c == String.class || c == char.class || c == Character.class) {
        return JSON.objectNode().put("type", "string");
      }
      if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
          || c == Long.class || c == Short.class || c == Byte.class || c == java.math.BigInteger.class) {
        return JSON.objectNode().put("type", "integer");
      }
      if (c == double.class || c == float.class || c == Double.class || c == Float.class || c == java.math.BigDecimal.class) {
        return JSON.objectNode().put("type", "number");
      }
      if (c == boolean.class || c == Boolean.class) {
        return JSON.objectNode().put("type", "boolean");
      }
      if (c == byte[].class) {
        return JSON.objectNode().put("type", "string").put("format", "binary");
      }
      if (c.isEnum()) {
        ObjectNode e = JSON.objectNode().put("type", "string");
        ArrayNode names = e.putArray("enum");
        for (Object constant : c.getEnumConstants()) {
          names.add(((Enum<?>) constant).name());
        }
        return e;
      }
      if (c.isRecord()) {
        return object(c);
      }
      if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
        return JSON.objectNode();
      }
    }
    throw new IllegalArgumentException(where + ": cannot describe " + type.getTypeName() + " in a schema");
  }
}
