package io.mirage4j.shell.builtins;

import io.mirage4j.shell.ShellQuote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code printf [-v VAR] FORMAT [ARGUMENT]...}, as bash's builtin: conversions {@code %s %b %q %c %d
 * %i %o %u %x %X %f %F %e %E %g %G %a %A %%} with flags {@code -+ #0}, width and precision
 * (also {@code *}), backslash escapes in the format and in {@code %b} arguments. The format is
 * reused while arguments remain; missing arguments are empty or 0. Output is bytes: widths and
 * precisions count bytes, {@code %c} prints the first byte. Numbers take C syntax ({@code 0x1f},
 * {@code 010}, {@code 'c} for a character's code); floating point is computed in {@code long
 * double}. {@code -v VAR} assigns the output to VAR instead of printing it.
 *
 * <p>Output is written as it is made, so a huge width or precision ({@code %*d} with 2147483647)
 * streams its padding and meets the line's output cap, a closed pipe or a time limit like any
 * other output; nothing the size of the width is ever held. Precisions past {@value
 * #EXACT_DIGITS} digits add zeros beyond every digit a {@code long double} can have. Into a
 * variable, output longer than the line's output cap is refused.
 */
final class Printf extends Coreutil {
  private static final String USAGE = "printf: usage: printf [-v var] format [arguments]";
  private static final BigInteger INTMAX_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger INTMAX_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger UINTMAX_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  /** More decimal digits than any long double has after its point (16445) or in all (about 11500). */
  static final int EXACT_DIGITS = 16_500;
  /** How much output is gathered before it is passed on. */
  private static final int SPILL = 64 * 1024;

  /**
   * The output of one run: gathered up to {@link #SPILL} bytes, then passed on to stdout; into a
   * variable, kept whole up to {@code limit} bytes.
   */
  private static final class Output extends ByteArrayOutputStream {
    private final Tool tool;
    private final boolean toVariable;
    private final long limit;

    Output(Tool tool, boolean toVariable, long limit) {
      this.tool = tool;
      this.toVariable = toVariable;
      this.limit = limit;
    }

    /** Passes the gathered output on once there is enough of it. */
    void spill() throws IOException, FormatError {
      if (toVariable) {
        if (count > limit) {
          throw new FormatError("output longer than " + limit + " bytes");
        }
      } else if (count >= SPILL) {
        tool.write(buf, 0, count);
        reset();
      }
    }

    /** Writes {@code n} copies of {@code c}, a chunk at a time. */
    void repeat(char c, long n) throws IOException, FormatError {
      byte[] chunk = new byte[(int) Math.min(n, 8192)];
      java.util.Arrays.fill(chunk, (byte) c);
      for (long left = n; left > 0; left -= chunk.length) {
        write(chunk, 0, (int) Math.min(left, chunk.length));
        spill();
      }
    }
  }

  /**
   * A directive's text before padding: {@code head}, then {@code zeros} zeros, then {@code tail},
   * so that a precision of two billion is a count, not a string.
   */
  private record Body(byte[] head, long zeros, byte[] tail) {
    static Body of(byte[] bytes) {
      return new Body(bytes, 0, new byte[0]);
    }

    static Body of(String text) {
      return of(bytes(text));
    }

    long length() {
      return head.length + zeros + tail.length;
    }
  }
  /** One run's state: the arguments left, the output, and whether something went wrong. */
  private static final class Run {
    final Tool tool;
    final List<String> args;
    int next;
    final Output out;
    boolean conversionError;
    boolean stopped;

    Run(Tool tool, List<String> args, boolean toVariable) {
      this.tool = tool;
      this.args = args;
      this.out = new Output(tool, toVariable, tool.ctx().outputLimit());
    }

    boolean hasArg() {
      return next < args.size();
    }

    String nextArg() {
      return next < args.size() ? args.get(next++) : null;
    }

    void warn(String message) {
      try {
        tool.error(message);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** A format directive stopped the whole command with status 1. */
  private static final class FormatError extends Exception {
    private static final long serialVersionUID = 1L;

    FormatError(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    int i = 0;
    String variable = null;
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-v")) {
        t.error(a + ": invalid option");
        return usage(t);
      }
      if (a.length() > 2) {
        variable = a.substring(2);
      } else if (i + 1 < args.size()) {
        variable = args.get(++i);
      } else {
        t.error("-v: option requires an argument");
        return usage(t);
      }
      i++;
    }
    if (variable != null && !variable.matches("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?")) {
      t.error("`" + variable + "': not a valid identifier");
      return 2;
    }
    if (i >= args.size()) {
      return usage(t);
    }
    String format = args.get(i);
    Run run = new Run(t, args.subList(i + 1, args.size()), variable != null);
    int status = 0;
    try {
      do {
        int before = run.next;
        format(run, format);
        if (run.stopped || run.next == before) {
          break;
        }
      } while (run.hasArg());
    } catch (FormatError e) {
      if (variable != null && run.out.size() > run.out.limit) {
        t.error("-v " + variable + ": " + e.getMessage());
        return 1;
      }
      t.error(e.getMessage());
      status = 1;
    }
    if (run.conversionError) {
      status = 1;
    }
    if (variable != null) {
      t.state().set(variable, run.out.toString(StandardCharsets.UTF_8));
    } else {
      t.write(run.out.toByteArray());
    }
    return status;
  }

  private static int usage(Tool t) throws IOException {
    t.ctx().stderr().write((USAGE + "\n").getBytes(StandardCharsets.UTF_8));
    return 2;
  }

  private static void format(Run run, String f) throws FormatError, IOException {
    int i = 0;
    while (i < f.length() && !run.stopped) {
      char c = f.charAt(i);
      if (c == '\\') {
        i = Escapes.escape(f, i, Escapes.Style.FORMAT, run.out, run::warn);
      } else if (c == '%') {
        i = directive(run, f, i);
      } else {
        i = Escapes.copyChar(f, i, run.out);
      }
      run.out.spill();
    }
  }

  /** The directive at {@code f[start] == '%'}; returns the index after it. */
  private static int directive(Run run, String f, int start) throws FormatError, IOException {
    int i = start + 1;
    if (i < f.length() && f.charAt(i) == '%') {
      run.out.write('%');
      return i + 1;
    }
    boolean left = false;
    boolean plus = false;
    boolean space = false;
    boolean alt = false;
    boolean zero = false;
    for (; i < f.length() && "-+ #0'".indexOf(f.charAt(i)) >= 0; i++) {
      switch (f.charAt(i)) {
        case '-' -> left = true;
        case '+' -> plus = true;
        case ' ' -> space = true;
        case '#' -> alt = true;
        case '0' -> zero = true;
        default -> {
          // grouping: none in this locale
        }
      }
    }
    int width = 0;
    if (i < f.length() && f.charAt(i) == '*') {
      i++;
      long w = integer(run, run.nextArg()).longValue();
      if (w < 0) {
        left = true;
        w = -w;
      }
      width = (int) Math.min(w, Integer.MAX_VALUE);
    } else {
      while (i < f.length() && Character.isDigit(f.charAt(i))) {
        width = (int) Math.min(Integer.MAX_VALUE, width * 10L + f.charAt(i++) - '0');
      }
    }
    int precision = -1;
    if (i < f.length() && f.charAt(i) == '.') {
      i++;
      if (i < f.length() && f.charAt(i) == '*') {
        i++;
        long p = integer(run, run.nextArg()).longValue();
        precision = p < 0 ? -1 : (int) Math.min(p, Integer.MAX_VALUE);
      } else {
        precision = 0;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
          precision = (int) Math.min(Integer.MAX_VALUE, precision * 10L + f.charAt(i++) - '0');
        }
      }
    }
    while (i < f.length() && "hlLjzt".indexOf(f.charAt(i)) >= 0) {
      i++;
    }
    if (i >= f.length()) {
      throw new FormatError("`" + f.substring(start) + "': missing format character");
    }
    char conv = f.charAt(i);
    Spec spec = new Spec(left, plus, space, alt, zero, width, precision);
    switch (conv) {
      case 's' -> pad(run, spec, Body.of(nullToEmpty(run.nextArg())), precision, false);
      case 'b' -> {
        String arg = run.nextArg();
        Escapes.Result r = Escapes.expand(nullToEmpty(arg), Escapes.Style.PERCENT_B, run::warn);
        pad(run, spec, Body.of(r.bytes()), precision, false);
        if (r.stop()) {
          run.stopped = true;
        }
      }
      case 'q' -> pad(run, spec, Body.of(bytes(ShellQuote.of(nullToEmpty(run.nextArg())))), precision, false);
      case 'c' -> {
        String arg = run.nextArg();
        byte[] b = bytes(nullToEmpty(arg));
        pad(run, spec, Body.of(new byte[] {b.length == 0 ? 0 : b[0]}), -1, false);
      }
      case 'd', 'i' -> pad(run, spec, signedInteger(spec, integer(run, run.nextArg())), -1, precision < 0);
      case 'o', 'u', 'x', 'X' ->
          pad(run, spec, unsignedInteger(spec, conv, unsigned(run, run.nextArg())), -1, precision < 0);
      case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A' -> {
        LongDouble v = floating(run, run.nextArg());
        pad(run, spec, floatingText(spec, conv, v), -1, v.isFinite());
      }
      default -> throw new FormatError("`" + conv + "': invalid format character");
    }
    return i + 1;
  }

  private record Spec(boolean left, boolean plus, boolean space, boolean alt, boolean zero, int width,
      int precision) {}

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code body} (cut to {@code precision} bytes if given) padded to the width. */
  private static void pad(Run run, Spec spec, Body body, int precision, boolean numeric)
      throws IOException, FormatError {
    byte[] head = body.head();
    int cut = precision >= 0 ? Math.min(precision, head.length) : head.length;
    long len = precision >= 0 ? cut : body.length();
    long fill = Math.max(0, spec.width() - len);
    boolean zeros = numeric && spec.zero() && !spec.left();
    if (!spec.left() && !zeros) {
      run.out.repeat(' ', fill);
    }
    int from = 0;
    if (zeros && fill > 0) {
      while (from < cut && (head[from] == '-' || head[from] == '+' || head[from] == ' ')) {
        from++;
      }
      if (from + 1 < cut && head[from] == '0' && (head[from + 1] == 'x' || head[from + 1] == 'X')) {
        from += 2;
      }
      run.out.write(head, 0, from);
      run.out.repeat('0', fill);
    }
    run.out.write(head, from, cut - from);
    if (precision < 0) {
      run.out.repeat('0', body.zeros());
      run.out.write(body.tail(), 0, body.tail().length);
    }
    if (spec.left()) {
      run.out.repeat(' ', fill);
    }
  }

  private static Body signedInteger(Spec spec, BigInteger v) {
    String digits = v.signum() == 0 && spec.precision() == 0 ? "" : v.abs().toString();
    String sign = v.signum() < 0 ? "-" : spec.plus() ? "+" : spec.space() ? " " : "";
    return new Body(bytes(sign), Math.max(0, spec.precision() - digits.length()), bytes(digits));
  }

  private static Body unsignedInteger(Spec spec, char conv, BigInteger v) {
    String digits = switch (conv) {
      case 'o' -> v.toString(8);
      case 'x' -> v.toString(16);
      case 'X' -> v.toString(16).toUpperCase(Locale.ROOT);
      default -> v.toString();
    };
    if (v.signum() == 0 && spec.precision() == 0) {
      digits = "";
    }
    long zeros = Math.max(0, spec.precision() - digits.length());
    String prefix = "";
    if (spec.alt()) {
      if (conv == 'o' && zeros == 0 && !digits.startsWith("0")) {
        prefix = "0";
      } else if ((conv == 'x' || conv == 'X') && v.signum() != 0) {
        prefix = conv == 'x' ? "0x" : "0X";
      }
    }
    return new Body(bytes(prefix), zeros, bytes(digits));
  }

  /**
   * The number's text; a precision past {@link #EXACT_DIGITS} is formatted at that many digits
   * and the rest are zeros, before the exponent if there is one ({@code %g} without {@code #}
   * drops trailing zeros, so it needs none).
   */
  private static Body floatingText(Spec spec, char conv, LongDouble v) {
    int precision = spec.precision() < 0 && Character.toLowerCase(conv) != 'a' ? 6 : spec.precision();
    int exact = Math.min(precision, EXACT_DIGITS);
    long extra = precision - exact;
    String body = Character.toLowerCase(conv) == 'a'
        ? hex(v, exact, spec.alt(), Character.isUpperCase(conv))
        : v.format(conv, exact, spec.alt());
    if (!v.negative()) {
      body = (spec.plus() ? "+" : spec.space() ? " " : "") + body;
    }
    if (extra == 0 || !v.isFinite() || Character.toLowerCase(conv) == 'g' && !spec.alt()) {
      return Body.of(body);
    }
    int exponent = body.length();
    for (int k = 0; k < body.length(); k++) {
      if ("eEpP".indexOf(body.charAt(k)) >= 0) {
        exponent = k;
        break;
      }
    }
    return new Body(bytes(body.substring(0, exponent)), extra, bytes(body.substring(exponent)));
  }

  /** {@code %a}: glibc's hexadecimal form of a long double, {@code 0x8p-3} for 1. */
  private static String hex(LongDouble v, int precision, boolean alt, boolean upper) {
    if (!v.isFinite()) {
      String s = v.format('f', 0, false);
      return upper ? s.toUpperCase(Locale.ROOT) : s;
    }
    BigDecimal a = v.value().abs();
    String sign = v.negative() ? "-" : "";
    String text;
    if (a.signum() == 0) {
      text = "0x0" + (precision > 0 ? "." + "0".repeat(precision) : alt ? "." : "") + "p+0";
    } else {
      long e = 0;
      BigDecimal m = a;
      BigDecimal two63 = new BigDecimal(BigInteger.ONE.shiftLeft(63));
      BigDecimal two64 = new BigDecimal(TWO_64);
      while (m.compareTo(two64) >= 0) {
        m = m.divide(BigDecimal.valueOf(2));
        e++;
      }
      while (m.compareTo(two63) < 0) {
        m = m.multiply(BigDecimal.valueOf(2));
        e--;
      }
      BigInteger significand = m.toBigIntegerExact();
      String digits = String.format("%016x", significand);
      String lead = digits.substring(0, 1);
      String fraction = digits.substring(1);
      if (precision >= 0 && precision < 15) {
        BigInteger scaled = new BigDecimal(significand)
            .divide(new BigDecimal(BigInteger.ONE.shiftLeft(4 * (15 - precision))))
            .setScale(0, java.math.RoundingMode.HALF_EVEN).toBigInteger();
        String r = scaled.toString(16);
        lead = r.substring(0, r.length() - precision);
        fraction = r.substring(r.length() - precision);
      } else if (precision < 0) {
        fraction = fraction.replaceAll("0+$", "");
      } else {
        fraction = fraction + "0".repeat(precision - 15);
      }
      long exponent = e + 60;
      text = "0x" + lead + (fraction.isEmpty() ? alt ? "." : "" : "." + fraction)
          + "p" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }
    return sign + (upper ? text.toUpperCase(Locale.ROOT) : text);
  }

  /** An argument as {@code strtoimax} reads it, with bash's complaints. */
  private static BigInteger integer(Run run, String arg) {
    BigInteger v = parseInteger(run, arg);
    if (v.compareTo(INTMAX_MAX) > 0 || v.compareTo(INTMAX_MIN) < 0) {
      run.warn("warning: " + arg + ": Numerical result out of range");
      return v.signum() > 0 ? INTMAX_MAX : INTMAX_MIN;
    }
    return v;
  }

  /** An argument as {@code strtoumax} reads it: negative values wrap around. */
  private static BigInteger unsigned(Run run, String arg) {
    BigInteger v = parseInteger(run, arg);
    if (v.abs().compareTo(UINTMAX_MAX) > 0) {
      run.warn("warning: " + arg + ": Numerical result out of range");
      return UINTMAX_MAX;
    }
    return v.signum() < 0 ? v.add(TWO_64) : v;
  }

  private static BigInteger parseInteger(Run run, String arg) {
    if (arg == null || arg.isEmpty()) {
      return BigInteger.ZERO;
    }
    if (arg.charAt(0) == '\'' || arg.charAt(0) == '"') {
      return BigInteger.valueOf(arg.length() > 1 ? arg.codePointAt(1) : 0);
    }
    int i = 0;
    while (i < arg.length() && isSpace(arg.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < arg.length() && (arg.charAt(i) == '+' || arg.charAt(i) == '-')) {
      negative = arg.charAt(i) == '-';
      i++;
    }
    int radix = 10;
    if (arg.startsWith("0x", i) || arg.startsWith("0X", i)) {
      if (i + 2 < arg.length() && Character.digit(arg.charAt(i + 2), 16) >= 0) {
        radix = 16;
        i += 2;
      }
    } else if (arg.startsWith("0", i)) {
      radix = 8;
    }
    int start = i;
    while (i < arg.length() && arg.charAt(i) < 128 && Character.digit(arg.charAt(i), radix) >= 0) {
      i++;
    }
    BigInteger v = start == i ? BigInteger.ZERO : new BigInteger(arg.substring(start, i), radix);
    if (start == i || i < arg.length()) {
      invalid(run, arg);
    }
    return negative ? v.negate() : v;
  }

  private static LongDouble floating(Run run, String arg) {
    if (arg == null || arg.isEmpty()) {
      return LongDouble.ZERO;
    }
    if (arg.charAt(0) == '\'' || arg.charAt(0) == '"') {
      return LongDouble.of(BigDecimal.valueOf(arg.length() > 1 ? arg.codePointAt(1) : 0));
    }
    LongDouble.Parsed p = LongDouble.parse(arg, 0);
    if (p.end() < arg.length()) {
      invalid(run, arg);
    }
    return p.value();
  }

  private static void invalid(Run run, String arg) {
    String what = arg.length() > 1 && arg.charAt(0) == '0' && Character.isDigit(arg.charAt(1)) ? "invalid octal number"
        : arg.length() > 1 && arg.charAt(0) == '0' && arg.charAt(1) == 'x' ? "invalid hex number"
        : "invalid number";
    run.warn(arg + ": " + what);
    run.conversionError = true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c >= '\t' && c <= '\r';
  }
}
