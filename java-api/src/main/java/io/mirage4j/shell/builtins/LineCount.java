package io.mirage4j.shell.builtins;

import java.math.BigInteger;

/**
 * The line count of {@code head -n} and {@code tail -n}: digits with an optional sign and size
 * suffix ({@code b} 512, {@code k}/{@code K} 1024, {@code m}/{@code M}, {@code G} … as powers of
 * 1024, or of 1000 with a trailing {@code B}, e.g. {@code kB}).
 *
 * @param count the number of lines
 * @param sign {@code '+'}, {@code '-'} or 0 when none was given
 */
record LineCount(long count, char sign) {
  private static final String SUFFIXES = "bkKmMGTPEZY";
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** A bad count; the message is coreutils', e.g. {@code invalid number of lines: 'x'}. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static LineCount parse(String text) throws Invalid {
    return parse(text, "lines");
  }

  /** As {@link #parse(String)}, naming {@code unit} ({@code lines} or {@code bytes}) in the message. */
  static LineCount parse(String text, String unit) throws Invalid {
    String s = text.strip();
    char sign = 0;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      sign = s.charAt(0);
      s = s.substring(1);
    }
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    String invalid = "invalid number of " + unit + ": " + Quote.plain(text);
    if (i == 0) {
      throw new Invalid(invalid);
    }
    BigInteger value = new BigInteger(s.substring(0, i));
    String suffix = s.substring(i);
    if (!suffix.isEmpty()) {
      int at = SUFFIXES.indexOf(suffix.charAt(0));
      String rest = suffix.substring(1);
      if (at < 0 || !(rest.isEmpty() || at > 0 && (rest.equals("B") || rest.equals("iB")))) {
        throw new Invalid(invalid);
      }
      BigInteger base = BigInteger.valueOf(rest.equals("B") ? 1000 : 1024);
      BigInteger multiplier = at == 0 ? BigInteger.valueOf(512) : base.pow(at <= 2 ? 1 : at <= 4 ? 2 : at - 2);
      value = value.multiply(multiplier);
    }
    if (value.compareTo(MAX) > 0) {
      throw new Invalid(invalid + ": Value too large for defined data type");
    }
    return new LineCount(value.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue(), sign);
  }
}
