package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code tail [-n [+]N] [-c [+]N] [-N] [+N] [-qv] [FILE|-]...}: the last 10 (or N) lines; {@code -n +N}
 * from line N on; {@code -c N} the last N bytes, {@code -c +N} from byte N on; the obsolete {@code -N} and {@code +N} with at most one file; {@code ==> FILE
 * <==} headers for several files ({@code -q} never, {@code -v} always).
 */
final class Tail extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("lines", 'n', "bytes", 'c', "quiet", 'q', "silent", 'q', "verbose", 'v');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    LineCount lines = null;
    List<String> rest = args;
    Boolean headers = null;
    boolean bytes = false;
    if (isObsolete(args)) {
      String a = args.get(0);
      bytes = a.endsWith("c");
      String digits = a.substring(1).replaceFirst("[lc]$", "");
      try {
        lines = digits.isEmpty() ? new LineCount(10, a.charAt(0)) : LineCount.parse(a.charAt(0) + digits);
      } catch (LineCount.Invalid e) {
        t.error("invalid number: " + Quote.plain(a));
        return 1;
      }
      rest = args.subList(1, args.size());
    }
    Getopt.Parsed o;
    try {
      o = Getopt.parse(rest, "c:n:qv0123456789", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'n', 'c' -> {
          bytes = opt.name() == 'c';
          try {
            lines = LineCount.parse(opt.value(), bytes ? "bytes" : "lines");
          } catch (LineCount.Invalid e) {
            t.error(e.getMessage());
            return 1;
          }
        }
        case 'q' -> headers = false;
        case 'v' -> headers = true;
        default -> {
          t.error("option used in invalid context -- " + opt.name());
          return 1;
        }
      }
    }
    if (lines == null) {
      lines = new LineCount(10, (char) 0);
    }
    List<String> operands = o.operands().isEmpty() ? List.of("-") : o.operands();
    boolean showHeaders = headers != null ? headers : operands.size() > 1;
    int status = 0;
    boolean first = true;
    for (String operand : operands) {
      byte[] data = null;
      if (!operand.equals("-")) {
        try {
          data = t.read(operand);
        } catch (ResourceException e) {
          if (e.reason() != ResourceException.Reason.IS_A_DIRECTORY) {
            t.error("cannot open " + Quote.always(operand) + " for reading: " + Tool.message(e));
            status = 1;
            continue;
          }
        }
      }
      if (showHeaders) {
        t.print((first ? "" : "\n") + "==> " + (operand.equals("-") ? "standard input" : operand) + " <==\n");
      }
      first = false;
      if (!operand.equals("-") && data == null) {
        t.error("error reading " + Quote.always(operand) + ": Is a directory");
        status = 1;
        continue;
      }
      if (bytes && lines.sign() == '+') {
        long skip = Math.max(0, lines.count() - 1);
        if (data != null) {
          int from = (int) Math.min(skip, data.length);
          t.write(data, from, data.length - from);
        } else {
          copyFromByte(t, t.stdin(), skip);
        }
      } else if (bytes) {
        long count = lines.count();
        byte[] all = data != null ? data : endOf(t.stdin(), kept -> (int) (kept.length - Math.min(count, kept.length)));
        int from = (int) (all.length - Math.min(lines.count(), all.length));
        t.write(all, from, all.length - from);
      } else if (lines.sign() == '+') {
        long skip = Math.max(0, lines.count() - 1);
        if (data != null) {
          int from = Head.endOfFirstLines(data, data.length, skip);
          t.write(data, from, data.length - from);
        } else {
          copyFromLine(t, t.stdin(), skip);
        }
      } else {
        long count = lines.count();
        byte[] all = data != null ? data : endOf(t.stdin(), kept -> Head.startOfLastLines(kept, count));
        int from = Head.startOfLastLines(all, lines.count());
        t.write(all, from, all.length - from);
      }
    }
    return status;
  }

  /** The obsolete {@code -N}, {@code +N} form: the first argument, with at most one file after it. */
  private static boolean isObsolete(List<String> args) {
    if (args.isEmpty()) {
      return false;
    }
    boolean oneFile = args.size() == 1
        || args.size() == 2 && !(args.get(1).startsWith("-") && args.get(1).length() > 1)
        || args.size() >= 2 && args.size() <= 3 && args.get(1).equals("--");
    String a = args.get(0);
    return oneFile && a.matches("[-+][0-9]*[lc]?") && !a.equals("-") && !a.equals("-c");
  }

  /**
   * The end of a stream that tail prints, read in pieces: whenever what is kept passes a size,
   * only what may still be part of the end stays ({@code start} says where it begins), so memory
   * follows the size of the end, not of the stream.
   */
  private static byte[] endOf(InputStream in, java.util.function.ToIntFunction<byte[]> start) throws IOException {
    byte[] kept = new byte[64 * 1024];
    int length = 0;
    int trimAt = 1 << 20;
    byte[] piece = new byte[64 * 1024];
    for (int n = in.read(piece); n >= 0; n = in.read(piece)) {
      if (length + n > kept.length) {
        kept = java.util.Arrays.copyOf(kept, Math.max(length + n, 2 * kept.length));
      }
      System.arraycopy(piece, 0, kept, length, n);
      length += n;
      if (length >= trimAt) {
        int from = start.applyAsInt(java.util.Arrays.copyOf(kept, length));
        System.arraycopy(kept, from, kept, 0, length - from);
        length -= from;
        trimAt = Math.max(1 << 20, 2 * length);
        if (kept.length > 2 * trimAt) {
          kept = java.util.Arrays.copyOf(kept, trimAt);
        }
      }
    }
    return java.util.Arrays.copyOf(kept, length);
  }

  private static void copyFromLine(Tool t, InputStream in, long skip) throws IOException {
    byte[] buf = new byte[8192];
    long left = skip;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      int from = 0;
      while (left > 0 && from < n) {
        if (buf[from++] == '\n') {
          left--;
        }
      }
      if (left == 0) {
        t.write(buf, from, n - from);
      }
    }
  }

  private static void copyFromByte(Tool t, InputStream in, long skip) throws IOException {
    byte[] buf = new byte[8192];
    long left = skip;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      int from = (int) Math.min(left, n);
      left -= from;
      t.write(buf, from, n - from);
    }
  }
}
