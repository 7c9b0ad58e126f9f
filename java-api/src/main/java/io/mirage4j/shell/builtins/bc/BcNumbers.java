package io.mirage4j.shell.builtins.bc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * bc arithmetic: results keep the scale GNU bc gives them ({@code *} keeps at most {@code
 * max(scale, scale(a), scale(b))} places, {@code /} exactly {@code scale}, all truncated), numbers
 * print without a leading zero ({@code .5}) and wrap at 70 columns, and the {@code -l} library's
 * {@code s c a l e} functions.
 */
final class BcNumbers {
  private BcNumbers() {}

  /** A run-time error: the message is bc's ({@code Divide by zero}). */
  static final class BcError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BcError(String message) {
      super(message, null, false, false);
    }
  }

  static BigDecimal truncate(BigDecimal x, int scale) {
    return x.scale() > scale ? x.setScale(scale, RoundingMode.DOWN) : x;
  }

  static BigDecimal multiply(BigDecimal a, BigDecimal b, int scale) {
    BigDecimal p = a.multiply(b);
    int s = Math.min(a.scale() + b.scale(), Math.max(scale, Math.max(a.scale(), b.scale())));
    return p.setScale(s, RoundingMode.DOWN);
  }

  static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
    if (b.signum() == 0) {
      throw new BcError("Divide by zero");
    }
    return a.divide(b, scale, RoundingMode.DOWN);
  }

  static BigDecimal modulo(BigDecimal a, BigDecimal b, int scale) {
    if (b.signum() == 0) {
      throw new BcError("Modulo by zero");
    }
    BigDecimal q = a.divide(b, scale, RoundingMode.DOWN);
    BigDecimal r = a.subtract(q.multiply(b));
    return r.setScale(Math.max(scale + b.scale(), a.scale()), RoundingMode.DOWN);
  }

  static BigDecimal power(BigDecimal a, BigDecimal b, int scale) {
    BigInteger e = b.setScale(0, RoundingMode.DOWN).toBigInteger();
    if (e.bitLength() > 31) {
      throw new BcError("exponent too large in raise");
    }
    int n = e.intValue();
    if (n == 0) {
      return BigDecimal.ONE;
    }
    if ((long) Math.abs(n) * Math.max(1, a.precision()) > 10_000_000L && a.abs().compareTo(BigDecimal.ONE) != 0) {
      throw new BcError("exponent too large in raise");
    }
    if (n < 0) {
      BigDecimal p = a.pow(-n);
      return divide(BigDecimal.ONE, p, scale);
    }
    BigDecimal p = a.pow(n);
    long s = Math.min((long) a.scale() * n, Math.max(scale, a.scale()));
    return p.setScale((int) s, RoundingMode.DOWN);
  }

  static BigDecimal sqrt(BigDecimal x, int scale) {
    if (x.signum() < 0) {
      throw new BcError("Square root of a negative number");
    }
    int s = Math.max(scale, x.scale());
    if (x.signum() == 0) {
      return BigDecimal.ZERO.setScale(s);
    }
    BigDecimal r = x.sqrt(new MathContext(x.precision() + s + 10, RoundingMode.DOWN));
    return r.setScale(s, RoundingMode.DOWN);
  }

  static int length(BigDecimal x) {
    BigDecimal a = x.abs();
    if (a.signum() == 0) {
      return Math.max(1, a.scale());
    }
    return Math.max(a.precision(), a.scale());
  }

  /** A number as bc prints it in base {@code obase}, wrapped at {@code lineLength} columns. */
  static String format(BigDecimal x, int obase, int lineLength) {
    String s;
    if (x.signum() == 0) {
      s = "0";
    } else if (obase == 10) {
      s = x.abs().toPlainString();
      if (s.startsWith("0.")) {
        s = s.substring(1);
      }
      s = (x.signum() < 0 ? "-" : "") + s;
    } else {
      s = (x.signum() < 0 ? "-" : "") + otherBase(x.abs(), obase);
    }
    if (lineLength <= 2 || s.length() <= lineLength - 2) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    int width = lineLength - 2;
    int i = 0;
    while (s.length() - i > width) {
      sb.append(s, i, i + width).append("\\\n");
      i += width;
    }
    return sb.append(s.substring(i)).toString();
  }

  private static String otherBase(BigDecimal x, int base) {
    BigInteger whole = x.toBigInteger();
    BigDecimal fraction = x.subtract(new BigDecimal(whole));
    StringBuilder sb = new StringBuilder();
    boolean wide = base > 16;
    int width = Integer.toString(base - 1).length();
    if (wide) {
      BigInteger b = BigInteger.valueOf(base);
      java.util.Deque<String> parts = new java.util.ArrayDeque<>();
      BigInteger w = whole;
      do {
        BigInteger[] qr = w.divideAndRemainder(b);
        parts.push(String.format(" %0" + width + "d", qr[1].intValue()));
        w = qr[0];
      } while (w.signum() > 0);
      parts.forEach(sb::append);
    } else {
      sb.append(whole.toString(base).toUpperCase());
    }
    if (fraction.signum() > 0) {
      sb.append('.');
      BigDecimal limit = BigDecimal.ONE.movePointLeft(x.scale());
      BigDecimal f = fraction;
      BigDecimal place = BigDecimal.ONE;
      BigDecimal bd = BigDecimal.valueOf(base);
      while (place.compareTo(limit) > 0) {
        f = f.multiply(bd);
        int d = f.intValue();
        f = f.subtract(BigDecimal.valueOf(d));
        sb.append(wide ? String.format(" %0" + width + "d", d) : Character.toUpperCase(Character.forDigit(d, base)));
        place = place.divide(bd, x.scale() + 5, RoundingMode.DOWN);
      }
    }
    return sb.toString();
  }

  // ---- the -l library, computed with guard digits and truncated to scale

  private static MathContext context(int scale) {
    return new MathContext(scale + 30, RoundingMode.HALF_EVEN);
  }

  static BigDecimal exp(BigDecimal x, int scale) {
    int guard = scale + 15;
    int halvings = 0;
    BigDecimal y = x;
    while (y.abs().compareTo(BigDecimal.ONE) > 0) {
      y = y.divide(BigDecimal.valueOf(2), guard + 10, RoundingMode.HALF_EVEN);
      halvings++;
    }
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    BigDecimal epsilon = BigDecimal.ONE.movePointLeft(guard + 5);
    for (int n = 1; term.abs().compareTo(epsilon) > 0; n++) {
      term = term.multiply(y).divide(BigDecimal.valueOf(n), guard + 10, RoundingMode.HALF_EVEN);
      sum = sum.add(term);
    }
    for (int i = 0; i < halvings; i++) {
      sum = sum.multiply(sum, context(guard));
    }
    return truncate(sum.setScale(guard, RoundingMode.HALF_EVEN), scale);
  }

  static BigDecimal ln(BigDecimal x, int scale) {
    if (x.signum() <= 0) {
      throw new BcError("log of a non-positive number");
    }
    int guard = scale + 15;
    int roots = 0;
    BigDecimal y = x;
    BigDecimal near = new BigDecimal("0.1");
    while (y.subtract(BigDecimal.ONE).abs().compareTo(near) > 0) {
      y = y.sqrt(context(guard));
      roots++;
    }
    // ln(y) = 2 atanh((y - 1) / (y + 1))
    BigDecimal z = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), guard + 10, RoundingMode.HALF_EVEN);
    BigDecimal z2 = z.multiply(z, context(guard));
    BigDecimal term = z;
    BigDecimal sum = z;
    BigDecimal epsilon = BigDecimal.ONE.movePointLeft(guard + 5);
    for (int n = 3; term.abs().compareTo(epsilon) > 0; n += 2) {
      term = term.multiply(z2, context(guard));
      sum = sum.add(term.divide(BigDecimal.valueOf(n), guard + 10, RoundingMode.HALF_EVEN));
    }
    BigDecimal result = sum.multiply(BigDecimal.valueOf(2).pow(roots + 1));
    return truncate(result.setScale(guard, RoundingMode.HALF_EVEN), scale);
  }

  static BigDecimal atan(BigDecimal x, int scale) {
    int guard = scale + 15;
    if (x.signum() < 0) {
      return atan(x.negate(), scale).negate();
    }
    if (x.compareTo(BigDecimal.ONE) > 0) {
      BigDecimal halfPi = atan(BigDecimal.ONE, guard).multiply(BigDecimal.valueOf(2));
      BigDecimal inv = BigDecimal.ONE.divide(x, guard + 10, RoundingMode.HALF_EVEN);
      return truncate(halfPi.subtract(atan(inv, guard)).setScale(guard, RoundingMode.HALF_EVEN), scale);
    }
    // halve the angle until the series converges fast: atan(x) = 2 atan(x / (1 + sqrt(1 + x^2)))
    int doublings = 0;
    BigDecimal y = x;
    BigDecimal small = new BigDecimal("0.2");
    while (y.compareTo(small) > 0) {
      BigDecimal root = BigDecimal.ONE.add(y.multiply(y)).sqrt(context(guard));
      y = y.divide(BigDecimal.ONE.add(root), guard + 10, RoundingMode.HALF_EVEN);
      doublings++;
    }
    BigDecimal y2 = y.multiply(y, context(guard));
    BigDecimal term = y;
    BigDecimal sum = y;
    BigDecimal epsilon = BigDecimal.ONE.movePointLeft(guard + 5);
    for (int n = 3; term.abs().compareTo(epsilon) > 0; n += 2) {
      term = term.multiply(y2, context(guard)).negate();
      sum = sum.add(term.divide(BigDecimal.valueOf(n), guard + 10, RoundingMode.HALF_EVEN));
    }
    BigDecimal result = sum.multiply(BigDecimal.valueOf(2).pow(doublings));
    return truncate(result.setScale(guard, RoundingMode.HALF_EVEN), scale);
  }

  static BigDecimal sin(BigDecimal x, int scale) {
    int guard = scale + 15;
    BigDecimal twoPi = atan(BigDecimal.ONE, guard + 5).multiply(BigDecimal.valueOf(8));
    BigDecimal y = x.remainder(twoPi);
    BigDecimal y2 = y.multiply(y, context(guard));
    BigDecimal term = y;
    BigDecimal sum = y;
    BigDecimal epsilon = BigDecimal.ONE.movePointLeft(guard + 5);
    for (int n = 2; term.abs().compareTo(epsilon) > 0; n += 2) {
      term = term.multiply(y2, context(guard)).negate()
          .divide(BigDecimal.valueOf((long) n * (n + 1)), guard + 10, RoundingMode.HALF_EVEN);
      sum = sum.add(term);
    }
    return truncate(sum.setScale(guard, RoundingMode.HALF_EVEN), scale);
  }

  static BigDecimal cos(BigDecimal x, int scale) {
    int guard = scale + 15;
    BigDecimal halfPi = atan(BigDecimal.ONE, guard + 5).multiply(BigDecimal.valueOf(2));
    return sin(x.add(halfPi), scale);
  }
}
