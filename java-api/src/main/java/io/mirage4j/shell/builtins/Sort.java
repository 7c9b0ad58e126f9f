package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    List<byte[]> inputs = new ArrayList<>();
    for (String operand : operands) {
      if (operand.equals("-")) {
        inputs.add(t.readStdin());
        continue;
      }
      try {
        inputs.add(t.read(operand));
      } catch (ResourceException e) {
        String what = e.reason() == ResourceException.Reason.IS_A_DIRECTORY ? "read failed: " : "cannot read: ";
        t.error(what + Quote.name(operand) + ": " + Tool.message(e));
        return 2;
      }
    }
    LineIndex lines = LineIndex.of(joined(inputs));
    boolean unique = o.has('u');
    IndexSort.Order key = lines::compare;
    IndexSort.Order order = key;
    if (o.has('n')) {
      Leading[] numbers = new Leading[lines.size()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = Leading.of(lines.data(), lines.start(i), lines.end(i));
      }
      key = (a, b) -> numbers[a].compareTo(numbers[b]);
      IndexSort.Order byNumber = key;
      order = unique ? key : (a, b) -> {
        int c = byNumber.compare(a, b);
        return c != 0 ? c : lines.compare(a, b);
      };
    }
    if (o.has('r')) {
      IndexSort.Order forwards = order;
      order = (a, b) -> forwards.compare(b, a);
    }
    int previous = -1;
    for (int line : IndexSort.sorted(lines.size(), order)) {
      if (unique && previous >= 0 && key.compare(previous, line) == 0) {
        continue;
      }
      lines.writeTerminated(t, line);
      previous = line;
    }
    return 0;
  }

  /** The inputs one after the other, each ending with a newline so that its last line stays its own. */
  private static byte[] joined(List<byte[]> inputs) {
    if (inputs.size() == 1) {
      return inputs.get(0);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] data : inputs) {
      all.writeBytes(data);
      if (data.length > 0 && data[data.length - 1] != '\n') {
        all.write('\n');
      }
    }
    return all.toByteArray();
  }

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

    /** The leading number of the line {@code b[start, end)}. */
    static Leading of(byte[] b, int start, int end) {
      int i = start;
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
