package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code sort [-rnu] [FILE|-]...}: sorts the lines of all inputs together, byte by byte as in
 * {@code LC_ALL=C} (code point order for UTF-8); {@code -n} by the leading number (blanks, an
 * optional {@code -}, digits, a {@code .} fraction; none counts as 0), ties broken byte-wise;
 * {@code -r} reverses; {@code -u} keeps the first of each run of equal keys.
 */
final class Sort extends Coreutil {
  private static final Map<String, Character> LONGS =
      Map.of("reverse", 'r', "numeric-sort", 'n', "unique", 'u');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "rnu", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 2);
    }
    List<String> operands = o.operands().isEmpty() ? List.of("-") : o.operands();
    List<Lines.Line> lines = new ArrayList<>();
    for (String operand : operands) {
      byte[] data;
      if (operand.equals("-")) {
        data = t.readStdin();
      } else {
        try {
          data = t.read(operand);
        } catch (ResourceException e) {
          String what = e.reason() == ResourceException.Reason.IS_A_DIRECTORY ? "read failed: " : "cannot read: ";
          t.error(what + Quote.name(operand) + ": " + Tool.message(e));
          return 2;
        }
      }
      lines.addAll(Lines.split(data));
    }
    boolean numeric = o.has('n');
    boolean unique = o.has('u');
    List<Keyed> keyed = new ArrayList<>(lines.size());
    for (Lines.Line line : lines) {
      keyed.add(new Keyed(line, numeric ? Leading.of(line) : null));
    }
    Comparator<Keyed> key = numeric
        ? (a, b) -> a.number().compareTo(b.number())
        : (a, b) -> a.line().compareTo(b.line());
    Comparator<Keyed> order = unique || !numeric ? key : key.thenComparing((a, b) -> a.line().compareTo(b.line()));
    if (o.has('r')) {
      order = order.reversed();
    }
    keyed.sort(order);
    Keyed previous = null;
    for (Keyed k : keyed) {
      if (unique && previous != null && key.compare(previous, k) == 0) {
        continue;
      }
      k.line().writeTerminated(t);
      previous = k;
    }
    return 0;
  }

  /** A line and, for {@code -n}, its leading number. */
  private record Keyed(Lines.Line line, Leading number) {}

  /** A leading number: its digits without leading zeros, its fraction without trailing zeros. */
  private record Leading(boolean negative, String integer, String fraction) implements Comparable<Leading> {
    @Override
    public int compareTo(Leading y) {
      if (negative != y.negative) {
        return negative ? -1 : 1;
      }
      int c = integer.length() != y.integer.length()
          ? Integer.compare(integer.length(), y.integer.length())
          : integer.compareTo(y.integer);
      if (c == 0) {
        c = fraction.compareTo(y.fraction);
      }
      return negative ? -c : c;
    }

    static Leading of(Lines.Line line) {
      byte[] b = line.buf();
      int i = line.start();
      int end = line.end();
      while (i < end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      boolean negative = i < end && b[i] == '-';
      if (negative) {
        i++;
      }
      int intStart = i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      int intEnd = i;
      int fracStart = i;
      int fracEnd = i;
      if (i < end && b[i] == '.') {
        fracStart = ++i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
          i++;
        }
        fracEnd = i;
      }
      while (intStart < intEnd && b[intStart] == '0') {
        intStart++;
      }
      while (fracEnd > fracStart && b[fracEnd - 1] == '0') {
        fracEnd--;
      }
      String integer = new String(b, intStart, intEnd - intStart, StandardCharsets.ISO_8859_1);
      String fraction = new String(b, fracStart, fracEnd - fracStart, StandardCharsets.ISO_8859_1);
      boolean zero = integer.isEmpty() && fraction.isEmpty();
      return new Leading(negative && !zero, integer, fraction);
    }
  }
}
