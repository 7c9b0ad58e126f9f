package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code od [-A d|o|x|n] [-t TYPE]... [-c -x -o -d -b] [-j SKIP] [-N COUNT] [-w WIDTH] [-v]
 * [FILE]...}: the bytes of the files (or stdin) as octal, hexadecimal, decimal or characters, 16
 * to a line, little-endian, with the offset in front; a line repeating the one before is shown as
 * {@code *} unless {@code -v}. Types: {@code c}, {@code a}, and {@code d o u x} with size 1, 2, 4 or
 * 8 ({@code x1}, {@code u2}, {@code dC}, {@code xL}).
 */
final class Od extends Coreutil {
  private static final Map<String, Character> LONGS = Map.ofEntries(Map.entry("address-radix", 'A'),
      Map.entry("format", 't'), Map.entry("skip-bytes", 'j'), Map.entry("read-bytes", 'N'),
      Map.entry("output-duplicates", 'v'), Map.entry("width", 'w'));
  private static final String[] NAMES = {"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl",
      "vt", "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc",
      "fs", "gs", "rs", "us", "sp"};

  /** One output type: {@code kind} is one of {@code c a d o u x}, {@code size} in bytes. */
  private record Type(char kind, int size) {
    int width() {
      return switch (kind) {
        case 'c', 'a' -> 4;
        case 'x' -> 2 * size + 1;
        case 'o' -> switch (size) {
          case 1 -> 4;
          case 2 -> 7;
          case 4 -> 12;
          default -> 23;
        };
        case 'u' -> switch (size) {
          case 1 -> 4;
          case 2 -> 6;
          case 4 -> 11;
          default -> 21;
        };
        default -> switch (size) {
          case 1 -> 5;
          case 2 -> 7;
          case 4 -> 12;
          default -> 21;
        };
      };
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed p;
    try {
      p = Getopt.parse(args, "A:t:j:N:w:vcxodb", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    char radix = 'o';
    long skip = 0;
    long limit = -1;
    int width = 16;
    List<Type> types = new ArrayList<>();
    for (Getopt.Option o : p.options()) {
      switch (o.name()) {
        case 'A' -> {
          if (o.value().length() != 1 || "doxn".indexOf(o.value().charAt(0)) < 0) {
            t.error("invalid output address radix '" + o.value() + "'; it must be one character from [doxn]");
            return 1;
          }
          radix = o.value().charAt(0);
        }
        case 't' -> {
          String bad = types(o.value(), types);
          if (bad != null) {
            t.error(bad);
            return 1;
          }
        }
        case 'j', 'N', 'w' -> {
          long n;
          try {
            n = number(o.value());
          } catch (NumberFormatException e) {
            t.error("invalid " + (o.name() == 'w' ? "-w" : o.name() == 'j' ? "-j" : "-N") + " argument "
                + Quote.plain(o.value()));
            return 1;
          }
          if (o.name() == 'j') {
            skip = n;
          } else if (o.name() == 'N') {
            limit = n;
          } else {
            width = (int) n;
          }
        }
        case 'c' -> types.add(new Type('c', 1));
        case 'x' -> types.add(new Type('x', 2));
        case 'o' -> types.add(new Type('o', 2));
        case 'd' -> types.add(new Type('u', 2));
        case 'b' -> types.add(new Type('o', 1));
        default -> {
          // -v, read below
        }
      }
    }
    if (types.isEmpty()) {
      types.add(new Type('o', 2));
    }
    byte[] data;
    int status = 0;
    int opened = 0;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    List<String> files = p.operands().isEmpty() ? List.of("-") : p.operands();
    for (String f : files) {
      if (f.equals("-")) {
        all.write(t.readStdin());
        opened++;
        continue;
      }
      try (InputStream in = t.open(f)) {
        in.transferTo(all);
        opened++;
      } catch (ResourceException e) {
        t.error(f + ": " + Tool.message(e));
        status = 1;
      }
    }
    data = all.toByteArray();
    if (opened == 0) {
      return status;
    }
    if (skip > data.length) {
      t.error("cannot skip past end of combined input");
      return 1;
    }
    int end = limit < 0 ? data.length : (int) Math.min(data.length, skip + limit);
    dump(t, data, (int) skip, end, radix, types, width, p.has('v'));
    return status;
  }

  private static long number(String s) {
    if (s.startsWith("0x") || s.startsWith("0X")) {
      return Long.parseLong(s.substring(2), 16);
    }
    long unit = 1;
    String digits = s;
    if (s.endsWith("k") || s.endsWith("K")) {
      unit = 1024;
      digits = s.substring(0, s.length() - 1);
    } else if (s.endsWith("b")) {
      unit = 512;
      digits = s.substring(0, s.length() - 1);
    }
    if (digits.length() > 1 && digits.startsWith("0")) {
      return Long.parseLong(digits, 8) * unit;
    }
    long n = Long.parseLong(digits) * unit;
    if (n < 0) {
      throw new NumberFormatException(s);
    }
    return n;
  }

  /** Adds the types a {@code -t} argument names; returns od's complaint, or null. */
  private static String types(String spec, List<Type> types) {
    int i = 0;
    while (i < spec.length()) {
      char kind = spec.charAt(i++);
      if (kind == 'c' || kind == 'a') {
        types.add(new Type(kind, 1));
        continue;
      }
      if ("doux".indexOf(kind) < 0) {
        return "invalid character '" + kind + "' in type string " + Quote.plain(spec);
      }
      int size = 4;
      if (i < spec.length()) {
        char c = spec.charAt(i);
        if (Character.isDigit(c)) {
          int j = i;
          while (j < spec.length() && Character.isDigit(spec.charAt(j))) {
            j++;
          }
          size = Integer.parseInt(spec.substring(i, j));
          i = j;
          if (size != 1 && size != 2 && size != 4 && size != 8) {
            return "invalid type string " + Quote.plain(spec) + ";\nthis system doesn't provide a " + size
                + "-byte integral type";
          }
        } else if ("CSIL".indexOf(c) >= 0) {
          size = switch (c) {
            case 'C' -> 1;
            case 'S' -> 2;
            case 'I' -> 4;
            default -> 8;
          };
          i++;
        }
      }
      types.add(new Type(kind, size));
    }
    return null;
  }

  private static String address(char radix, long offset) {
    return switch (radix) {
      case 'd' -> String.format("%07d", offset);
      case 'x' -> String.format("%06x", offset);
      case 'n' -> "";
      default -> String.format("%07o", offset);
    };
  }

  private static void dump(Tool t, byte[] data, int start, int end, char radix, List<Type> types, int width,
      boolean all) throws IOException {
    int maxTotal = 0;
    for (Type type : types) {
      maxTotal = Math.max(maxTotal, width / type.size() * type.width());
    }
    byte[] previous = null;
    boolean starred = false;
    for (int at = start; at < end; at += width) {
      int n = Math.min(width, end - at);
      byte[] line = Arrays.copyOfRange(data, at, at + n);
      if (!all && previous != null && n == width && Arrays.equals(line, previous)) {
        if (!starred) {
          t.print("*\n");
          starred = true;
        }
        continue;
      }
      starred = false;
      previous = line;
      boolean first = true;
      for (Type type : types) {
        StringBuilder sb = new StringBuilder(first ? address(radix, at) : " ".repeat(address(radix, at).length()));
        first = false;
        int fields = width / type.size();
        int pad = maxTotal - fields * type.width();
        for (int f = 0; f * type.size() < n; f++) {
          int extra = pad * (f + 1) / fields - pad * f / fields;
          String value = field(type, line, f * type.size());
          sb.append(" ".repeat(Math.max(0, type.width() + extra - value.length()))).append(value);
        }
        t.print(sb.append('\n').toString());
      }
    }
    if (radix != 'n') {
      t.print(address(radix, end) + "\n");
    }
  }

  private static String field(Type type, byte[] line, int at) {
    if (type.kind() == 'c') {
      int b = line[at] & 0xff;
      return switch (b) {
        case 0 -> "\\0";
        case 7 -> "\\a";
        case 8 -> "\\b";
        case 9 -> "\\t";
        case 10 -> "\\n";
        case 11 -> "\\v";
        case 12 -> "\\f";
        case 13 -> "\\r";
        default -> b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("%03o", b);
      };
    }
    if (type.kind() == 'a') {
      int b = line[at] & 0x7f;
      return b == 127 ? "del" : b <= 32 ? NAMES[b] : String.valueOf((char) b);
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = type.size() - 1; i >= 0; i--) {
      int b = at + i < line.length ? line[at + i] & 0xff : 0;
      value = value.shiftLeft(8).or(BigInteger.valueOf(b));
    }
    if (type.kind() == 'd' && value.testBit(8 * type.size() - 1)) {
      value = value.subtract(BigInteger.ONE.shiftLeft(8 * type.size()));
    }
    return switch (type.kind()) {
      case 'x' -> String.format("%0" + 2 * type.size() + "x", value);
      case 'o' -> String.format("%0" + (type.size() == 1 ? 3 : type.size() == 2 ? 6 : type.size() == 4 ? 11 : 22) + "o",
          value);
      default -> value.toString();
    };
  }
}
