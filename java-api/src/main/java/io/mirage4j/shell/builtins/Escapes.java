package io.mirage4j.shell.builtins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Backslash escapes as bash expands them: in {@code echo -e} arguments, in a {@code printf}
 * format, and in a {@code printf %b} argument. The three differ in small ways: which octal forms
 * they take, whether {@code \c} stops the output, and whether {@code \"}, {@code \'} and {@code
 * \?} lose their backslash.
 */
final class Escapes {

  /** Where the escapes are read. */
  enum Style {
    ECHO,
    FORMAT,
    PERCENT_B
  }

  /** What was read: the bytes, and whether {@code \c} asked to stop all output. */
  record Result(byte[] bytes, boolean stop) {}

  private Escapes() {}

  /** Expands every escape of {@code text}; {@code warn} gets bash's complaints (bad {@code \x}). */
  static Result expand(String text, Style style, Consumer<String> warn) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        i = copyChar(text, i, out);
        continue;
      }
      int next = escape(text, i, style, out, warn);
      if (next < 0) {
        return new Result(out.toByteArray(), true);
      }
      i = next;
    }
    return new Result(out.toByteArray(), false);
  }

  /** Copies the character at {@code i} as UTF-8; returns the index after it. */
  static int copyChar(String text, int i, ByteArrayOutputStream out) {
    int cp = text.codePointAt(i);
    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
    return i + Character.charCount(cp);
  }

  /**
   * Expands the escape whose backslash is at {@code i} into {@code out}; returns the index after
   * it, or -1 for {@code \c} where it stops the output.
   */
  static int escape(String text, int i, Style style, ByteArrayOutputStream out, Consumer<String> warn) {
    if (i + 1 >= text.length()) {
      out.write('\\');
      return i + 1;
    }
    char c = text.charAt(i + 1);
    int p = i + 2;
    switch (c) {
      case 'a' -> out.write(7);
      case 'b' -> out.write('\b');
      case 'e', 'E' -> out.write(27);
      case 'f' -> out.write('\f');
      case 'n' -> out.write('\n');
      case 'r' -> out.write('\r');
      case 't' -> out.write('\t');
      case 'v' -> out.write(11);
      case '\\' -> out.write('\\');
      case 'c' -> {
        if (style != Style.FORMAT) {
          return -1;
        }
        return literal(out, i);
      }
      case '\'', '"', '?' -> {
        if (style != Style.FORMAT) {
          return literal(out, i);
        }
        out.write(c);
      }
      case 'x' -> {
        int value = 0;
        int n = 0;
        while (n < 2 && p < text.length() && Character.digit(text.charAt(p), 16) >= 0 && text.charAt(p) < 128) {
          value = value * 16 + Character.digit(text.charAt(p++), 16);
          n++;
        }
        if (n == 0) {
          if (style != Style.ECHO) {
            warn.accept("missing hex digit for \\x");
          }
          return literal(out, i);
        }
        out.write(value);
      }
      case 'u', 'U' -> {
        int max = c == 'u' ? 4 : 8;
        long value = 0;
        int n = 0;
        while (n < max && p < text.length() && Character.digit(text.charAt(p), 16) >= 0 && text.charAt(p) < 128) {
          value = value * 16 + Character.digit(text.charAt(p++), 16);
          n++;
        }
        if (n == 0) {
          if (style != Style.ECHO) {
            warn.accept("missing unicode digit for \\" + c);
          }
          return literal(out, i);
        }
        utf8(value, out);
      }
      default -> {
        if (c < '0' || c > '7' || style == Style.ECHO && c != '0') {
          return literal(out, i);
        }
        int value = c - '0';
        int more = c == '0' && style != Style.FORMAT ? 3 : 2;
        while (more-- > 0 && p < text.length() && text.charAt(p) >= '0' && text.charAt(p) <= '7') {
          value = value * 8 + text.charAt(p++) - '0';
        }
        out.write(value & 0xff);
      }
    }
    return p;
  }

  /** A backslash kept as it is; what follows it is read as ordinary text. */
  private static int literal(ByteArrayOutputStream out, int i) {
    out.write('\\');
    return i + 1;
  }

  /** UTF-8 of any value up to 31 bits, surrogates included, as bash writes {@code \}{@code u} escapes. */
  private static void utf8(long v, ByteArrayOutputStream out) {
    if (v < 0x80) {
      out.write((int) v);
    } else if (v < 0x800) {
      out.write((int) (0xc0 | v >> 6));
      out.write((int) (0x80 | v & 0x3f));
    } else if (v < 0x10000) {
      out.write((int) (0xe0 | v >> 12));
      out.write((int) (0x80 | v >> 6 & 0x3f));
      out.write((int) (0x80 | v & 0x3f));
    } else if (v < 0x200000) {
      out.write((int) (0xf0 | v >> 18));
      out.write((int) (0x80 | v >> 12 & 0x3f));
      out.write((int) (0x80 | v >> 6 & 0x3f));
      out.write((int) (0x80 | v & 0x3f));
    } else if (v < 0x4000000) {
      out.write((int) (0xf8 | v >> 24));
      out.write((int) (0x80 | v >> 18 & 0x3f));
      out.write((int) (0x80 | v >> 12 & 0x3f));
      out.write((int) (0x80 | v >> 6 & 0x3f));
      out.write((int) (0x80 | v & 0x3f));
    } else if (v <= 0x7fffffffL) {
      out.write((int) (0xfc | v >> 30));
      out.write((int) (0x80 | v >> 24 & 0x3f));
      out.write((int) (0x80 | v >> 18 & 0x3f));
      out.write((int) (0x80 | v >> 12 & 0x3f));
      out.write((int) (0x80 | v >> 6 & 0x3f));
      out.write((int) (0x80 | v & 0x3f));
    }
  }
}
