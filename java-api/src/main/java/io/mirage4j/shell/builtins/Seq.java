package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code seq [-s SEP] [-w] [FIRST [INCR]] LAST}: the numbers from FIRST (default 1) by INCR
 * (default 1) up to LAST, one per line or separated by SEP; {@code -w} pads with zeros to equal
 * width. Non-negative integers are counted exactly, anything else in {@code long double} with
 * the precision of the operands, as coreutils does.
 */
final class Seq extends Coreutil {

  /** An operand, with the width and digits after the point it asks for. */
  private record Operand(LongDouble value, int width, int precision, String text) {}

  @Override
  int run(Tool t, List<String> args) throws IOException {
    String separator = "\n";
    boolean equalWidth = false;
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.length() == 1 || a.charAt(1) == '.' || Character.isDigit(a.charAt(1))) {
        break;
      }
      if (a.equals("--equal-width")) {
        equalWidth = true;
      } else if (a.startsWith("--separator=")) {
        separator = a.substring("--separator=".length());
      } else if (a.equals("--separator")) {
        if (i + 1 >= args.size()) {
          return t.usage("option '--separator' requires an argument", 1);
        }
        separator = args.get(++i);
      } else if (a.startsWith("--")) {
        return t.usage("unrecognized option '" + a + "'", 1);
      } else {
        for (int j = 1; j < a.length(); j++) {
          char c = a.charAt(j);
          if (c == 'w') {
            equalWidth = true;
          } else if (c == 's') {
            if (j + 1 < a.length()) {
              separator = a.substring(j + 1);
            } else if (i + 1 < args.size()) {
              separator = args.get(++i);
            } else {
              return t.usage("option requires an argument -- 's'", 1);
            }
            break;
          } else {
            return t.usage("invalid option -- '" + c + "'", 1);
          }
        }
      }
      i++;
    }
    List<String> operands = args.subList(i, args.size());
    if (operands.isEmpty()) {
      return t.usage("missing operand", 1);
    }
    if (operands.size() > 3) {
      return t.usage("extra operand " + Quote.plain(operands.get(3)), 1);
    }
    Operand[] parsed = new Operand[operands.size()];
    for (int k = 0; k < parsed.length; k++) {
      parsed[k] = scan(operands.get(k));
      if (parsed[k] == null) {
        return t.usage("invalid floating point argument: " + Quote.plain(operands.get(k)), 1);
      }
      if (parsed[k].value().isNaN()) {
        return t.usage("invalid " + Quote.plain("not-a-number") + " argument: " + Quote.plain(operands.get(k)), 1);
      }
    }
    Operand first = parsed.length > 1 ? parsed[0] : scan("1");
    Operand step = parsed.length == 3 ? parsed[1] : scan("1");
    Operand last = parsed[parsed.length - 1];
    if (step.value().isFinite() && step.value().value().signum() == 0) {
      return t.usage("invalid Zero increment value: " + Quote.plain(step.text()), 1);
    }
    if (!equalWidth && separator.length() == 1 && allDigits(first.text()) && allDigits(last.text())
        && (parsed.length < 3 || allDigits(step.text()))) {
      counting(t, new BigInteger(first.text()), new BigInteger(step.text()), new BigInteger(last.text()), separator);
      return 0;
    }
    Format format = format(first, step, last, equalWidth);
    numbers(t, format, first.value(), step.value(), last.value(), separator);
    return 0;
  }

  private static boolean allDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static void counting(Tool t, BigInteger first, BigInteger step, BigInteger last, String sep)
      throws IOException {
    if (first.compareTo(last) > 0) {
      return;
    }
    if (last.add(step).bitLength() < Long.SIZE) {
      counting(t, first.longValue(), step.longValue(), last.longValue(), sep);
      return;
    }
    long n = 0;
    for (BigInteger x = first; x.compareTo(last) <= 0; x = x.add(step)) {
      if (n++ > 0) {
        t.print(sep);
      }
      t.print(x.toString());
      checkInterrupted(n);
    }
    t.print("\n");
  }

  /** {@link #counting(Tool, BigInteger, BigInteger, BigInteger, String)} where every number, and the one past LAST, fits a long. */
  private static void counting(Tool t, long first, long step, long last, String sep) throws IOException {
    byte[] separator = sep.getBytes(StandardCharsets.UTF_8);
    long n = 0;
    for (long x = first; x <= last; x += step) {
      if (n++ > 0) {
        t.write(separator);
      }
      t.print(Long.toString(x));
      checkInterrupted(n);
    }
    t.print("\n");
  }

  /** How each number is printed: {@code %.Pf}, {@code %0W.Pf} or {@code %g}. */
  private record Format(boolean general, int width, int precision) {
    String apply(LongDouble x) {
      if (general) {
        return x.format('g', 6, false);
      }
      String s = x.format('f', precision, false);
      if (s.length() >= width || !x.isFinite()) {
        return s;
      }
      String zeros = "0".repeat(width - s.length());
      return s.startsWith("-") ? "-" + zeros + s.substring(1) : zeros + s;
    }
  }

  private static Format format(Operand first, Operand step, Operand last, boolean equalWidth) {
    int prec = Math.max(first.precision(), step.precision());
    if (prec == Integer.MAX_VALUE || last.precision() == Integer.MAX_VALUE) {
      return new Format(true, 0, 0);
    }
    if (!equalWidth) {
      return new Format(false, 0, prec);
    }
    long firstWidth = first.width() + (long) (prec - first.precision());
    long lastWidth = last.width() + (long) (prec - last.precision());
    if (last.precision() > 0 && prec == 0) {
      lastWidth--;
    }
    if (last.precision() == 0 && prec > 0) {
      lastWidth++;
    }
    if (first.precision() == 0 && prec > 0) {
      firstWidth++;
    }
    return new Format(false, (int) Math.max(firstWidth, lastWidth), prec);
  }

  private static void numbers(Tool t, Format format, LongDouble first, LongDouble step, LongDouble last,
      String sep) throws IOException {
    boolean down = step.negative();
    boolean outOfRange = down ? first.compareTo(last) < 0 : last.compareTo(first) < 0;
    if (outOfRange) {
      return;
    }
    LongDouble x = first;
    for (long i = 1; ; i++) {
      LongDouble previous = x;
      String shown = format.apply(x);
      t.print(shown);
      if (outOfRange) {
        break;
      }
      x = first.add(LongDouble.of(new java.math.BigDecimal(i)).multiply(step));
      outOfRange = down ? x.compareTo(last) < 0 : last.compareTo(x) < 0;
      if (outOfRange) {
        String next = format.apply(x);
        LongDouble parsed = LongDouble.parse(next, 0).value();
        boolean extra = parsed.compareTo(last) == 0 && !next.equals(format.apply(previous));
        if (!extra) {
          break;
        }
      }
      t.print(sep);
      checkInterrupted(i);
    }
    t.print("\n");
  }

  private static void checkInterrupted(long n) throws IOException {
    if ((n & 1023) == 0 && Thread.currentThread().isInterrupted()) {
      throw new java.io.InterruptedIOException();
    }
  }

  /** Reads an operand as coreutils' {@code scan_arg} does; null when it is not a number. */
  private static Operand scan(String arg) {
    LongDouble.Parsed p = LongDouble.parse(arg, 0);
    if (arg.isEmpty() || p.end() != arg.length()) {
      return null;
    }
    LongDouble value = p.value();
    String a = arg;
    int k = 0;
    while (k < a.length() && (Character.isWhitespace(a.charAt(k)) || a.charAt(k) == '+')) {
      k++;
    }
    a = a.substring(k);
    int width = 0;
    int precision = Integer.MAX_VALUE;
    int point = a.indexOf('.');
    if (point < 0 && a.indexOf('p') < 0) {
      precision = 0;
    }
    if (a.indexOf('x') < 0 && a.indexOf('X') < 0 && value.isFinite()) {
      int fraction = 0;
      width = a.length();
      if (point >= 0) {
        String after = a.substring(point + 1);
        int e = indexOfAny(after, "eE");
        fraction = e < 0 ? after.length() : e;
        precision = fraction;
        width += fraction == 0 ? -1 : point == 0 || !Character.isDigit(a.charAt(point - 1)) ? 1 : 0;
      }
      int e = a.indexOf('e') >= 0 ? a.indexOf('e') : a.indexOf('E');
      if (e >= 0) {
        long exponent = parseLong(a.substring(e + 1));
        precision = (int) Math.max(0, precision + (exponent < 0 ? -exponent : -Math.min(precision, exponent)));
        width -= a.length() - e;
        if (exponent < 0) {
          if (point >= 0) {
            if (e == point + 1) {
              width++;
            }
          } else {
            width++;
          }
          exponent = -exponent;
        } else {
          if (point >= 0 && precision == 0 && fraction > 0) {
            width--;
          }
          exponent = -Math.min(precision, exponent);
        }
        width += (int) exponent;
      }
    }
    return new Operand(value, width, precision, arg);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static long parseLong(String s) {
    int end = 0;
    if (end < s.length() && (s.charAt(end) == '+' || s.charAt(end) == '-')) {
      end++;
    }
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    try {
      return Long.parseLong(s.substring(0, end).replace("+", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
