package io.mirage4j.shell.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * C's {@code long double} on x86-64 Linux (x87 80-bit extended precision), the type bash's {@code
 * printf} and coreutils' {@code seq} compute with: a finite value is held exactly, as the {@link
 * BigDecimal} of its 64-bit significand times a power of two, so sums, products and {@code %f},
 * {@code %e}, {@code %g} output come out digit for digit as glibc prints them.
 */
final class LongDouble implements Comparable<LongDouble> {
  static final LongDouble ZERO = new LongDouble(BigDecimal.ZERO, false, Kind.FINITE);

  private static final BigDecimal TWO_63 = new BigDecimal(BigInteger.ONE.shiftLeft(63));
  private static final BigDecimal TWO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final double LOG2_10 = 3.321928094887362;
  private static final int MAX_DECIMAL_EXPONENT = 4933;
  private static final int MIN_DECIMAL_EXPONENT = -4951;

  private enum Kind {
    FINITE,
    INFINITE,
    NAN
  }

  private final BigDecimal value;
  private final boolean negative;
  private final Kind kind;

  private LongDouble(BigDecimal value, boolean negative, Kind kind) {
    this.value = value;
    this.negative = negative;
    this.kind = kind;
  }

  /** The long double nearest to {@code exact} (ties to even), infinite past the range. */
  static LongDouble of(BigDecimal exact) {
    return of(exact, exact.signum() < 0);
  }

  private static LongDouble of(BigDecimal exact, boolean negative) {
    BigDecimal rounded = round(exact.abs());
    if (rounded == null) {
      return infinity(negative);
    }
    return new LongDouble(negative ? rounded.negate() : rounded, negative, Kind.FINITE);
  }

  static LongDouble infinity(boolean negative) {
    return new LongDouble(null, negative, Kind.INFINITE);
  }

  static LongDouble nan(boolean negative) {
    return new LongDouble(null, negative, Kind.NAN);
  }

  boolean isFinite() {
    return kind == Kind.FINITE;
  }

  boolean isNaN() {
    return kind == Kind.NAN;
  }

  /** The exact value; only for finite values. */
  BigDecimal value() {
    return value;
  }

  /** Whether the sign bit is set ({@code -0} included). */
  boolean negative() {
    return negative;
  }

  LongDouble add(LongDouble o) {
    if (kind == Kind.NAN || o.kind == Kind.NAN) {
      return nan(false);
    }
    if (kind == Kind.INFINITE || o.kind == Kind.INFINITE) {
      if (kind == Kind.INFINITE && o.kind == Kind.INFINITE && negative != o.negative) {
        return nan(true);
      }
      return kind == Kind.INFINITE ? this : o;
    }
    BigDecimal sum = value.add(o.value);
    return of(sum, sum.signum() < 0 || sum.signum() == 0 && negative && o.negative);
  }

  LongDouble multiply(LongDouble o) {
    if (kind == Kind.NAN || o.kind == Kind.NAN) {
      return nan(false);
    }
    boolean sign = negative != o.negative;
    if (kind == Kind.INFINITE || o.kind == Kind.INFINITE) {
      boolean zero = kind == Kind.FINITE && value.signum() == 0 || o.kind == Kind.FINITE && o.value.signum() == 0;
      return zero ? nan(true) : infinity(sign);
    }
    return of(value.multiply(o.value), sign);
  }

  /** Numeric order; NaN is unordered and compares as equal to nothing but treated as largest. */
  @Override
  public int compareTo(LongDouble o) {
    return Double.compare(rank(), o.rank()) != 0 || kind != Kind.FINITE || o.kind != Kind.FINITE
        ? Double.compare(rank(), o.rank())
        : value.compareTo(o.value);
  }

  private double rank() {
    return switch (kind) {
      case NAN -> Double.NaN;
      case INFINITE -> negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      case FINITE -> 0;
    };
  }

  /** What {@code strtold} makes of a prefix of a string. */
  record Parsed(LongDouble value, int end) {}

