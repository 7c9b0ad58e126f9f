package io.mirage4j.shell;

import java.util.function.Function;

/**
 * Evaluates {@code $((…))} expressions over 64-bit integers as bash does: {@code + - * / % **},
 * unary {@code - + ! ~}, comparisons, {@code && ||}, {@code ?:}, bit operators, parentheses and
 * variable names (an unset or empty variable is 0).
 */
final class Arithmetic {
  /**
   * How deeply an expression may nest: parentheses, unary operators, {@code ?:} and {@code **}
   * operands, and variables whose values are expressions. Sized, like the parser's limit, to fit a
   * 1 MiB thread stack with room to spare.
   */
  static final int MAX_RECURSION = 200;

  private final String src;
  private final Function<String, String> variables;
  private int pos;
  private int depth;

  private Arithmetic(String src, Function<String, String> variables, int depth) {
    this.src = src;
    this.variables = variables;
    this.depth = depth;
  }

  /**
   * @throws ArithmeticException with bash's wording when the expression is malformed or divides by 0
   */
  static long evaluate(String expression, Function<String, String> variables) {
    return evaluate(expression, variables, 0);
  }

  private static long evaluate(String expression, Function<String, String> variables, int depth) {
    if (expression.isBlank()) {
      return 0;
    }
    Arithmetic a = new Arithmetic(expression, variables, depth);
    long value = a.ternary();
    a.skipBlanks();
    if (a.pos < a.src.length()) {
      throw new ArithmeticException("syntax error in expression (error token is \"" + a.src.substring(a.pos).trim() + "\")");
    }
    return value;
  }

  /** One level deeper; bash's error when that is too deep. */
  private void enter() {
    if (++depth > MAX_RECURSION) {
      throw new ArithmeticException("expression recursion level exceeded (error token is \""
          + src.substring(pos, Math.min(src.length(), pos + 20)).trim() + "\")");
    }
  }

  private long ternary() {
    enter();
    try {
      return unnestedTernary();
    } finally {
      depth--;
    }
  }

  private long unnestedTernary() {
    long condition = or();
    skipBlanks();
    if (!accept("?")) {
      return condition;
    }
    long yes = ternary();
    if (!accept(":")) {
      throw error();
    }
    long no = ternary();
    return condition != 0 ? yes : no;
  }

  private long or() {
    long left = and();
    while (accept("||")) {
      long right = and();
      left = left != 0 || right != 0 ? 1 : 0;
    }
    return left;
  }

  private long and() {
    long left = bitOr();
    while (accept("&&")) {
      long right = bitOr();
      left = left != 0 && right != 0 ? 1 : 0;
    }
    return left;
  }

  private long bitOr() {
    long left = bitXor();
    while (!peekIs("||") && accept("|")) {
      left |= bitXor();
    }
    return left;
  }

  private long bitXor() {
    long left = bitAnd();
    while (accept("^")) {
      left ^= bitAnd();
    }
    return left;
  }

  private long bitAnd() {
    long left = equality();
    while (!peekIs("&&") && accept("&")) {
      left &= equality();
    }
    return left;
  }

  private long equality() {
    long left = comparison();
    while (true) {
      if (accept("==")) {
        left = left == comparison() ? 1 : 0;
      } else if (accept("!=")) {
        left = left != comparison() ? 1 : 0;
      } else {
        return left;
      }
    }
  }

  private long comparison() {
    long left = shift();
    while (true) {
      if (accept("<=")) {
        left = left <= shift() ? 1 : 0;
      } else if (accept(">=")) {
        left = left >= shift() ? 1 : 0;
      } else if (!peekIs("<<") && accept("<")) {
        left = left < shift() ? 1 : 0;
      } else if (!peekIs(">>") && accept(">")) {
        left = left > shift() ? 1 : 0;
      } else {
        return left;
      }
    }
  }

  private long shift() {
    long left = additive();
    while (true) {
      if (accept("<<")) {
        left <<= additive();
      } else if (accept(">>")) {
        left >>= additive();
      } else {
        return left;
      }
    }
  }

  private long additive() {
    long left = multiplicative();
    while (true) {
      if (accept("+")) {
        left += multiplicative();
      } else if (accept("-")) {
        left -= multiplicative();
      } else {
        return left;
      }
    }
  }

  private long multiplicative() {
    long left = power();
    while (true) {
      if (!peekIs("**") && accept("*")) {
        left *= power();
      } else if (accept("/")) {
        left = left / divisor(power());
      } else if (accept("%")) {
        left = left % divisor(power());
      } else {
        return left;
      }
    }
  }

  private static long divisor(long d) {
    if (d == 0) {
      throw new ArithmeticException("division by 0");
    }
    return d;
  }

  private long power() {
    long base = unary();
    if (accept("**")) {
      enter();
      long exponent;
      try {
        exponent = power();
      } finally {
        depth--;
      }
      if (exponent < 0) {
        throw new ArithmeticException("exponent less than 0");
      }
      long result = 1;
      for (long i = 0; i < exponent; i++) {
        result *= base;
      }
      return result;
    }
    return base;
  }

  private long unary() {
    skipBlanks();
    if (accept("!")) {
      return operand() == 0 ? 1 : 0;
    }
    if (accept("~")) {
      return ~operand();
    }
    if (accept("-")) {
      return -operand();
    }
    if (accept("+")) {
      return operand();
    }
    return primary();
  }

  /** The operand of a unary operator: one level deeper. */
  private long operand() {
    enter();
    try {
      return unary();
    } finally {
      depth--;
    }
  }

  private long primary() {
    skipBlanks();
    if (accept("(")) {
      long value = ternary();
      if (!accept(")")) {
        throw error();
      }
      return value;
    }
    int start = pos;
    if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
        pos++;
      }
      return number(src.substring(start, pos));
    }
    while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error();
    }
    String name = src.substring(start, pos);
    String value = variables.apply(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    if (depth + 1 > MAX_RECURSION) {
      throw new ArithmeticException("expression recursion level exceeded (error token is \"" + name + "\")");
    }
    return evaluate(value.trim(), variables, depth + 1);
  }

  private long number(String text) {
    try {
      if (text.length() > 1 && text.startsWith("0x") || text.startsWith("0X")) {
        return Long.parseLong(text.substring(2), 16);
      }
      if (text.length() > 1 && text.startsWith("0")) {
        return Long.parseLong(text.substring(1), 8);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ArithmeticException("value too great for base (error token is \"" + text + "\")");
    }
  }

  private boolean accept(String token) {
    skipBlanks();
    if (src.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private boolean peekIs(String token) {
    skipBlanks();
    return src.startsWith(token, pos);
  }

  private void skipBlanks() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private ArithmeticException error() {
    String rest = src.substring(Math.min(pos, src.length())).trim();
    return new ArithmeticException("syntax error: operand expected (error token is \"" + rest + "\")");
  }
}
