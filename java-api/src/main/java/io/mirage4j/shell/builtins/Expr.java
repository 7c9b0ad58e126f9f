package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code expr EXPRESSION}: GNU expr's grammar over its arguments, loosest first: {@code |}, {@code
 * &}, comparisons ({@code < <= = == != >= >}, numeric when both sides are integers), {@code + -},
 * {@code * / %} (arbitrary precision), {@code :} (an anchored basic regular expression: the first
 * group, or the length matched), and {@code match substr index length + ( )}. Prints the value;
 * the status is 1 when it is empty or 0, 2 for a malformed expression, 2 for a bad number or a
 * division by zero, with GNU's messages.
 */
final class Expr extends Coreutil {

  /** A reported error: the message, status 2. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** A parse over the arguments. */
  private static final class Parser {
    private final List<String> args;
    private int at;

    Parser(List<String> args) {
      this.args = args;
    }

    private boolean next(String token) {
      if (at < args.size() && args.get(at).equals(token)) {
        at++;
        return true;
      }
      return false;
    }

    String or() throws Failure {
      String left = and();
      while (next("|")) {
        String right = and();
        left = !isNull(left) ? left : !isNull(right) ? right : "0";
      }
      return left;
    }

    String and() throws Failure {
      String left = compare();
      while (next("&")) {
        String right = compare();
        left = isNull(left) || isNull(right) ? "0" : left;
      }
      return left;
    }

    String compare() throws Failure {
      String left = sum();
      while (true) {
        String op = at < args.size() ? args.get(at) : "";
        if (!List.of("<", "<=", "=", "==", "!=", ">=", ">").contains(op)) {
          return left;
        }
        at++;
        String right = sum();
        int c = isInteger(left) && isInteger(right) ? new BigInteger(left.trim()).compareTo(new BigInteger(right.trim()))
            : left.compareTo(right);
        boolean r = switch (op) {
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case "=", "==" -> c == 0;
          case "!=" -> c != 0;
          case ">=" -> c >= 0;
          default -> c > 0;
        };
        left = r ? "1" : "0";
      }
    }

    String sum() throws Failure {
      String left = product();
      while (true) {
        boolean plus = next("+");
        if (!plus && !next("-")) {
          return left;
        }
        String right = product();
        left = (plus ? integer(left).add(integer(right)) : integer(left).subtract(integer(right))).toString();
      }
    }

    String product() throws Failure {
      String left = match();
      while (true) {
        char op = next("*") ? '*' : next("/") ? '/' : next("%") ? '%' : 0;
        if (op == 0) {
          return left;
        }
        String right = match();
        BigInteger a = integer(left);
        BigInteger b = integer(right);
        if (op != '*' && b.signum() == 0) {
          throw new Failure("division by zero");
        }
        left = (op == '*' ? a.multiply(b) : op == '/' ? a.divide(b) : a.remainder(b)).toString();
      }
    }

    String match() throws Failure {
      String left = unary();
      while (next(":")) {
        left = regex(left, unary());
      }
      return left;
    }

    String unary() throws Failure {
      if (at >= args.size()) {
        throw missing();
      }
      String token = args.get(at);
      switch (token) {
        case "+" -> {
          at++;
          if (at >= args.size()) {
            throw missing();
          }
          return args.get(at++);
        }
        case "length" -> {
          at++;
          String s = unary();
          return Integer.toString(s.codePointCount(0, s.length()));
        }
        case "match" -> {
          at++;
          String s = unary();
          return regex(s, unary());
        }
        case "substr" -> {
          at++;
          String s = unary();
          String pos = unary();
          String len = unary();
          return substr(s, pos, len);
        }
        case "index" -> {
          at++;
          String s = unary();
          String chars = unary();
          for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
              return Integer.toString(i + 1);
            }
          }
          return "0";
        }
        default -> {
          return primary();
        }
      }
    }

    String primary() throws Failure {
      if (next("(")) {
        String value = or();
        if (at >= args.size()) {
          throw new Failure("syntax error: expecting ')' after " + Quote.plain(args.get(at - 1)));
        }
        if (!next(")")) {
          throw new Failure("syntax error: expecting ')' instead of " + Quote.plain(args.get(at)));
        }
        return value;
      }
      if (next(")")) {
        throw new Failure("syntax error: unexpected ')'");
      }
      return args.get(at++);
    }

    private Failure missing() {
      return at == 0 ? new Failure("syntax error") : new Failure("syntax error: missing argument after "
          + Quote.plain(args.get(at - 1)));
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    List<String> a = !args.isEmpty() && args.get(0).equals("--") ? args.subList(1, args.size()) : args;
    if (a.isEmpty()) {
      t.error("missing operand");
      t.note("Try 'expr --help' for more information.");
      return 2;
    }
    Parser p = new Parser(a);
    String value;
    try {
      value = p.or();
      if (p.at < a.size()) {
        throw new Failure("syntax error: unexpected argument " + Quote.plain(a.get(p.at)));
      }
    } catch (Failure e) {
      t.error(e.getMessage());
      return 2;
    }
    t.print(value + "\n");
    return isNull(value) ? 1 : 0;
  }

  private static boolean isInteger(String s) {
    return s.matches("\\s*[-+]?\\d+");
  }

  private static boolean isNull(String s) {
    return s.isEmpty() || (isInteger(s) && new BigInteger(s.trim()).signum() == 0);
  }

  private static BigInteger integer(String s) throws Failure {
    if (!isInteger(s)) {
      throw new Failure("non-integer argument");
    }
    return new BigInteger(s.trim());
  }

  private static String substr(String s, String pos, String len) {
    if (!isInteger(pos) || !isInteger(len)) {
      return "";
    }
    BigInteger p = new BigInteger(pos.trim());
    BigInteger n = new BigInteger(len.trim());
    int length = s.codePointCount(0, s.length());
    if (p.signum() <= 0 || n.signum() <= 0 || p.compareTo(BigInteger.valueOf(length)) > 0) {
      return "";
    }
    int from = p.intValue() - 1;
    int to = (int) Math.min(length, from + n.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue());
    return s.substring(s.offsetByCodePoints(0, from), s.offsetByCodePoints(0, to));
  }

  private static String regex(String s, String pattern) throws Failure {
    String java;
    try {
      java = PosixRegex.translate(pattern, false).regex();
    } catch (PosixRegex.SyntaxError e) {
      throw new Failure(e.getMessage());
    }
    Matcher m = Pattern.compile(java).matcher(s);
    boolean found = m.lookingAt();
    if (m.groupCount() > 0) {
      return found && m.group(1) != null ? m.group(1) : "";
    }
    return found ? Integer.toString(s.codePointCount(0, m.end())) : "0";
  }
}
