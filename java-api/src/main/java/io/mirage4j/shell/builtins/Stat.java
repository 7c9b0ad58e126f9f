package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code stat [-Lt] [-c FORMAT | --printf FORMAT] FILE...}: GNU stat's report on each file, in its
 * default layout, its terse ({@code -t}) line or a format's directives ({@code %n %N %s %b %B %o
 * %a %A %f %F %h %i %u %U %g %G %d %D %t %T %m %x %X %y %Y %z %Z %w %W %%}, with printf flags,
 * width and precision: {@code %-10n}, {@code %04a}, {@code %.3Y}). {@code -c} ends each report
 * with a newline; {@code --printf} does not and reads backslash escapes. {@code -L} is accepted
 * (there are no symbolic links).
 *
 * <p>What a mount does not store is given as an ext4 disk on Linux would show it: a directory is
 * 4096 bytes and one 4 KiB block, a file takes whole 4 KiB blocks ({@code %b} counts 512-byte
 * units), directories have {@code 2 +} their subdirectories as links and files one; owner and group
 * are {@code user} (1000), as {@code ls -l} shows; the device is 0; the inode a number derived from
 * the path; access and change times are the modification time and the birth time is unknown
 * ({@code -}). Times print in {@code TZ} (UTC by default), as {@code date} does.
 */
final class Stat extends Coreutil {
  private static final char PRINTF = '\u0001';
  private static final Map<String, Character> LONGS = Map.of("format", 'c', "printf", PRINTF,
      "dereference", 'L', "terse", 't');
  private static final String DEFAULT = "  File: %n\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
      + "Device: %Hd,%Ld\tInode: %-11i Links: %h\n"
      + "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
      + "Access: %x\nModify: %y\nChange: %z\n Birth: %w\n";
  private static final String TERSE = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";
  private static final int BLOCK = 4096;
  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx");

  /** A bad {@code %} directive; stat stops there. */
  private static final class BadDirective extends Exception {
    private static final long serialVersionUID = 1L;

    BadDirective(String message) {
      super(message, null, false, false);
    }
  }

