package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wc [-lwc] [FILE|-]...}: newline, word and byte counts (all three by default), a {@code
 * total} line for several files. Columns are as wide as GNU makes them: the digits of the total
 * size of the files, at least 7 when standard input or a directory is among them, 1 for a single
 * count of a single file. Words are runs of printable characters between white space, decoded as
 * UTF-8; standard input always counts as a pipe, even when redirected from a file.
 */
final class Wc extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("lines", 'l', "words", 'w', "bytes", 'c');

  /** The counts of one input, or null counts when it could not be read. */
  private record Counts(String name, long lines, long words, long bytes) {}

  /** Counts bytes fed in pieces, a UTF-8 sequence possibly split between pieces. */
  private static final class Counter {
    long lines;
    long words;
    long bytes;
    boolean inWord;
    int pending;
    int need;
    int min;

    void feed(byte[] data, int off, int len) {
      bytes += len;
      for (int i = off; i < off + len; i++) {
        int b = data[i] & 0xff;
        if (need > 0) {
          if ((b & 0xc0) == 0x80) {
            pending = pending << 6 | b & 0x3f;
            if (--need == 0) {
              character(pending >= min && pending <= 0x10ffff ? pending : -1);
            }
            continue;
          }
          need = 0;
        }
        if (b < 0x80) {
          if (b == '\n') {
            lines++;
          }
          character(b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          start(b & 0x1f, 1, 0x80);
        } else if (b >= 0xe0 && b <= 0xef) {
          start(b & 0x0f, 2, 0x800);
        } else if (b >= 0xf0 && b <= 0xf4) {
          start(b & 0x07, 3, 0x10000);
        }
      }
    }

    private void start(int bits, int n, int minimum) {
      pending = bits;
      need = n;
      min = minimum;
    }

    private void character(int cp) {
      if (cp < 0) {
        return;
      }
      if (isSpace(cp)) {
        inWord = false;
      } else if (isPrintable(cp) && !inWord) {
        inWord = true;
        words++;
      }
    }

    private static boolean isSpace(int cp) {
      if (cp < 0x80) {
        return cp == ' ' || cp >= '\t' && cp <= '\r';
      }
      return cp == 0xa0 || cp == 0x2007 || cp == 0x202f || cp == 0x2060
          || Character.isWhitespace(cp);
    }

    private static boolean isPrintable(int cp) {
      if (cp < 0x80) {
        return cp >= 0x20 && cp < 0x7f;
      }
      int type = Character.getType(cp);
      return type != Character.CONTROL && type != Character.UNASSIGNED && type != Character.SURROGATE;
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "lwc", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    boolean lines = o.has('l');
    boolean words = o.has('w');
    boolean bytes = o.has('c');
    if (!lines && !words && !bytes) {
      lines = words = bytes = true;
    }
    List<String> operands = o.operands().isEmpty() ? List.of("-") : o.operands();
    boolean single = operands.size() == 1 && (lines ? 1 : 0) + (words ? 1 : 0) + (bytes ? 1 : 0) == 1;
    long regularTotal = 0;
    int minimumWidth = 1;
    for (String operand : operands) {
      if (operand.equals("-")) {
        minimumWidth = 7;
        continue;
      }
      try {
        FileStat stat = t.stat(operand);
        if (stat.isFile()) {
          regularTotal += stat.size();
        } else {
          minimumWidth = 7;
        }
      } catch (ResourceException e) {
        // reported when the file is read
      }
    }
    int width = single ? 1 : Math.max(minimumWidth, String.valueOf(regularTotal).length());
    int status = 0;
    List<Counts> all = new ArrayList<>();
    for (String operand : operands) {
      Counter c = new Counter();
      String shown = operand.equals("-") && o.operands().isEmpty() ? null : operand;
      if (operand.equals("-")) {
        InputStream in = t.stdin();
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          c.feed(buf, 0, n);
        }
      } else if (operand.isEmpty()) {
        t.error("invalid zero-length file name");
        status = 1;
        continue;
      } else {
        try (InputStream in = t.open(operand)) {
          byte[] buf = new byte[65536];
          for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            c.feed(buf, 0, n);
          }
        } catch (ResourceException e) {
          t.error(Quote.name(operand) + ": " + Tool.message(e));
          status = 1;
          if (e.reason() != ResourceException.Reason.IS_A_DIRECTORY) {
            continue;
          }
        }
      }
      Counts counts = new Counts(shown, c.lines, c.words, c.bytes);
      all.add(counts);
      print(t, counts, width, lines, words, bytes);
    }
    if (operands.size() > 1) {
      Counts total = new Counts("total",
          all.stream().mapToLong(Counts::lines).sum(),
          all.stream().mapToLong(Counts::words).sum(),
          all.stream().mapToLong(Counts::bytes).sum());
      print(t, total, width, lines, words, bytes);
    }
    return status;
  }

  private static void print(Tool t, Counts c, int width, boolean lines, boolean words, boolean bytes)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    if (lines) {
      column(sb, c.lines(), width);
    }
    if (words) {
      column(sb, c.words(), width);
    }
    if (bytes) {
      column(sb, c.bytes(), width);
    }
    if (c.name() != null) {
      sb.append(' ').append(c.name());
    }
    t.print(sb.append('\n').toString());
  }

  private static void column(StringBuilder sb, long n, int width) {
    if (sb.length() > 0) {
      sb.append(' ');
    }
    String s = String.valueOf(n);
    sb.append(" ".repeat(Math.max(0, width - s.length()))).append(s);
  }
}
