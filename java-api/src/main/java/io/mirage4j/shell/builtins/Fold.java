package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code fold [-bs] [-w WIDTH] [FILE|-]...}: breaks lines longer than WIDTH columns (80 by
 * default); a tab moves to the next multiple of 8, a backspace back one, unless {@code -b}
 * counts bytes; {@code -s} breaks after the last blank that fits. Bytes are columns, as in GNU
 * fold. Input is read in chunks and at most one output line is held.
 */
final class Fold extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("bytes", 'b', "spaces", 's', "width", 'w');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      rest.add(a.matches("-[0-9]+") ? "-w" + a.substring(1) : a);
    }
    Getopt.Parsed o;
    try {
      o = Getopt.parse(rest, "bsw:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    long width = 80;
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 'w') {
        try {
          BigInteger w = new BigInteger(opt.value().strip());
          if (w.signum() <= 0) {
            t.error("invalid number of columns: " + Quote.plain(opt.value()) + ": Numerical result out of range");
            return 1;
          }
          width = w.min(BigInteger.valueOf(Integer.MAX_VALUE / 2)).longValue();
        } catch (NumberFormatException e) {
          t.error("invalid number of columns: " + Quote.plain(opt.value()));
          return 1;
        }
      }
    }
    boolean bytes = o.has('b');
    boolean spaces = o.has('s');
    int w = (int) width;
    return Inputs.each(t, o.operands(), (in, operand) -> fold(t, in, w, bytes, spaces));
  }

  private static void fold(Tool t, InputStream in, int width, boolean bytes, boolean spaces) throws IOException {
    byte[] chunk = new byte[8192];
    byte[] line = new byte[Math.min(width, 8192) + 1];
    int length = 0;
    int column = 0;
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      for (int k = 0; k < n; k++) {
        byte c = chunk[k];
        if (c == '\n') {
          t.write(line, 0, length);
          t.write('\n');
          length = 0;
          column = 0;
          continue;
        }
        while (true) {
          column = advance(column, c, bytes);
          if (column <= width) {
            break;
          }
          int blank = -1;
          if (spaces) {
            for (int i = length - 1; i >= 0; i--) {
              if (line[i] == ' ' || line[i] == '\t') {
                blank = i;
                break;
              }
            }
          }
          if (blank >= 0) {
            int keep = blank + 1;
            t.write(line, 0, keep);
            t.write('\n');
            System.arraycopy(line, keep, line, 0, length - keep);
            length -= keep;
            column = 0;
            for (int i = 0; i < length; i++) {
              column = advance(column, line[i], bytes);
            }
            continue;
          }
          if (length == 0) {
            break;
          }
          t.write(line, 0, length);
          t.write('\n');
          length = 0;
          column = 0;
        }
        if (length == line.length) {
          line = Arrays.copyOf(line, line.length * 2);
        }
        line[length++] = c;
      }
    }
    t.write(line, 0, length);
  }

  private static int advance(int column, byte c, boolean bytes) {
    if (bytes) {
      return column + 1;
    }
    return switch (c) {
      case '\b' -> Math.max(0, column - 1);
      case '\r' -> 0;
      case '\t' -> column + 8 - column % 8;
      default -> column + 1;
    };
  }
}