  /** One file being reported: the operand as given and what it names. */
  private record Target(String shown, String path, FileStat stat, int permissions, String mountPoint) {}

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "c:Lt" + PRINTF + ":", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    String format = null;
    boolean escapes = false;
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 'c') {
        format = opt.value() + "\n";
        escapes = false;
      } else if (opt.name() == PRINTF) {
        format = opt.value();
        escapes = true;
      }
    }
    if (format == null) {
      format = o.has('t') ? TERSE : DEFAULT;
    } else if (escapes) {
      format = escapes(t, format);
    }
    if (o.operands().isEmpty()) {
      return t.usage("missing operand", 1);
    }
    ZoneId zone = Date.zone(t.state().env().get("TZ"));
    int status = 0;
    for (String operand : o.operands()) {
      Target target;
      try {
        target = target(t, operand);
      } catch (ResourceException e) {
        t.error("cannot statx " + Quote.always(operand) + ": " + Tool.message(e));
        status = 1;
        continue;
      }
      StringBuilder text = new StringBuilder();
      try {
        render(t, format, target, zone, text);
      } catch (BadDirective e) {
        t.print(text.toString());
        t.error(e.getMessage());
        return 1;
      }
      t.print(text.toString());
    }
    return status;
  }

  private static Target target(Tool t, String operand) {
    String path = t.resolve(operand);
    FileStat st = t.fs().stat(path);
    int permissions = t.fs().permissions(path);
    String mountPoint = t.fs().mounts().owner(path).map(Mount::prefix).orElse("/");
    return new Target(operand, path, st, permissions, mountPoint);
  }

  /**
   * {@code --printf}'s backslash escapes, with GNU stat's warnings; an octal or hex escape gives
   * the character of that code.
   */
  private static String escapes(Tool t, String format) throws IOException {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= format.length()) {
        t.error("warning: backslash at end of format");
        out.append('\\');
        break;
      }
      char e = format.charAt(i + 1);
      i += 2;
      if (e >= '0' && e <= '7') {
        int v = e - '0';
        for (int k = 0; k < 2 && i < format.length() && format.charAt(i) >= '0' && format.charAt(i) <= '7'; k++) {
          v = v * 8 + format.charAt(i++) - '0';
        }
        out.append((char) (v & 0xff));
        continue;
      }
      if (e == 'x' && i < format.length() && Character.digit(format.charAt(i), 16) >= 0) {
        int v = Character.digit(format.charAt(i++), 16);
        if (i < format.length() && Character.digit(format.charAt(i), 16) >= 0) {
          v = v * 16 + Character.digit(format.charAt(i++), 16);
        }
        out.append((char) v);
        continue;
      }
      int simple = "abefnrtv\\\"".indexOf(e);
      if (simple >= 0) {
        out.append("\u0007\b\u001b\f\n\r\t\u000b\\\"".charAt(simple));
        continue;
      }
      t.error("warning: unrecognized escape '\\" + e + "'");
      out.append(e);
    }
    return out.toString();
  }

  /** Appends the format with every directive replaced to {@code sb}, up to a bad directive. */
  private static void render(Tool t, String format, Target f, ZoneId zone, StringBuilder sb) throws BadDirective {
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        sb.append(c);
        i++;
        continue;
      }
      int start = i++;
      if (i >= format.length()) {
        sb.append('%');
        break;
      }
      int flagsStart = i;
      while (i < format.length() && "-+ #0'".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      String flags = format.substring(flagsStart, i);
      int width = 0;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        width = Math.min(width * 10 + format.charAt(i++) - '0', 1 << 20);
      }
      int precision = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        precision = i < format.length() && Character.isDigit(format.charAt(i)) ? 0 : DOT_ONLY;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          precision = Math.min(precision * 10 + format.charAt(i++) - '0', 1 << 20);
        }
      }
      while (i < format.length() && (format.charAt(i) == 'H' || format.charAt(i) == 'L')) {
        i++;
      }
      if (i >= format.length()) {
        sb.append(format, start, i);
        break;
      }
      char d = format.charAt(i++);
      if (d == '%') {
        if (i - start > 2) {
          throw new BadDirective(Quote.plain(format.substring(start, i)) + ": invalid directive");
        }
        sb.append('%');
        continue;
      }
      sb.append(directive(t, d, new Spec(flags, width, precision), f, zone));
    }
  }

  /** A precision of a lone {@code .}: none for text and numbers, nine digits for times. */
  private static final int DOT_ONLY = -2;

  /** A directive's flags, width and precision ({@code -1}: none; {@link #DOT_ONLY}). */
  private record Spec(String flags, int width, int precision) {
    String pad(String text) {
      int p = precision == DOT_ONLY ? 0 : precision;
      String s = p >= 0 && p < text.length() ? text.substring(0, p) : text;
      return fill(s, ' ');
    }

    String fill(String s, char with) {
      if (s.length() >= width) {
        return s;
      }
      String padding = String.valueOf(with).repeat(width - s.length());
      if (flags.indexOf('-') >= 0) {
        return s + " ".repeat(width - s.length());
      }
      if (with == '0') {
        int sign = s.startsWith("+") || s.startsWith(" ") ? 1 : s.startsWith("0x") ? 2 : 0;
        return s.substring(0, sign) + padding + s.substring(sign);
      }
      return padding + s;
    }

    /** An integer as printf's {@code %d}, {@code %o} or {@code %x} prints it with these flags. */
    String number(long value, int radix, boolean signed) {
      String digits = Long.toString(value, radix);
      if (precision >= 0 && digits.length() < precision) {
        digits = "0".repeat(precision - digits.length()) + digits;
      }
      String prefix = "";
      if (flags.indexOf('#') >= 0 && value != 0) {
        prefix = radix == 16 ? "0x" : radix == 8 && !digits.startsWith("0") ? "0" : "";
      }
      if (signed && flags.indexOf('+') >= 0) {
        prefix = "+";
      } else if (signed && flags.indexOf(' ') >= 0) {
        prefix = " ";
      }
      boolean zeros = flags.indexOf('0') >= 0 && flags.indexOf('-') < 0 && precision == -1;
      return fill(prefix + digits, zeros ? '0' : ' ');
    }

    /** Seconds since the epoch, with as many digits of the fraction as the precision asks. */
    String seconds(Instant when) {
      String whole = Long.toString(when.getEpochSecond());
      int digits = precision == DOT_ONLY ? 9 : precision;
      if (digits <= 0) {
        return number(when.getEpochSecond(), 10, true);
      }
      String nanos = String.format("%09d", when.getNano());
      String fraction = digits <= 9 ? nanos.substring(0, digits) : nanos + "0".repeat(digits - 9);
      String s = whole + "." + fraction;
      if (flags.indexOf('+') >= 0) {
        s = "+" + s;
      }
      boolean zeros = flags.indexOf('0') >= 0 && flags.indexOf('-') < 0;
      return fill(s, zeros ? '0' : ' ');
    }
  }

  private static String directive(Tool t, char d, Spec spec, Target f, ZoneId zone) {
    boolean dir = f.stat().isDirectory();
    Instant when = f.stat().modified();
    return switch (d) {
      case 'n' -> spec.pad(f.shown());
      case 'N' -> spec.pad(Quote.always(f.shown()));
      case 's' -> spec.number(size(f), 10, true);
      case 'b' -> spec.number(blocks(f), 10, false);
      case 'B' -> spec.number(512, 10, false);
      case 'o' -> spec.number(BLOCK, 10, false);
      case 'a' -> spec.number(f.permissions(), 8, false);
      case 'A' -> spec.pad((dir ? "d" : "-") + Chmod.symbolic(f.permissions()));
      case 'f' -> spec.number(rawMode(f), 16, false);
      case 'F' -> spec.pad(dir ? "directory" : f.stat().size() == 0 ? "regular empty file" : "regular file");
      case 'h' -> spec.number(links(t, f), 10, false);
      case 'i' -> spec.number(inode(f.path()), 10, false);
      case 'u', 'g' -> spec.number(1000, 10, false);
      case 'U', 'G' -> spec.pad("user");
      case 'd', 'D', 't', 'T' -> spec.number(0, d == 'd' ? 10 : 16, false);
      case 'r' -> spec.number(0, 10, false);
      case 'm' -> spec.pad(f.mountPoint());
      case 'x', 'y', 'z' -> spec.pad(HUMAN.format(when.atZone(zone)));
      case 'X', 'Y', 'Z' -> spec.seconds(when);
      case 'w' -> spec.pad("-");
      case 'W' -> spec.number(0, 10, true);
      default -> "?";
    };
  }

  /** The size stat reports: a directory is one 4 KiB block. */
  static long size(FileStat st) {
    return st.isDirectory() ? BLOCK : st.size();
  }

  /** The 4 KiB blocks a file takes, in bytes. */
  static long allocated(FileStat st) {
    return st.isDirectory() ? BLOCK : (st.size() + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static long size(Target f) {
    return size(f.stat());
  }

  private static long blocks(Target f) {
    return allocated(f.stat()) / 512;
  }

  private static long rawMode(Target f) {
    return (f.stat().isDirectory() ? 040000 : 0100000) | f.permissions();
  }

  private static long links(Tool t, Target f) {
    if (!f.stat().isDirectory()) {
      return 1;
    }
    try {
      return 2 + t.fs().list(f.path()).stream().filter(FileStat::isDirectory).count();
    } catch (ResourceException e) {
      return 2;
    }
  }

  /** A stable number for a path, in place of an inode number. */
  private static long inode(String path) {
    long h = 1125899906842597L;
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return (h & 0x7fffffffL) + 2;
  }
}
