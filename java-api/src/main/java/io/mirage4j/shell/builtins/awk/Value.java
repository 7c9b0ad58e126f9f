package io.mirage4j.shell.builtins.awk;

/**
 * An awk value: a number, a string, a string from input that looks like a number (compared as a
 * number, a "strnum"), or the uninitialised value (both {@code ""} and 0).
 */
final class Value {
  static final int UNINIT = 0;
  static final int NUMBER = 1;
  static final int STRING = 2;
  static final int STRNUM = 3;
  static final Value EMPTY = new Value(UNINIT, 0, "");
  static final Value ZERO = new Value(NUMBER, 0, null);
  static final Value ONE = new Value(NUMBER, 1, null);

  final int kind;
  final double num;
  private String str;

  private Value(int kind, double num, String str) {
    this.kind = kind;
    this.num = num;
    this.str = str;
  }

  static Value of(double d) {
    return d == 0 && Double.doubleToRawLongBits(d) == 0 ? ZERO : d == 1 ? ONE : new Value(NUMBER, d, null);
  }

  static Value of(boolean b) {
    return b ? ONE : ZERO;
  }

  static Value string(String s) {
    return new Value(STRING, Double.NaN, s);
  }

  /** A string from input: a strnum when it looks like a number. */
  static Value input(String s) {
    return looksNumeric(s) ? new Value(STRNUM, toNumber(s), s) : new Value(STRING, Double.NaN, s);
  }

  boolean isNumeric() {
    return kind == NUMBER || kind == STRNUM || kind == UNINIT;
  }

  double toNum() {
    return switch (kind) {
      case NUMBER, STRNUM -> num;
      case UNINIT -> 0;
      default -> toNumber(str);
    };
  }

  /** As a string, numbers converted with {@code convfmt} unless they are integers. */
  String toStr(String convfmt) {
    if (str != null) {
      return str;
    }
    String s = Format.number(num, convfmt);
    if (convfmt.equals("%.6g")) {
      str = s;
    }
    return s;
  }

  boolean truthy() {
    return switch (kind) {
      case NUMBER, STRNUM -> num != 0;
      case UNINIT -> false;
      default -> !str.isEmpty();
    };
  }

  /** The number at the start of {@code s}, as strtod reads it; 0 when there is none. */
  static double toNumber(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isBlank(s.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return 0;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(s.charAt(j))) {
        while (j < n && Character.isDigit(s.charAt(j))) {
          j++;
        }
        i = j;
      }
    }
    try {
      return Double.parseDouble(s.substring(start, i));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether the whole of {@code s}, blanks aside, is a number. */
  static boolean looksNumeric(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isBlank(s.charAt(i))) {
      i++;
    }
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int e = 0;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        e++;
      }
      if (e == 0) {
        return false;
      }
    }
    while (i < n && isBlank(s.charAt(i))) {
      i++;
    }
    return i == n;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }
}
