package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * {@code base64 [-d [-i]] [-w COLS] [FILE|-]}: encodes to base64, lines wrapped at 76 columns (or
 * COLS, 0 for none), or decodes ({@code -d}) ignoring newlines ({@code -i}: any byte outside the
 * alphabet). Input is read and written in chunks; invalid input stops decoding after what could
 * be decoded, with {@code base64: invalid input} and status 1.
 */
final class Base64 extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("decode", 'd', "ignore-garbage", 'i', "wrap", 'w');
  private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
      .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int[] VALUE = new int[256];

  static {
    java.util.Arrays.fill(VALUE, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUE[ALPHABET[i]] = i;
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "diw:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    long wrap = 76;
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 'w') {
        try {
          BigInteger w = new BigInteger(opt.value().strip());
          if (w.signum() < 0) {
            throw new NumberFormatException();
          }
          wrap = w.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        } catch (NumberFormatException e) {
          t.error("invalid wrap size: " + Quote.plain(opt.value()));
          return 1;
        }
      }
    }
    if (o.operands().size() > 1) {
      return t.usage("extra operand " + Quote.plain(o.operands().get(1)), 1);
    }
    String operand = o.operands().isEmpty() ? "-" : o.operands().get(0);
    InputStream in;
    try {
      in = operand.equals("-") ? t.stdin() : t.open(operand);
    } catch (ResourceException e) {
      t.error(Quote.name(operand) + ": " + Tool.message(e));
      return 1;
    }
    try {
      if (o.has('d')) {
        return decode(t, in, o.has('i'));
      }
      encode(t, in, wrap);
      return 0;
    } catch (ResourceException e) {
      t.error(Quote.name(operand) + ": " + Tool.message(e));
      return 1;
    } finally {
      if (!operand.equals("-")) {
        in.close();
      }
    }
  }

  private static void encode(Tool t, InputStream in, long wrap) throws IOException {
    byte[] buf = new byte[8193];
    int carry = 0;
    long column = 0;
    boolean any = false;
    byte[] quad = new byte[4];
    while (true) {
      int n = in.read(buf, carry, buf.length - carry);
      boolean end = n < 0;
      int length = carry + Math.max(n, 0);
      int whole = end ? length : length - length % 3;
      for (int i = 0; i < whole; i += 3) {
        int b0 = buf[i] & 0xff;
        int b1 = i + 1 < whole ? buf[i + 1] & 0xff : 0;
        int b2 = i + 2 < whole ? buf[i + 2] & 0xff : 0;
        quad[0] = ALPHABET[b0 >> 2];
        quad[1] = ALPHABET[(b0 & 3) << 4 | b1 >> 4];
        quad[2] = i + 1 < whole ? ALPHABET[(b1 & 15) << 2 | b2 >> 6] : (byte) '=';
        quad[3] = i + 2 < whole ? ALPHABET[b2 & 63] : (byte) '=';
        for (byte c : quad) {
          if (wrap > 0 && column == wrap) {
            t.write('\n');
            column = 0;
          }
          t.write(c);
          column++;
        }
        any = true;
      }
      if (end) {
        break;
      }
      carry = length - whole;
      System.arraycopy(buf, whole, buf, 0, carry);
    }
    if (any && wrap > 0) {
      t.write('\n');
    }
  }

  private static int decode(Tool t, InputStream in, boolean ignoreGarbage) throws IOException {
    byte[] buf = new byte[8192];
    int[] quad = new int[4];
    int n = 0;
    int padsToCome = 0;
    for (int read = in.read(buf); read >= 0; read = in.read(buf)) {
      for (int k = 0; k < read; k++) {
        int c = buf[k] & 0xff;
        if (c == '\n') {
          continue;
        }
        if (c == '=') {
          if (padsToCome > 0) {
            padsToCome--;
            continue;
          }
          if (n < 2) {
            return invalid(t, quad, n);
          }
          emit(t, quad, n);
          padsToCome = 3 - n;
          n = 0;
          continue;
        }
        int v = VALUE[c];
        if (v < 0) {
          if (ignoreGarbage) {
            continue;
          }
          return invalid(t, quad, n);
        }
        if (padsToCome > 0) {
          return invalid(t, quad, n);
        }
        quad[n++] = v;
        if (n == 4) {
          emit(t, quad, 4);
          n = 0;
        }
      }
    }
    if (n > 0 || padsToCome > 0) {
      return invalid(t, quad, n);
    }
    return 0;
  }

  private static int invalid(Tool t, int[] quad, int n) throws IOException {
    emit(t, quad, n);
    t.error("invalid input");
    return 1;
  }

  /** Writes the bytes that {@code n} sextets make. */
  private static void emit(Tool t, int[] quad, int n) throws IOException {
    if (n >= 2) {
      t.write(quad[0] << 2 | quad[1] >> 4);
    }
    if (n >= 3) {
      t.write((quad[1] & 15) << 4 | quad[2] >> 2);
    }
    if (n >= 4) {
      t.write((quad[2] & 3) << 6 | quad[3]);
    }
  }
}