  /**
   * Parses like C's {@code strtold} from {@code from}: blanks, a sign, then a decimal or {@code
   * 0x} hexadecimal number with optional exponent, {@code inf}, {@code infinity} or {@code nan}.
   * {@code end} is where parsing stopped, {@code from} when there was no number.
   */
  static Parsed parse(String s, int from) {
    int i = from;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    String rest = s.substring(i).toLowerCase(Locale.ROOT);
    if (rest.startsWith("inf")) {
      return new Parsed(infinity(neg), i + (rest.startsWith("infinity") ? 8 : 3));
    }
    if (rest.startsWith("nan")) {
      int end = i + 3;
      if (end < s.length() && s.charAt(end) == '(') {
        int close = s.indexOf(')', end);
        if (close > 0 && s.substring(end + 1, close).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
          end = close + 1;
        }
      }
      return new Parsed(nan(neg), end);
    }
    if (rest.startsWith("0x") && rest.length() > 2 && (hexDigit(rest.charAt(2)) >= 0
        || rest.charAt(2) == '.' && rest.length() > 3 && hexDigit(rest.charAt(3)) >= 0)) {
      return parseHex(s, i + 2, neg);
    }
    int start = i;
    int digits = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return new Parsed(ZERO, from);
    }
    int mantissaEnd = i;
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int expStart = j;
      while (j < s.length() && isDigit(s.charAt(j))) {
        j++;
      }
      if (j > expStart) {
        i = j;
      }
    }
    String mantissa = s.substring(start, mantissaEnd);
    if (mantissa.endsWith(".")) {
      mantissa = mantissa + "0";
    }
    if (mantissa.startsWith(".")) {
      mantissa = "0" + mantissa;
    }
    BigDecimal exact = new BigDecimal(mantissa);
    if (i > mantissaEnd) {
      long exp = parseExponent(s.substring(mantissaEnd + 1, i));
      exact = scaleByTen(exact, exp);
      if (exact == null) {
        return new Parsed(exp > 0 ? infinity(neg) : neg ? negativeZero() : ZERO, i);
      }
    }
    return new Parsed(of(exact, neg), i);
  }

  private static LongDouble negativeZero() {
    return new LongDouble(BigDecimal.ZERO, true, Kind.FINITE);
  }

  private static Parsed parseHex(String s, int i, boolean neg) {
    BigInteger mantissa = BigInteger.ZERO;
    long exponent = 0;
    boolean point = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '.' && !point) {
        point = true;
      } else if (hexDigit(c) >= 0) {
        mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(hexDigit(c)));
        if (point) {
          exponent -= 4;
        }
      } else {
        break;
      }
      i++;
    }
    if (i < s.length() && (s.charAt(i) == 'p' || s.charAt(i) == 'P')) {
      int j = i + 1;
      if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int expStart = j;
      while (j < s.length() && isDigit(s.charAt(j))) {
        j++;
      }
      if (j > expStart) {
        exponent += parseExponent(s.substring(i + 1, j));
        i = j;
      }
    }
    if (mantissa.signum() == 0) {
      return new Parsed(neg ? negativeZero() : ZERO, i);
    }
    long bits = mantissa.bitLength() + exponent;
    if (bits > 16384) {
      return new Parsed(infinity(neg), i);
    }
    if (bits < -16445) {
      return new Parsed(neg ? negativeZero() : ZERO, i);
    }
    return new Parsed(of(scaleByTwo(new BigDecimal(mantissa), exponent), neg), i);
  }

  private static long parseExponent(String digits) {
    try {
      return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    } catch (NumberFormatException e) {
      return digits.startsWith("-") ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
    }
  }

  private static BigDecimal scaleByTen(BigDecimal x, long exp) {
    if (x.signum() == 0) {
      return x;
    }
    long decimalExponent = x.precision() - (long) x.scale() + exp;
    if (decimalExponent > MAX_DECIMAL_EXPONENT + 1 || decimalExponent < MIN_DECIMAL_EXPONENT) {
      return null;
    }
    return x.scaleByPowerOfTen((int) exp);
  }

  /** {@code x} times two to the {@code k}, exactly. */
  static BigDecimal scaleByTwo(BigDecimal x, long k) {
    if (k >= 0) {
      return x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft((int) k)));
    }
    return x.multiply(new BigDecimal(BigInteger.valueOf(5).pow((int) -k))).movePointLeft((int) -k);
  }

  /** The non-negative {@code a} rounded to a 64-bit significand, or null past the largest long double. */
  private static BigDecimal round(BigDecimal a) {
    if (a.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = a.stripTrailingZeros();
    long decimalExponent = stripped.precision() - (long) stripped.scale();
    if (stripped.scale() <= 0 && decimalExponent <= 19) {
      return a;
    }
    if (decimalExponent > MAX_DECIMAL_EXPONENT + 1) {
      return null;
    }
    if (decimalExponent < MIN_DECIMAL_EXPONENT) {
      return BigDecimal.ZERO;
    }
    long e = (long) Math.floor((decimalExponent - 1) * LOG2_10) - 63;
    BigDecimal t = scaleByTwo(stripped, -e);
    while (t.compareTo(TWO_64) >= 0) {
      t = t.multiply(HALF);
      e++;
    }
    while (t.compareTo(TWO_63) < 0) {
      t = t.add(t);
      e--;
    }
    BigInteger significand = t.setScale(0, RoundingMode.HALF_EVEN).unscaledValue();
    if (e + 64 > 16384) {
      return null;
    }
    return scaleByTwo(new BigDecimal(significand), e);
  }

  /**
   * The number as C's {@code printf} writes it for conversion {@code f}, {@code e}, {@code g} or
   * their capitals, with a leading {@code -} when negative; no padding or {@code +}.
   *
   * @param precision digits after the point ({@code f}, {@code e}) or significant ({@code g})
   * @param alternate the {@code #} flag: keep the point, and {@code g}'s trailing zeros
   */
  String format(char conversion, int precision, boolean alternate) {
    boolean upper = Character.isUpperCase(conversion);
    String body;
    if (kind == Kind.INFINITE) {
      body = "inf";
    } else if (kind == Kind.NAN) {
      body = "nan";
    } else {
      BigDecimal a = value.abs();
      body = switch (Character.toLowerCase(conversion)) {
        case 'f' -> fixed(a, precision, alternate);
        case 'e' -> scientific(a, precision, alternate);
        default -> general(a, precision, alternate);
      };
    }
    if (upper) {
      body = body.toUpperCase(Locale.ROOT);
    }
    return negative ? "-" + body : body;
  }

  private static String fixed(BigDecimal a, int precision, boolean alternate) {
    String s = a.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    return alternate && precision == 0 ? s + "." : s;
  }

  private static String scientific(BigDecimal a, int precision, boolean alternate) {
    int exponent = 0;
    BigDecimal mantissa = a;
    if (a.signum() != 0) {
      BigDecimal r = a.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      exponent = r.precision() - r.scale() - 1;
      mantissa = r.movePointLeft(exponent);
    }
    String m = mantissa.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    if (alternate && precision == 0) {
      m += ".";
    }
    String exp = String.valueOf(Math.abs(exponent));
    return m + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
  }

  private static String general(BigDecimal a, int precision, boolean alternate) {
    int p = precision == 0 ? 1 : precision;
    int exponent = 0;
    if (a.signum() != 0) {
      BigDecimal r = a.round(new MathContext(p, RoundingMode.HALF_EVEN));
      exponent = r.precision() - r.scale() - 1;
    }
    String s = p > exponent && exponent >= -4
        ? fixed(a, p - 1 - exponent, alternate)
        : scientific(a, p - 1, alternate);
    if (alternate) {
      return s;
    }
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    String suffix = e < 0 ? "" : s.substring(e);
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa = mantissa.substring(0, mantissa.length() - 1);
      }
    }
    return mantissa + suffix;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c >= '\t' && c <= '\r';
  }

  private static int hexDigit(char c) {
    return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
  }
}
