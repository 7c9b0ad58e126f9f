package io.mirage4j.shell.builtins.awk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * awk's {@code printf} and {@code sprintf} formats, as C's printf prints doubles: {@code %d %i %o
 * %x %X %u %c %s %e %E %f %F %g %G %%} with flags, width and precision ({@code *} from the
 * arguments); and numbers as strings: integers as {@code %d}, others with CONVFMT or OFMT.
 */
final class Format {
  private Format() {}

  /** A number as awk turns it into a string. */
  static String number(double d, String fmt) {
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return Long.toString((long) d);
    }
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return sprintf(fmt, List.of(Value.of(d)), "%.6g");
  }

  static String sprintf(String fmt, List<Value> args, String convfmt) {
    StringBuilder sb = new StringBuilder();
    int arg = 0;
    int n = fmt.length();
    for (int i = 0; i < n; i++) {
      char c = fmt.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      int start = i;
      i++;
      if (i < n && fmt.charAt(i) == '%') {
        sb.append('%');
        continue;
      }
      boolean left = false;
      boolean plus = false;
      boolean space = false;
      boolean alt = false;
      boolean zero = false;
      while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
        switch (fmt.charAt(i++)) {
          case '-' -> left = true;
          case '+' -> plus = true;
          case ' ' -> space = true;
          case '#' -> alt = true;
          default -> zero = true;
        }
      }
      int width = -1;
      if (i < n && fmt.charAt(i) == '*') {
        width = (int) (arg < args.size() ? args.get(arg++).toNum() : 0);
        if (width < 0) {
          left = true;
          width = -width;
        }
        i++;
      } else {
        while (i < n && Character.isDigit(fmt.charAt(i))) {
          width = Math.max(0, width) * 10 + fmt.charAt(i++) - '0';
        }
      }
      int precision = -1;
      if (i < n && fmt.charAt(i) == '.') {
        i++;
        precision = 0;
        if (i < n && fmt.charAt(i) == '*') {
          precision = (int) (arg < args.size() ? args.get(arg++).toNum() : 0);
          i++;
        } else {
          while (i < n && Character.isDigit(fmt.charAt(i))) {
            precision = precision * 10 + fmt.charAt(i++) - '0';
          }
        }
      }
      while (i < n && "hlLqjzt".indexOf(fmt.charAt(i)) >= 0) {
        i++;
      }
      if (i >= n) {
        sb.append(fmt, start, n);
        break;
      }
      char conv = fmt.charAt(i);
      Value v = "diouxXcseEfFgG".indexOf(conv) >= 0 ? (arg < args.size() ? args.get(arg++) : Value.EMPTY) : null;
      String body;
      boolean numeric = true;
      switch (conv) {
        case 'd', 'i' -> body = integer(v.toNum(), precision, plus, space);
        case 'o', 'u', 'x', 'X' -> body = unsigned(v.toNum(), conv, precision, alt);
        case 'c' -> {
          numeric = false;
          if (v.kind == Value.NUMBER) {
            int code = (int) v.toNum();
            body = code == 0 ? "\0" : new String(Character.toChars(Math.max(0, code)));
          } else {
            String s = v.toStr(convfmt);
            body = s.isEmpty() ? "" : s.substring(0, s.offsetByCodePoints(0, 1));
          }
        }
        case 's' -> {
          numeric = false;
          String s = v.toStr(convfmt);
          body = precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        }
        case 'e', 'E', 'f', 'F', 'g', 'G' -> body = floating(v.toNum(), conv, precision < 0 ? 6 : precision, alt,
            plus, space);
        default -> {
          sb.append(fmt, start, i + 1);
          continue;
        }
      }
      sb.append(pad(body, width, left, zero && numeric && !(precision >= 0 && "diouxX".indexOf(conv) >= 0)));
    }
    return sb.toString();
  }

  private static String pad(String body, int width, boolean left, boolean zero) {
    if (width <= body.length()) {
      return body;
    }
    int fill = width - body.length();
    if (left) {
      return body + " ".repeat(fill);
    }
    if (zero && !body.endsWith("inf") && !body.endsWith("nan")) {
      int sign = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
      if (body.startsWith("0x", sign) || body.startsWith("0X", sign)) {
        sign += 2;
      }
      return body.substring(0, sign) + "0".repeat(fill) + body.substring(sign);
    }
    return " ".repeat(fill) + body;
  }

  private static long toLong(double d) {
    if (Double.isNaN(d)) {
      return Long.MIN_VALUE;
    }
    return (long) d;
  }

  private static String integer(double d, int precision, boolean plus, boolean space) {
    long v = toLong(d);
    String digits = v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(v));
    if (precision == 0 && v == 0) {
      digits = "";
    }
    if (precision > digits.length()) {
      digits = "0".repeat(precision - digits.length()) + digits;
    }
    return (v < 0 ? "-" : plus ? "+" : space ? " " : "") + digits;
  }

  private static String unsigned(double d, char conv, int precision, boolean alt) {
    long v = toLong(d);
    String digits = switch (conv) {
      case 'o' -> Long.toOctalString(v);
      case 'x' -> Long.toHexString(v);
      case 'X' -> Long.toHexString(v).toUpperCase();
      default -> Long.toUnsignedString(v);
    };
    if (precision == 0 && v == 0) {
      digits = "";
    }
    if (precision > digits.length()) {
      digits = "0".repeat(precision - digits.length()) + digits;
    }
    if (alt && v != 0) {
      if (conv == 'o' && !digits.startsWith("0")) {
        digits = "0" + digits;
      } else if (conv == 'x') {
        digits = "0x" + digits;
      } else if (conv == 'X') {
        digits = "0X" + digits;
      }
    }
    return digits;
  }

  /** {@code %e %f %g} as glibc prints a double: its exact value, rounded half to even. */
  static String floating(double d, char conv, int precision, boolean alt, boolean plus, boolean space) {
    boolean negative = d < 0 || (d == 0 && Double.doubleToRawLongBits(d) < 0);
    String sign = negative ? "-" : plus ? "+" : space ? " " : "";
    boolean upper = Character.isUpperCase(conv);
    if (Double.isNaN(d)) {
      return sign + (upper ? "NAN" : "nan");
    }
    if (Double.isInfinite(d)) {
      return sign + (upper ? "INF" : "inf");
    }
    BigDecimal x = new BigDecimal(d).abs();
    String body = switch (Character.toLowerCase(conv)) {
      case 'f' -> fixed(x, precision, alt);
      case 'e' -> exponential(x, precision, alt, upper);
      default -> general(x, precision, alt, upper);
    };
    return sign + body;
  }

  private static String fixed(BigDecimal x, int precision, boolean alt) {
    String s = x.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    return alt && precision == 0 ? s + "." : s;
  }

  /** The exponent of {@code x} once rounded to {@code digits} significant digits. */
  private static int exponent(BigDecimal x, int digits) {
    if (x.signum() == 0) {
      return 0;
    }
    BigDecimal r = x.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    return r.precision() - r.scale() - 1;
  }

  private static String exponential(BigDecimal x, int precision, boolean alt, boolean upper) {
    int e = exponent(x, precision + 1);
    BigDecimal mantissa = x.signum() == 0 ? BigDecimal.ZERO : x.movePointLeft(e);
    String m = mantissa.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    if (m.startsWith("10")) {
      // rounding carried into a new digit
      e++;
      m = x.movePointLeft(e).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }
    if (alt && precision == 0) {
      m += ".";
    }
    String exp = Integer.toString(Math.abs(e));
    return m + (upper ? "E" : "e") + (e < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
  }

  private static String general(BigDecimal x, int precision, boolean alt, boolean upper) {
    int p = precision == 0 ? 1 : precision;
    int e = exponent(x, p);
    String s;
    if (e < p && e >= -4) {
      s = fixed(x, p - 1 - e, alt);
    } else {
      s = exponential(x, p - 1, alt, upper);
    }
    if (alt) {
      return s;
    }
    int ePos = Math.max(s.indexOf('e'), s.indexOf('E'));
    String mant = ePos < 0 ? s : s.substring(0, ePos);
    String rest = ePos < 0 ? "" : s.substring(ePos);
    if (mant.indexOf('.') >= 0) {
      mant = mant.replaceAll("0+$", "");
      if (mant.endsWith(".")) {
        mant = mant.substring(0, mant.length() - 1);
      }
    }
    return mant + rest;
  }
}
