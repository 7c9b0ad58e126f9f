package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.FileInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code head [-n [-]N] [-c [-]N] [-N] [-qv] [FILE|-]...}: the first 10 (or N) lines; {@code -n -N} all
 * but the last N; {@code -c N} the first N bytes, {@code -c -N} all but the last N bytes; {@code ==> FILE <==} headers for several files ({@code -q} never, {@code -v}
 * always). Standard input is read only as far as the lines it prints.
 */
final class Head extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("lines", 'n', "bytes", 'c', "quiet", 'q', "silent", 'q', "verbose", 'v');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    List<String> rest = new ArrayList<>(args);
    String count = null;
    Boolean headers = null;
    boolean bytes = false;
    if (!rest.isEmpty() && rest.get(0).matches("-[0-9].*")) {
      String a = rest.remove(0);
      int i = 1;
      while (i < a.length() && Character.isDigit(a.charAt(i))) {
        i++;
      }
      count = a.substring(1, i);
      for (char c : a.substring(i).toCharArray()) {
        switch (c) {
          case 'l' -> { }
          case 'c' -> bytes = true;
          case 'q' -> headers = false;
          case 'v' -> headers = true;
          default -> {
            return t.usage("invalid trailing option -- " + c, 1);
          }
        }
      }
    }
    Getopt.Parsed o;
    try {
      o = Getopt.parse(rest, "c:n:qv0123456789", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'n' -> {
          count = opt.value();
          bytes = false;
        }
        case 'c' -> {
          count = opt.value();
          bytes = true;
        }
        case 'q' -> headers = false;
        case 'v' -> headers = true;
        default -> {
          return t.usage("invalid trailing option -- " + opt.name(), 1);
        }
      }
    }
    LineCount lines;
    try {
      lines = count == null ? new LineCount(10, (char) 0) : LineCount.parse(count, bytes ? "bytes" : "lines");
    } catch (LineCount.Invalid e) {
      t.error(e.getMessage());
      return 1;
    }
    List<String> operands = o.operands().isEmpty() ? List.of("-") : o.operands();
    boolean showHeaders = headers != null ? headers : operands.size() > 1;
    int status = 0;
    boolean first = true;
    for (String operand : operands) {
      boolean directory = false;
      if (!operand.equals("-") && !operand.equals("/dev/null")) {
        try {
          directory = t.stat(operand).isDirectory();
        } catch (ResourceException e) {
          t.error("cannot open " + Quote.always(operand) + " for reading: " + Tool.message(e));
          status = 1;
          continue;
        }
      }
      if (showHeaders) {
        t.print((first ? "" : "\n") + "==> " + (operand.equals("-") ? "standard input" : operand) + " <==\n");
      }
      first = false;
      if (directory) {
        t.error("error reading " + Quote.always(operand) + ": Is a directory");
        status = 1;
        continue;
      }
      if (bytes && lines.sign() == '-') {
        byte[] all = operand.equals("-") ? t.readStdin() : t.read(operand);
        t.write(all, 0, (int) Math.max(0, all.length - Math.min(lines.count(), all.length)));
      } else if (bytes) {
        if (operand.equals("-")) {
          copyFirstBytes(t, t.stdin(), lines.count());
        } else {
          try (InputStream in = t.open(operand)) {
            copyFirstBytes(t, in, lines.count());
          }
        }
      } else if (lines.sign() == '-') {
        byte[] all = operand.equals("-") ? t.readStdin() : t.read(operand);
        t.write(all, 0, startOfLastLines(all, lines.count()));
      } else if (operand.equals("-")) {
        copyFirstLines(t, t.stdin(), lines.count(), t.ctx().stdin() instanceof FileInput file ? file : null);
      } else {
        try (InputStream in = t.open(operand)) {
          copyFirstLines(t, in, lines.count(), null);
        }
      }
    }
    return status;
  }

  /** Where the line after the first {@code n} lines starts. */
  static int endOfFirstLines(byte[] data, int length, long n) {
    long seen = 0;
    if (n == 0) {
      return 0;
    }
    for (int i = 0; i < length; i++) {
      if (data[i] == '\n' && ++seen == n) {
        return i + 1;
      }
    }
    return length;
  }

  /** Where the last {@code n} lines start; an unterminated last line counts as a line. */
  static int startOfLastLines(byte[] data, long n) {
    if (n == 0) {
      return data.length;
    }
    int i = data.length;
    if (i > 0 && data[i - 1] == '\n') {
      i--;
    }
    long seen = 0;
    for (; i > 0; i--) {
      if (data[i - 1] == '\n' && ++seen == n) {
        return i;
      }
    }
    return 0;
  }

  /**
   * Copies the first {@code n} lines, reading 8 KiB at a time: what it read past them is gone from
   * a pipe, but given back to {@code seekable} stdin (a file), as GNU head seeks back.
   */
  private static void copyFirstLines(Tool t, InputStream in, long n, FileInput seekable) throws IOException {
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int read = in.read(buf);
      if (read < 0) {
        return;
      }
      int end = read;
      for (int i = 0; i < read; i++) {
        if (buf[i] == '\n' && --left == 0) {
          end = i + 1;
          break;
        }
      }
      t.write(buf, 0, end);
      if (seekable != null && end < read) {
        seekable.unread(read - end);
      }
    }
  }

  /** Copies the first {@code n} bytes, reading none past them, so stdin keeps the rest. */
  private static void copyFirstBytes(Tool t, InputStream in, long n) throws IOException {
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int read = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (read < 0) {
        return;
      }
      t.write(buf, 0, read);
      left -= read;
    }
  }
}
