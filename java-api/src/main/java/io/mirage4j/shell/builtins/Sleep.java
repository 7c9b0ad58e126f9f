package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code sleep NUMBER[smhd]...}: waits for the sum of the intervals (seconds by default;
 * fractions and {@code inf} allowed). An interrupt ends the wait with status 130, the thread's
 * interrupt flag set again.
 */
final class Sleep extends Coreutil {
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  @Override
  int run(Tool t, List<String> args) throws IOException {
    List<String> operands = args;
    if (!args.isEmpty() && args.get(0).equals("--")) {
      operands = args.subList(1, args.size());
    } else {
      for (String a : args) {
        if (a.startsWith("-") && a.length() > 1 && !a.equals("--")) {
          return t.usage(a.startsWith("--") ? "unrecognized option '" + a + "'"
              : "invalid option -- '" + a.charAt(1) + "'", 1);
        }
      }
    }
    if (operands.isEmpty()) {
      return t.usage("missing operand", 1);
    }
    BigDecimal seconds = BigDecimal.ZERO;
    boolean forever = false;
    boolean bad = false;
    for (String a : operands) {
      LongDouble.Parsed p = LongDouble.parse(a, 0);
      int end = p.end();
      int multiplier = 1;
      if (end == a.length() - 1 && end > 0) {
        multiplier = switch (a.charAt(end)) {
          case 's' -> 1;
          case 'm' -> 60;
          case 'h' -> 3600;
          case 'd' -> 86400;
          default -> 0;
        };
        end = multiplier == 0 ? end : a.length();
      }
      if (end == 0 || end != a.length() || multiplier == 0 || p.value().isNaN() || p.value().negative()) {
        t.error("invalid time interval " + Quote.plain(a));
        bad = true;
        continue;
      }
      if (!p.value().isFinite()) {
        forever = true;
      } else {
        seconds = seconds.add(p.value().value().multiply(BigDecimal.valueOf(multiplier)));
      }
    }
    if (bad) {
      return t.usage((String) null, 1);
    }
    long nanos = forever || seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L)) > 0
        ? Long.MAX_VALUE
        : seconds.multiply(NANOS_PER_SECOND).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    try {
      long deadline = System.nanoTime() + nanos;
      for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
        Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
    return 0;
  }
}
