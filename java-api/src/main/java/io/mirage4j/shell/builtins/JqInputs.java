package io.mirage4j.shell.builtins;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The inputs of a {@code jq} run, one JSON value at a time across its files (stdin when there
 * are none): whole values, lines as strings with {@code -R}, everything in one array (or one
 * string) with {@code -s}. Tracks where jq 1.6 says an error happened ({@code <stdin>:3}: the
 * lines read so far), and reports files that cannot be opened as jq does, going on with the next.
 */
final class JqInputs {

  /** Input that is not JSON; the message is jq's, e.g. {@code Invalid literal at line 2, column 0}. */
  static final class BadJson extends Exception {
    private static final long serialVersionUID = 1L;

    BadJson(String message) {
      super(message, null, false, false);
    }
  }

  private final Tool t;
  private final List<String> files;
  private final boolean raw;
  private final boolean slurp;
  private final ObjectMapper mapper;
  private int nextFile;
  private String name;
  private byte[] data;
  private JsonParser parser;
  private int rawAt;
  private long lines;
  private boolean failedToOpen;
  private boolean slurped;

  JqInputs(Tool t, List<String> files, boolean raw, boolean slurp, ObjectMapper mapper) {
    this.t = t;
    this.files = files;
    this.raw = raw;
    this.slurp = slurp;
    this.mapper = mapper;
  }

  /** Where the last value came from, as jq names it in errors: {@code <stdin>:1}. */
  String location() {
    return (name == null ? "<stdin>" : name) + ":" + lines;
  }

  /** The lines read so far from the current input. */
  long lines() {
    return lines;
  }

  /** The file the last value came from, or null for stdin. */
  String fileName() {
    return name;
  }

  boolean failedToOpen() {
    return failedToOpen;
  }

  /** The next input for the program's {@code input} and {@code inputs}; null when none is left. */
  JsonNode nextForProgram() {
    try {
      return next();
    } catch (BadJson | IOException e) {
      return null;
    }
  }

  /** The next input, or null at the end of the last file. */
  JsonNode next() throws IOException, BadJson {
    if (!slurp) {
      return single();
    }
    if (slurped) {
      return null;
    }
    slurped = true;
    if (raw) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      while (open()) {
        all.write(data);
        data = null;
      }
      return TextNode.valueOf(all.toString(StandardCharsets.UTF_8));
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    JsonNode value;
    while ((value = single()) != null) {
      array.add(value);
    }
    return array;
  }

  private JsonNode single() throws IOException, BadJson {
    while (true) {
      if (data == null && !open()) {
        return null;
      }
      JsonNode value = raw ? line() : json();
      if (value != null) {
        return value;
      }
      data = null;
      parser = null;
    }
  }

  /** Opens the next file that can be opened; false when there are none left. */
  private boolean open() throws IOException {
    while (true) {
      if (files.isEmpty()) {
        if (nextFile++ > 0) {
          return false;
        }
        name = null;
        data = t.readStdin();
      } else {
        if (nextFile >= files.size()) {
          return false;
        }
        String file = files.get(nextFile++);
        try {
          data = file.equals("-") ? t.readStdin() : t.read(file);
          name = file.equals("-") ? null : file;
        } catch (ResourceException e) {
          t.note("jq: error: Could not open file " + file + ": " + Tool.message(e));
          failedToOpen = true;
          continue;
        }
      }
      lines = 0;
      rawAt = 0;
      parser = null;
      return true;
    }
  }

  private JsonNode line() {
    if (rawAt >= data.length) {
      return null;
    }
    int end = rawAt;
    while (end < data.length && data[end] != '\n') {
      end++;
    }
    String text = new String(data, rawAt, end - rawAt, StandardCharsets.UTF_8);
    if (end < data.length) {
      lines++;
    }
    rawAt = end + 1;
    return TextNode.valueOf(text);
  }

  private JsonNode json() throws IOException, BadJson {
    try {
      if (parser == null) {
        parser = mapper.createParser(data);
      }
      if (parser.nextToken() == null) {
        lines = count(data.length);
        return null;
      }
      JsonNode value = tree(parser);
      long end = parser.currentLocation().getByteOffset();
      lines = linesThrough(end);
      return value;
    } catch (JsonEOFException e) {
      throw new BadJson("Unfinished JSON term at EOF at line " + (count(data.length) + 1) + ", column "
          + column(data.length));
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset() - 1);
      int k = (int) Math.min(at, data.length);
      boolean numeric = k < data.length && (Character.isDigit(data[k]) || data[k] == '-');
      while (k < data.length && " \t\r\n,:[]{}".indexOf(data[k]) < 0) {
        k++;
      }
      int through = Math.min(k + 1, data.length);
      throw new BadJson((numeric ? "Invalid numeric literal" : "Invalid literal") + " at line " + (count(through) + 1)
          + ", column " + column(through));
    }
  }

  /**
   * The value at the parser's current token. Numbers are what jq 1.6 makes of them: {@code -0}
   * keeps its sign and integers too large for a long become doubles.
   */
  static JsonNode tree(JsonParser p) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          object.set(key, tree(p));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = f.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(tree(p));
        }
        return array;
      }
      case VALUE_STRING -> {
        return f.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        String text = p.getText();
        if (text.equals("-0")) {
          return f.numberNode(-0.0);
        }
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? f.numberNode(p.getDoubleValue())
            : p.getNumberType() == JsonParser.NumberType.LONG ? f.numberNode(p.getLongValue())
            : f.numberNode(p.getIntValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return f.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return f.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return f.booleanNode(false);
      }
      case VALUE_NULL -> {
        return f.nullNode();
      }
      default -> throw new JsonParseException(p, "unexpected token " + p.currentToken());
    }
  }

  /** Lines read once the line holding offset {@code end - 1} is complete, as jq reads line by line. */
  private long linesThrough(long end) {
    int i = (int) Math.max(0, Math.min(end - 1, data.length));
    while (i < data.length && data[i] != '\n') {
      i++;
    }
    return count(Math.min(i + 1, data.length));
  }

  private long count(int end) {
    long n = 0;
    for (int i = 0; i < end; i++) {
      if (data[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  private int column(int end) {
    int i = end;
    while (i > 0 && data[i - 1] != '\n') {
      i--;
    }
    return end - i;
  }
}
