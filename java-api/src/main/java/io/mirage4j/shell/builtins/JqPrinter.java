package io.mirage4j.shell.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON text the way jq 1.6 prints it: {@code indent} spaces per level (0 for one line, {@code
 * "\t"} with {@code tab}), {@code "key": value} pretty and {@code "key":value} compact, control
 * characters as lowercase {@code \u001f}, other characters as they are (or escaped with {@code
 * ascii}), and every number as a double in the shortest form that reads back the same, with an
 * exponent past 17 significant places ({@code 1e+17}, {@code 1e-05}, {@code 100}).
 */
record JqPrinter(int indent, boolean tab, boolean sortKeys, boolean ascii) {

  String print(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    value(sb, node, 0);
    return sb.toString();
  }

  private boolean pretty() {
    return tab || indent > 0;
  }

  private void newline(StringBuilder sb, int depth) {
    sb.append('\n');
    for (int i = 0; i < depth; i++) {
      if (tab) {
        sb.append('\t');
      } else {
        sb.append(" ".repeat(indent));
      }
    }
  }

  private void value(StringBuilder sb, JsonNode node, int depth) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else if (node.isNumber()) {
      sb.append(number(node.doubleValue()));
    } else if (node.isTextual()) {
      string(sb, node.textValue());
    } else if (node.isArray()) {
      array(sb, node, depth);
    } else if (node.isObject()) {
      object(sb, node, depth);
    } else {
      string(sb, node.asText());
    }
  }

  private void array(StringBuilder sb, JsonNode node, int depth) {
    if (node.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    boolean first = true;
    for (JsonNode element : node) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      if (pretty()) {
        newline(sb, depth + 1);
      }
      value(sb, element, depth + 1);
    }
    if (pretty()) {
      newline(sb, depth);
    }
    sb.append(']');
  }

  private void object(StringBuilder sb, JsonNode node, int depth) {
    if (node.isEmpty()) {
      sb.append("{}");
      return;
    }
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      fields.add(it.next());
    }
    if (sortKeys) {
      fields.sort(Map.Entry.comparingByKey());
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : fields) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      if (pretty()) {
        newline(sb, depth + 1);
      }
      string(sb, field.getKey());
      sb.append(pretty() ? ": " : ":");
      value(sb, field.getValue(), depth + 1);
    }
    if (pretty()) {
      newline(sb, depth);
    }
    sb.append('}');
  }

  private void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || (ascii && c > 0x7e)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A number as jq 1.6 prints it: {@code 1}, {@code 2.5}, {@code 1e+17}, {@code 1e-05}. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "null";
    }
    if (Double.isInfinite(d)) {
      d = d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
    }
    String sign = Double.doubleToRawLongBits(d) < 0 ? "-" : "";
    if (d == 0) {
      return sign + "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    int decpt = digits.length() - exact.scale();
    int n = digits.length();
    StringBuilder sb = new StringBuilder(sign);
    if (decpt <= -4 || decpt > n + 15) {
      sb.append(digits.charAt(0));
      if (n > 1) {
        sb.append('.').append(digits, 1, n);
      }
      int exponent = decpt - 1;
      sb.append('e').append(exponent < 0 ? '-' : '+');
      String e = Integer.toString(Math.abs(exponent));
      sb.append(e.length() < 2 ? "0" + e : e);
    } else if (decpt <= 0) {
      sb.append("0.").append("0".repeat(-decpt)).append(digits);
    } else if (decpt >= n) {
      sb.append(digits).append("0".repeat(decpt - n));
    } else {
      sb.append(digits, 0, decpt).append('.').append(digits, decpt, n);
    }
    return sb.toString();
  }
}
