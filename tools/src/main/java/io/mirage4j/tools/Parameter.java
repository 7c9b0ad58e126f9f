package io.mirage4j.tools;

/**
 * One argument of a tool: its name, JSON type, description for a model, and whether it is
 * required; integers have a range.
 */
record Parameter(String name, Type type, String description, boolean required, long min, long max) {

  enum Type {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    STRING_ARRAY("array");

    final String json;

    Type(String json) {
      this.json = json;
    }
  }

  static Parameter required(String name, Type type, String description) {
    return new Parameter(name, type, description, true, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  static Parameter optional(String name, Type type, String description) {
    return new Parameter(name, type, description, false, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  Parameter range(long from, long to) {
    return new Parameter(name, type, description, required, from, to);
  }
}
