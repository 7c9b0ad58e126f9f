package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code split [-l LINES | -b SIZE | -n CHUNKS] [-d] [-a LEN] [--additional-suffix=S] [FILE
 * [PREFIX]]}: FILE (or stdin) in pieces named PREFIX (default {@code x}) and a suffix ({@code aa},
 * {@code ab}, …, or {@code 00}, {@code 01} with {@code -d}); without {@code -a} the suffix grows as
 * GNU's does ({@code yz} is followed by {@code zaaa}). Reads as a stream, 1000 lines a piece by
 * default. Messages and statuses are GNU split's.
 */
final class Split extends Coreutil {
  private static final Map<String, Character> LONGS = Map.ofEntries(Map.entry("lines", 'l'),
      Map.entry("bytes", 'b'), Map.entry("number", 'n'), Map.entry("numeric-suffixes", 'd'),
      Map.entry("suffix-length", 'a'), Map.entry("additional-suffix", 'S'), Map.entry("elide-empty-files", 'e'),
      Map.entry("verbose", 'V'));

  /** The suffixes ran out: {@code -a} is too short for the pieces. */
  private static final class Exhausted extends Exception {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super(null, null, false, false);
    }
  }

  /** Names the pieces. */
  private record Names(String prefix, String extra, boolean digits, int length, boolean fixed) {
    String name(long index) throws Exhausted {
      int base = digits ? 10 : 26;
      char first = digits ? '0' : 'a';
      StringBuilder lead = new StringBuilder();
      int len = length;
      long i = index;
      if (fixed) {
        if (i >= Math.pow(base, len)) {
          throw new Exhausted();
        }
      } else {
        while (true) {
          long cap = (base - 1) * (long) Math.pow(base, len - 1);
          if (i < cap) {
            break;
          }
          i -= cap;
          lead.append((char) (first + base - 1));
          len++;
        }
      }
      char[] s = new char[len];
      for (int k = len - 1; k >= 0; k--) {
        s[k] = (char) (first + i % base);
        i /= base;
      }
      return prefix + lead + new String(s) + extra;
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed p;
    try {
      p = Getopt.parse(args, "l:b:n:da:S:eV", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    long lines = 1000;
    long bytes = -1;
    long chunks = -1;
    int length = 2;
    boolean fixed = false;
    String extra = "";
    for (Getopt.Option o : p.options()) {
      switch (o.name()) {
        case 'l', 'b', 'n' -> {
          long n;
          try {
            n = o.name() == 'b' ? size(o.value()) : Long.parseLong(o.value());
          } catch (NumberFormatException e) {
            t.error("invalid number of " + (o.name() == 'l' ? "lines" : o.name() == 'b' ? "bytes" : "chunks") + ": "
                + Quote.plain(o.value()));
            return 1;
          }
          if (n <= 0) {
            t.error("invalid number of " + (o.name() == 'l' ? "lines" : o.name() == 'b' ? "bytes" : "chunks") + ": "
                + Quote.plain(o.value()) + ": Numerical result out of range");
            return 1;
          }
          lines = o.name() == 'l' ? n : -1;
          bytes = o.name() == 'b' ? n : -1;
          chunks = o.name() == 'n' ? n : -1;
        }
        case 'a' -> {
          try {
            length = Integer.parseInt(o.value());
            fixed = true;
          } catch (NumberFormatException e) {
            t.error("invalid suffix length: " + Quote.plain(o.value()));
            return 1;
          }
        }
        case 'S' -> extra = o.value();
        default -> {
          // -d, -e, --verbose, read below
        }
      }
    }
    List<String> ops = p.operands();
    if (ops.size() > 2) {
      return t.usage("extra operand " + Quote.plain(ops.get(2)), 1);
    }
    String file = ops.isEmpty() ? "-" : ops.get(0);
    Names names = new Names(ops.size() > 1 ? ops.get(1) : "x", extra, p.has('d'), length, fixed);
    InputStream in;
    try {
      in = file.equals("-") ? t.stdin() : new BufferedInputStream(t.open(file));
    } catch (ResourceException e) {
      t.error("cannot open " + Quote.always(file) + " for reading: " + Tool.message(e));
      return 1;
    }
    try {
      if (chunks > 0) {
        byte[] all = in.readAllBytes();
        long each = all.length / chunks;
        for (int k = 0; k < chunks; k++) {
          long from = k * each;
          long to = k == chunks - 1 ? all.length : from + each;
          if (p.has('e') && to == from) {
            continue;
          }
          write(t, names.name(k), java.util.Arrays.copyOfRange(all, (int) from, (int) to), p.has('V'));
        }
      } else {
        pieces(t, in, names, lines, bytes, p.has('V'));
      }
    } catch (Exhausted e) {
      t.error("output file suffixes exhausted");
      return 1;
    } catch (ResourceException e) {
      t.error(e.getMessage());
      return 1;
    } finally {
      if (!file.equals("-")) {
        in.close();
      }
    }
    return 0;
  }

  private static long size(String s) {
    long unit = 1;
    String digits = s;
    String[] suffixes = {"KB", "MB", "GB", "K", "M", "G", "k", "m", "g", "b"};
    long[] units = {1000, 1000_000, 1000_000_000, 1024, 1 << 20, 1 << 30, 1024, 1 << 20, 1 << 30, 512};
    for (int i = 0; i < suffixes.length; i++) {
      if (s.endsWith(suffixes[i]) && s.length() > suffixes[i].length()) {
        unit = units[i];
        digits = s.substring(0, s.length() - suffixes[i].length());
        break;
      }
    }
    return Math.multiplyExact(Long.parseLong(digits), unit);
  }

  private static void pieces(Tool t, InputStream in, Names names, long lines, long bytes, boolean verbose)
      throws IOException, Exhausted {
    ByteArrayOutputStream piece = new ByteArrayOutputStream();
    long count = 0;
    long index = 0;
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) > 0) {
      for (int i = 0; i < n; i++) {
        piece.write(buffer[i]);
        if (bytes > 0 ? ++count == bytes : buffer[i] == '\n' && ++count == lines) {
          write(t, names.name(index++), piece.toByteArray(), verbose);
          piece.reset();
          count = 0;
        }
      }
    }
    if (piece.size() > 0) {
      write(t, names.name(index), piece.toByteArray(), verbose);
    }
  }

  private static void write(Tool t, String name, byte[] data, boolean verbose) throws IOException {
    if (verbose) {
      t.print("creating file " + Quote.always(name) + "\n");
    }
    t.writeFile(name, data, false);
  }
}
