package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code xxd [-p] [-r] [-u] [-c COLS] [-g BYTES] [-l LEN] [-s SEEK] [INFILE [OUTFILE]]}: a hex
 * dump in xxd's layout ({@code 00000000: 6865 6c6c  hell}), plain hex with {@code -p}, and back
 * to bytes with {@code -r} (either form). Errors are xxd's: {@code xxd: x: No such file or
 * directory}, status 2.
 */
final class Xxd extends Coreutil {

  @Override
  int run(Tool t, List<String> args) throws IOException {
    boolean plain = false;
    boolean reverse = false;
    boolean upper = false;
    int cols = -1;
    int group = 2;
    long length = -1;
    long seek = 0;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
      try {
        if (name.equals("p") || name.equals("ps") || name.equals("postscript") || name.equals("plain")) {
          plain = true;
        } else if (name.equals("r") || name.equals("revert")) {
          reverse = true;
        } else if (name.equals("u")) {
          upper = true;
        } else if (name.equals("rp") || name.equals("pr")) {
          plain = true;
          reverse = true;
        } else if ("cgls".indexOf(name.charAt(0)) >= 0) {
          String value = name.length() > 1 ? name.substring(1) : (++i < args.size() ? args.get(i) : null);
          if (value == null) {
            return usage(t);
          }
          long n = number(value);
          switch (name.charAt(0)) {
            case 'c' -> cols = (int) n;
            case 'g' -> group = (int) n;
            case 'l' -> length = n;
            default -> seek = n;
          }
        } else {
          return usage(t);
        }
      } catch (NumberFormatException e) {
        return usage(t);
      }
    }
    List<String> files = args.subList(i, args.size());
    if (files.size() > 2) {
      return usage(t);
    }
    String in = files.isEmpty() ? "-" : files.get(0);
    byte[] data;
    try {
      data = in.equals("-") ? t.readStdin() : t.read(in);
    } catch (ResourceException e) {
      t.error(in + ": " + Tool.message(e));
      return 2;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (reverse) {
      out.writeBytes(plain ? fromPlain(data) : fromDump(data, cols < 0 ? 16 : cols));
    } else {
      int start = (int) Math.min(data.length, Math.max(0, seek < 0 ? data.length + seek : seek));
      int end = length < 0 ? data.length : (int) Math.min(data.length, start + length);
      String text = plain ? plainDump(data, start, end, cols <= 0 ? 30 : cols, upper)
          : dump(data, start, end, cols <= 0 ? 16 : cols, group, upper);
      out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
    if (files.size() == 2 && !files.get(1).equals("-")) {
      try {
        t.writeFile(files.get(1), out.toByteArray(), false);
      } catch (ResourceException e) {
        t.error(files.get(1) + ": " + Tool.message(e));
        return 3;
      }
    } else {
      t.write(out.toByteArray());
    }
    return 0;
  }

  private static int usage(Tool t) throws IOException {
    t.note("Usage:\n       xxd [options] [infile [outfile]]\n    or\n       xxd -r [-s [-]offset] [-c cols] [-ps] "
        + "[infile [outfile]]");
    return 1;
  }

  private static long number(String s) {
    String v = s.startsWith("+") ? s.substring(1) : s;
    boolean negative = v.startsWith("-");
    if (negative) {
      v = v.substring(1);
    }
    long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16)
        : v.length() > 1 && v.startsWith("0") ? Long.parseLong(v, 8) : Long.parseLong(v);
    return negative ? -n : n;
  }

  private static String plainDump(byte[] data, int start, int end, int cols, boolean upper) {
    StringBuilder sb = new StringBuilder();
    String fmt = upper ? "%02X" : "%02x";
    for (int i = start; i < end; i++) {
      sb.append(String.format(fmt, data[i] & 0xff));
      if ((i - start + 1) % cols == 0 || i == end - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String dump(byte[] data, int start, int end, int cols, int group, boolean upper) {
    StringBuilder sb = new StringBuilder();
    String fmt = upper ? "%02X" : "%02x";
    int g = group <= 0 ? cols : group;
    int hexWidth = cols * 2 + (cols + g - 1) / g - 1;
    for (int at = start; at < end; at += cols) {
      int n = Math.min(cols, end - at);
      StringBuilder hex = new StringBuilder();
      for (int k = 0; k < n; k++) {
        if (k > 0 && k % g == 0) {
          hex.append(' ');
        }
        hex.append(String.format(fmt, data[at + k] & 0xff));
      }
      sb.append(String.format("%08x: ", at)).append(hex).append(" ".repeat(hexWidth - hex.length() + 2));
      for (int k = 0; k < n; k++) {
        int b = data[at + k] & 0xff;
        sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static byte[] fromPlain(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int high = -1;
    for (byte b : text) {
      int d = Character.digit(b, 16);
      if (d < 0) {
        continue;
      }
      if (high < 0) {
        high = d;
      } else {
        out.write(high << 4 | d);
        high = -1;
      }
    }
    return out.toByteArray();
  }

  /** Bytes from {@code offset: hex hex  text} lines; the text column is ignored, gaps stay zero. */
  private static byte[] fromDump(byte[] text, int cols) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : new String(text, StandardCharsets.ISO_8859_1).split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      long offset;
      try {
        offset = Long.parseLong(line.substring(0, colon).trim(), 16);
      } catch (NumberFormatException e) {
        continue;
      }
      while (out.size() < offset) {
        out.write(0);
      }
      String rest = line.substring(colon + 1);
      int high = -1;
      int spaces = 0;
      int written = 0;
      for (int k = 0; k < rest.length() && written < cols; k++) {
        char c = rest.charAt(k);
        int d = Character.digit(c, 16);
        if (d < 0) {
          if (c == ' ' && ++spaces >= 2 && high < 0 && k > 1) {
            break;
          }
          continue;
        }
        spaces = 0;
        if (high < 0) {
          high = d;
        } else {
          out.write(high << 4 | d);
          written++;
          high = -1;
        }
      }
    }
    return out.toByteArray();
  }
}
