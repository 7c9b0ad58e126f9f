package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code cut -b LIST|-c LIST|-f LIST [-d DELIM] [-s] [-z] [--complement] [--output-delimiter=S]
 * [FILE|-]...}: the selected bytes (characters are bytes, as in GNU cut) or fields of each line.
 * LIST is {@code N}, {@code N-M}, {@code N-}, {@code -M}, separated by commas. Fields are split at
 * DELIM (a tab by default); a line without one is printed whole unless {@code -s}. Lines are read
 * and written one at a time.
 */
final class Cut extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("bytes", 'b', "characters", 'c', "fields", 'f',
      "delimiter", 'd', "only-delimited", 's', "zero-terminated", 'z', "complement", 'C', "output-delimiter", 'O');

  /** A range of positions, from 1; {@code hi} is {@link Long#MAX_VALUE} for {@code N-}. */
  private record Range(long lo, long hi) {}

  /** A malformed list; the message is cut's. */
  private static final class BadList extends Exception {
    private static final long serialVersionUID = 1L;

    BadList(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "b:c:f:d:nszCO:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    char mode = 0;
    String list = null;
    Byte delimiter = null;
    byte[] outputDelimiter = null;
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'b', 'c', 'f' -> {
          if (mode != 0) {
            return t.usage("only one list may be specified", 1);
          }
          mode = opt.name() == 'f' ? 'f' : 'b';
          list = opt.value();
        }
        case 'd' -> {
          byte[] d = opt.value().getBytes(StandardCharsets.UTF_8);
          if (d.length > 1) {
            return t.usage("the delimiter must be a single character", 1);
          }
          delimiter = d.length == 0 ? 0 : d[0];
        }
        case 'O' -> outputDelimiter = opt.value().isEmpty() ? new byte[] {0} : opt.value().getBytes(StandardCharsets.UTF_8);
        default -> {
          // -n, -s, -z, --complement: read below
        }
      }
    }
    if (mode == 0) {
      return t.usage("you must specify a list of bytes, characters, or fields", 1);
    }
    if (delimiter != null && mode != 'f') {
      return t.usage("an input delimiter may be specified only when operating on fields", 1);
    }
    if (o.has('s') && mode != 'f') {
      return t.usage("suppressing non-delimited lines makes sense\n\tonly when operating on fields", 1);
    }
    List<Range> ranges;
    try {
      ranges = parse(list, mode == 'b');
    } catch (BadList e) {
      return t.usage(e.getMessage(), 1);
    }
    if (o.has('C')) {
      ranges = complement(ranges);
    }
    byte lineEnd = (byte) (o.has('z') ? 0 : '\n');
    byte delim = delimiter == null ? (byte) '\t' : delimiter;
    byte[] outDelim = outputDelimiter != null ? outputDelimiter : mode == 'f' ? new byte[] {delim} : null;
    boolean onlyDelimited = o.has('s');
    List<Range> selected = ranges;
    char m = mode;
    return Inputs.each(t, o.operands(), (in, operand) -> {
      Lines.Source lines = Lines.of(in, lineEnd);
      for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
        if (m == 'f') {
          fields(t, line, selected, delim, outDelim, onlyDelimited, lineEnd);
        } else {
          bytes(t, line, selected, outDelim);
          t.write(lineEnd);
        }
      }
    });
  }

  private static void bytes(Tool t, Lines.Line line, List<Range> ranges, byte[] outDelim) throws IOException {
    boolean printed = false;
    for (Range r : ranges) {
      if (r.lo() > line.length()) {
        break;
      }
      int from = line.start() + (int) r.lo() - 1;
      int to = (int) Math.min(line.end(), line.start() + Math.min(r.hi(), Integer.MAX_VALUE));
      if (printed && outDelim != null) {
        t.write(outDelim);
      }
      t.write(line.buf(), from, to - from);
      printed = true;
    }
  }

  private static void fields(Tool t, Lines.Line line, List<Range> ranges, byte delim, byte[] outDelim,
      boolean onlyDelimited, byte lineEnd) throws IOException {
    byte[] buf = line.buf();
    if (Lines.indexOf(buf, delim, line.start(), line.end()) < 0) {
      if (!onlyDelimited) {
        t.write(buf, line.start(), line.length());
        t.write(lineEnd);
      }
      return;
    }
    boolean printed = false;
    int r = 0;
    long field = 1;
    int start = line.start();
    while (start <= line.end() && r < ranges.size()) {
      int end = Lines.indexOf(buf, delim, start, line.end());
      if (end < 0) {
        end = line.end();
      }
      while (r < ranges.size() && ranges.get(r).hi() < field) {
        r++;
      }
      if (r < ranges.size() && ranges.get(r).lo() <= field) {
        if (printed) {
          t.write(outDelim);
        }
        t.write(buf, start, end - start);
        printed = true;
      }
      field++;
      start = end + 1;
    }
    t.write(lineEnd);
  }

  /** The ranges of a list, sorted, overlapping ones merged (adjacent ones stay apart, as in GNU cut). */
  private static List<Range> parse(String list, boolean positions) throws BadList {
    String numberedFrom1 = positions ? "byte/character positions are numbered from 1" : "fields are numbered from 1";
    List<Range> ranges = new ArrayList<>();
    long initial = 1;
    long value = 0;
    boolean lhs = false;
    boolean rhs = false;
    boolean dash = false;
    int numberStart = -1;
    for (int i = 0; ; i++) {
      char c = i < list.length() ? list.charAt(i) : '\0';
      if (c == '-') {
        numberStart = -1;
        if (dash) {
          throw new BadList(positions ? "invalid byte or character range" : "invalid field range");
        }
        dash = true;
        if (lhs && value == 0) {
          throw new BadList(numberedFrom1);
        }
        initial = lhs ? value : 1;
        value = 0;
      } else if (c == ',' || c == ' ' || c == '\t' || c == '\0') {
        numberStart = -1;
        if (dash) {
          dash = false;
          if (!lhs && !rhs) {
            throw new BadList("invalid range with no endpoint: -");
          }
          if (!rhs) {
            ranges.add(new Range(initial, Long.MAX_VALUE));
          } else {
            if (value < initial) {
              throw new BadList("invalid decreasing range");
            }
            ranges.add(new Range(initial, value));
          }
          value = 0;
        } else {
          if (value == 0) {
            throw new BadList(numberedFrom1);
          }
          ranges.add(new Range(value, value));
          value = 0;
        }
        if (i >= list.length()) {
          break;
        }
        lhs = false;
        rhs = false;
      } else if (c >= '0' && c <= '9') {
        if (numberStart < 0) {
          numberStart = i;
        }
        if (dash) {
          rhs = true;
        } else {
          lhs = true;
        }
        if (value > (Long.MAX_VALUE - (c - '0')) / 10 || value * 10 + (c - '0') == Long.MAX_VALUE) {
          int end = numberStart;
          while (end < list.length() && Character.isDigit(list.charAt(end))) {
            end++;
          }
          String bad = Quote.plain(list.substring(numberStart, end));
          throw new BadList(positions ? "byte offset " + bad + " is too large" : "field number " + bad + " is too large");
        }
        value = value * 10 + (c - '0');
      } else {
        String rest = Quote.plain(list.substring(i));
        throw new BadList(positions ? "invalid byte/character position " + rest : "invalid field value " + rest);
      }
    }
    ranges.sort(Comparator.comparingLong(Range::lo).thenComparingLong(Range::hi));
    List<Range> merged = new ArrayList<>();
    for (Range r : ranges) {
      Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.lo() <= last.hi()) {
        merged.set(merged.size() - 1, new Range(last.lo(), Math.max(last.hi(), r.hi())));
      } else {
        merged.add(r);
      }
    }
    return merged;
  }

  /** The positions not in {@code ranges}. */
  private static List<Range> complement(List<Range> ranges) {
    List<Range> gaps = new ArrayList<>();
    long next = 1;
    for (Range r : ranges) {
      if (r.lo() > next) {
        gaps.add(new Range(next, r.lo() - 1));
      }
      next = r.hi() == Long.MAX_VALUE ? Long.MAX_VALUE : r.hi() + 1;
    }
    if (next != Long.MAX_VALUE) {
      gaps.add(new Range(next, Long.MAX_VALUE));
    }
    return gaps;
  }
}
