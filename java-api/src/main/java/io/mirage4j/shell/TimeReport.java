package io.mirage4j.shell;

/**
 * What {@code time PIPELINE} prints on the shell's stderr: bash's {@code TIMEFORMAT} with {@code
 * %[p][l]R} (elapsed), {@code U} (user CPU), {@code S} (system CPU), {@code %P} (CPU percentage)
 * and {@code %%}; {@code p} is 0 to 3 decimals, {@code l} is the {@code 1m2.345s} form.
 */
final class TimeReport {
  /** bash's format when {@code TIMEFORMAT} is unset. */
  static final String DEFAULT = "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS";
  /** {@code time -p}: the POSIX format. */
  static final String POSIX = "real %2R\nuser %2U\nsys %2S";

  private TimeReport() {}

  /**
   * The report for a pipeline that took {@code realNanos} and used {@code userNanos} and {@code
   * sysNanos} of CPU, with a newline, or "" for an empty format.
   */
  static String format(String format, long realNanos, long userNanos, long sysNanos) {
    if (format.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        sb.append(c);
        continue;
      }
      int j = i + 1;
      int precision = 3;
      if (Character.isDigit(format.charAt(j))) {
        precision = Math.min(3, format.charAt(j) - '0');
        j++;
      }
      boolean longForm = j < format.length() && format.charAt(j) == 'l';
      if (longForm) {
        j++;
      }
      char kind = j < format.length() ? format.charAt(j) : 0;
      switch (kind) {
        case 'R', 'U', 'S' -> {
          long nanos = kind == 'R' ? realNanos : kind == 'U' ? userNanos : sysNanos;
          sb.append(seconds(nanos, precision, longForm));
          i = j;
        }
        case 'P' -> {
          double percent = realNanos == 0 ? 0 : 100.0 * (userNanos + sysNanos) / realNanos;
          sb.append(String.format(java.util.Locale.ROOT, "%.2f", percent));
          i = j;
        }
        case '%' -> {
          sb.append('%');
          i = j;
        }
        default -> sb.append(c);
      }
    }
    return sb.append('\n').toString();
  }

  private static String seconds(long nanos, int precision, boolean longForm) {
    long scale = (long) Math.pow(10, precision);
    long units = nanos / (1_000_000_000L / scale);
    long whole = units / scale;
    String fraction = precision == 0 ? "" : "." + String.format("%0" + precision + "d", units % scale);
    if (!longForm) {
      return whole + fraction;
    }
    return whole / 60 + "m" + whole % 60 + fraction + "s";
  }
}
