package io.mirage4j.shell;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Evaluates {@code $((…))} expressions over 64-bit integers as bash does: {@code + - * / % **},
 * unary {@code - + ! ~}, comparisons, {@code && ||}, {@code ?:}, bit operators, parentheses,
 * variable names (an unset or empty variable is 0), assignments ({@code = += -= *= /= %= <<= >>= &=
 * ^= |=}), {@code ++}/{@code --} before and after a name, and the comma operator. The side of
 * {@code && || ?:} that is not taken is parsed without being evaluated, as in bash.
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
  private final BiConsumer<String, String> assign;
  private int pos;
  private int depth;
  /** How many enclosing operands are parsed but not evaluated (the untaken side of {@code && || ?:}). */
  private int skipping;

  private Arithmetic(String src, Function<String, String> variables, BiConsumer<String, String> assign, int depth) {
    this.src = src;
    this.variables = variables;
    this.assign = assign;
    this.depth = depth;
  }

  /**
   * @throws ArithmeticException with bash's wording when the expression is malformed or divides by 0
   */
  static long evaluate(String expression, Function<String, String> variables) {
    return evaluate(expression, variables, (name, value) -> {
      throw new ArithmeticException("attempted assignment to non-variable (error token is \"" + name + "\")");
    }, 0);
  }

  /** {@link #evaluate(String, Function)} where assignments set variables through {@code assign}. */
  static long evaluate(String expression, Function<String, String> variables, BiConsumer<String, String> assign) {
    return evaluate(expression, variables, assign, 0);
  }

  private static long evaluate(String expression, Function<String, String> variables,
      BiConsumer<String, String> assign, int depth) {
    if (expression.isBlank()) {
      return 0;
    }
    Arithmetic a = new Arithmetic(expression, variables, assign, depth);
    long value = a.comma();
    a.skipBlanks();
    if (a.pos < a.src.length()) {
      throw new ArithmeticException(
          "syntax error in expression (error token is \"" + a.src.substring(a.pos).stripLeading() + "\")");
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

  private long comma() {
    long value = assignment();
    while (accept(",")) {
      value = assignment();
    }
    return value;
  }

  private static final java.util.List<String> ASSIGNMENT_OPS =
      java.util.List.of("=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=");

  /** {@code NAME op= value}, right to left; anything else is a conditional expression. */
  private long assignment() {
    skipBlanks();
    int start = pos;
    String name = name();
    if (name != null) {
      skipBlanks();
      for (String op : ASSIGNMENT_OPS) {
        if (src.startsWith(op, pos) && !(op.equals("=") && src.startsWith("==", pos))) {
          pos += op.length();
          enter();
          long right;
          try {
            right = assignment();
          } finally {
            depth--;
          }
          long value = op.equals("=") ? right : apply(op.substring(0, op.length() - 1), value(name), right, pos);
          store(name, value);
          return value;
        }
      }
    }
    pos = start;
    return ternary();
  }

  /** A variable name at the cursor, with its evaluated subscript ({@code a[2]}) if it has one; or null. */
  private String name() {
    int start = pos;
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      String name = src.substring(start, pos);
      if (pos < src.length() && src.charAt(pos) == '[') {
        pos++;
        enter();
        long index;
        try {
          index = comma();
        } finally {
          depth--;
        }
        if (!accept("]")) {
          throw error();
        }
        return name + "[" + index + "]";
      }
      return name;
    }
    return null;
  }

  private long apply(String op, long a, long b, int tokenAt) {
    return switch (op) {
      case "*" -> a * b;
      case "/" -> a / divisor(b, tokenAt);
      case "%" -> a % divisor(b, tokenAt);
      case "+" -> a + b;
      case "-" -> a - b;
      case "<<" -> a << b;
      case ">>" -> a >> b;
      case "&" -> a & b;
      case "^" -> a ^ b;
      default -> a | b;
    };
  }

  private void store(String name, long value) {
    if (skipping == 0) {
      assign.accept(name, Long.toString(value));
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
    long yes = skippedUnless(condition != 0, this::assignment);
    if (!accept(":")) {
      throw error();
    }
    long no = skippedUnless(condition == 0, this::ternary);
    return condition != 0 ? yes : no;
  }

  /** Parses an operand, evaluating it only when {@code taken}. */
  private long skippedUnless(boolean taken, java.util.function.LongSupplier operand) {
    if (!taken) {
      skipping++;
    }
    try {
      return operand.getAsLong();
    } finally {
      if (!taken) {
        skipping--;
      }
    }
  }

  private long or() {
    long left = and();
    while (accept("||")) {
      boolean decided = left != 0;
      long right = skippedUnless(!decided, this::and);
      left = decided || right != 0 ? 1 : 0;
    }
    return left;
  }

  private long and() {
    long left = bitOr();
    while (accept("&&")) {
      boolean decided = left == 0;
      long right = skippedUnless(!decided, this::bitOr);
      left = !decided && right != 0 ? 1 : 0;
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
      } else if (!peekIs("/=") && accept("/")) {
        int at = pos;
        left = apply("/", left, power(), at);
      } else if (!peekIs("%=") && accept("%")) {
        int at = pos;
        left = apply("%", left, power(), at);
      } else {
        return left;
      }
    }
  }

  private long divisor(long d, int tokenAt) {
    if (d == 0) {
      if (skipping > 0) {
        return 1;
      }
      throw new ArithmeticException("division by 0 (error token is \"" + src.substring(tokenAt).stripLeading() + "\")");
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
    for (String op : new String[] {"++", "--"}) {
      if (src.startsWith(op, pos)) {
        int at = pos;
        pos += 2;
        skipBlanks();
        String name = name();
        if (name != null) {
          long value = value(name) + (op.equals("++") ? 1 : -1);
          store(name, value);
          return value;
        }
        pos = at;
      }
    }
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
      long value = comma();
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
    String name = name();
    if (name == null) {
      throw error();
    }
    long value = value(name);
    skipBlanks();
    if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
      store(name, value + (src.charAt(pos) == '+' ? 1 : -1));
      pos += 2;
    }
    return value;
  }

  /** A variable's value: its text evaluated as an expression, 0 when unset or empty. */
  private long value(String name) {
    String value = variables.apply(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    if (depth + 1 > MAX_RECURSION) {
      throw new ArithmeticException("expression recursion level exceeded (error token is \"" + name + "\")");
    }
    return evaluate(value.trim(), variables, assign, depth + 1);
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
    String rest = src.substring(Math.min(pos, src.length())).stripLeading();
    return new ArithmeticException("syntax error: operand expected (error token is \"" + rest + "\")");
  }
}
