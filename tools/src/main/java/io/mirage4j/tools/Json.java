package io.mirage4j.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Small helpers to build tool arguments in Java.
 *
 * <pre>{@code
 * ObjectNode args = Json.object("path", "/data/a.txt", "limit", 20);
 * }</pre>
 */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * An object of the given names and values (strings, numbers, booleans, lists of strings,
   * JSON nodes), in order.
   *
   * @throws IllegalArgumentException when the arguments are not name/value pairs
   */
  public static ObjectNode object(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " arguments");
    }
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String name)) {
        throw new IllegalArgumentException("name " + (i / 2) + " is not a string: " + namesAndValues[i]);
      }
      node.set(name, MAPPER.valueToTree(namesAndValues[i + 1]));
    }
    return node;
  }
}
