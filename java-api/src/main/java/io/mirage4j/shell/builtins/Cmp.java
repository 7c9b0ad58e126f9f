package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code cmp [-s] [-l] [-b] [-n LIMIT] [-i SKIP[:SKIP2]] FILE1 [FILE2]}: the first byte where two
 * files differ ({@code a b differ: byte 6, line 2}), every differing byte with {@code -l}, nothing
 * with {@code -s}; a file that ends first is {@code cmp: EOF on b after byte 3, in line 1}. Reads
 * both files as streams. Status 0 when the same, 1 when different, 2 on trouble.
 */
final class Cmp extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("silent", 's', "quiet", 's', "verbose", 'l',
      "print-bytes", 'b', "bytes", 'n', "ignore-initial", 'i');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed p;
    try {
      p = Getopt.parse(args, "slbn:i:", LONGS);
    } catch (Getopt.UsageException e) {
      return usage(t, e.getMessage());
    }
    long limit = Long.MAX_VALUE;
    long skip1 = 0;
    long skip2 = 0;
    for (Getopt.Option o : p.options()) {
      try {
        if (o.name() == 'n') {
          limit = Long.parseLong(o.value());
        } else if (o.name() == 'i') {
          String[] parts = o.value().split(":", 2);
          skip1 = Long.parseLong(parts[0]);
          skip2 = parts.length > 1 ? Long.parseLong(parts[1]) : skip1;
        }
      } catch (NumberFormatException e) {
        t.error("invalid --" + (o.name() == 'n' ? "bytes" : "ignore-initial") + " value '" + o.value() + "'");
        t.error("Try 'cmp --help' for more information.");
        return 2;
      }
    }
    List<String> files = p.operands();
    if (files.isEmpty()) {
      return usage(t, "missing operand after 'cmp'");
    }
    if (files.size() > 2) {
      return usage(t, "extra operand '" + files.get(2) + "'");
    }
    String a = files.get(0);
    String b = files.size() > 1 ? files.get(1) : "-";
    boolean silent = p.has('s');
    try (InputStream ia = open(t, a); InputStream ib = open(t, b)) {
      if (ia == null || ib == null) {
        return 2;
      }
      ia.skipNBytes(Math.min(skip1, Long.MAX_VALUE));
      ib.skipNBytes(Math.min(skip2, Long.MAX_VALUE));
      long largest = Math.min(limit, Math.max(size(t, a, skip1), size(t, b, skip2)));
      int width = Long.toString(Math.max(1, largest)).length();
      return compare(t, a, b, ia, ib, limit, silent, p.has('l'), p.has('b'), width);
    } catch (java.io.EOFException e) {
      return 1;
    }
  }

  /** The bytes to compare in a file, for the width of {@code -l}'s offsets; 0 for stdin. */
  private static long size(Tool t, String operand, long skip) {
    if (operand.equals("-")) {
      return 0;
    }
    try {
      return Math.max(0, t.stat(operand).size() - skip);
    } catch (ResourceException e) {
      return 0;
    }
  }

  private static int usage(Tool t, String message) throws IOException {
    t.error(message);
    t.error("Try 'cmp --help' for more information.");
    return 2;
  }

  private static InputStream open(Tool t, String operand) throws IOException {
    if (operand.equals("-")) {
      return new BufferedInputStream(t.stdin()) {
        @Override
        public void close() {
          // stdin stays open for the rest of the line
        }
      };
    }
    try {
      return new BufferedInputStream(t.open(operand));
    } catch (ResourceException e) {
      t.error(operand + ": " + Tool.message(e));
      return null;
    }
  }

  private static int compare(Tool t, String a, String b, InputStream ia, InputStream ib, long limit, boolean silent,
      boolean all, boolean printBytes, int width) throws IOException {
    long offset = 0;
    long lines = 0;
    boolean differ = false;
    boolean lastWasNewline = false;
    while (offset < limit) {
      int x = ia.read();
      int y = ib.read();
      if (x < 0 || y < 0) {
        if (x < 0 && y < 0) {
          break;
        }
        if (!silent) {
          String shorter = x < 0 ? a : b;
          if (offset == 0) {
            t.error("EOF on " + shorter + " which is empty");
          } else if (all) {
            t.error("EOF on " + shorter + " after byte " + offset);
          } else {
            boolean atLineEnd = lastWasNewline;
            t.error("EOF on " + shorter + " after byte " + offset + (atLineEnd ? ", line " + lines : ", in line " + (lines + 1)));
          }
        }
        return 1;
      }
      offset++;
      if (x != y) {
        if (silent) {
          return 1;
        }
        if (!all) {
          String where = a + " " + b + " differ: byte " + offset + ", line " + (lines + 1);
          if (printBytes) {
            where += " is " + String.format("%3o %s %3o %s", x, show(x), y, show(y));
          }
          t.print(where + "\n");
          return 1;
        }
        differ = true;
        t.print(String.format("%" + width + "d %3o %3o\n", offset, x, y));
      }
      lastWasNewline = x == '\n';
      if (x == '\n') {
        lines++;
      }
    }
    return differ ? 1 : 0;
  }

  private static String show(int c) {
    StringBuilder sb = new StringBuilder();
    if (c >= 128) {
      sb.append("M-");
      c -= 128;
    }
    if (c < 32) {
      sb.append('^').append((char) (c + 64));
    } else if (c == 127) {
      sb.append("^?");
    } else {
      sb.append((char) c);
    }
    return sb.toString();
  }
}
