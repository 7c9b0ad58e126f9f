package io.mirage4j.shell.builtins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The arguments {@code xargs} reads, one at a time from a stream: separated by blanks and
 * newlines with {@code '…'}, {@code "…"} and backslash quoting (the default), by one delimiter
 * byte as they are ({@code -0}, {@code -d}), or one per line ({@code -I}).
 */
final class XargsInput {

  /** Input that cannot be split; the message is xargs'. */
  static final class Unmatched extends Exception {
    private static final long serialVersionUID = 1L;

    Unmatched(String message) {
      super(message, null, false, false);
    }
  }

  private final InputStream in;
  private final Integer delimiter;
  private final boolean wholeLines;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int limit;
  private boolean lineEnded;

  /**
   * @param delimiter the byte that ends each argument, or null for blank-separated quoted input
   * @param wholeLines one argument per line (quotes still apply, leading blanks are dropped)
   */
  XargsInput(InputStream in, Integer delimiter, boolean wholeLines) {
    this.in = in;
    this.delimiter = delimiter;
    this.wholeLines = wholeLines;
  }

  /** Whether the last argument returned ended its input line. */
  boolean lineEnded() {
    return lineEnded;
  }

  /** The next argument, or null at the end of the input. */
  String next() throws IOException, Unmatched {
    return delimiter != null ? delimited() : quoted();
  }

  private int read() throws IOException {
    if (pos == limit) {
      int n = in.read(buf);
      if (n <= 0) {
        return -1;
      }
      pos = 0;
      limit = n;
    }
    return buf[pos++] & 0xff;
  }

  private String delimited() throws IOException {
    ByteArrayOutputStream arg = new ByteArrayOutputStream();
    int c = read();
    if (c < 0) {
      return null;
    }
    while (c >= 0 && c != delimiter) {
      arg.write(c);
      c = read();
    }
    lineEnded = true;
    return arg.toString(StandardCharsets.UTF_8);
  }

  private String quoted() throws IOException, Unmatched {
    ByteArrayOutputStream arg = new ByteArrayOutputStream();
    boolean started = false;
    int quote = 0;
    while (true) {
      int c = read();
      if (c < 0) {
        if (quote != 0) {
          throw new Unmatched(unmatched(quote));
        }
        lineEnded = true;
        return started ? arg.toString(StandardCharsets.UTF_8) : null;
      }
      if (quote != 0) {
        if (c == '\n') {
          throw new Unmatched(unmatched(quote));
        }
        if (c == quote) {
          quote = 0;
        } else {
          arg.write(c);
        }
        continue;
      }
      if (c == '\n') {
        if (started) {
          lineEnded = true;
          return arg.toString(StandardCharsets.UTF_8);
        }
        continue;
      }
      if ((c == ' ' || c == '\t') && (!wholeLines || !started)) {
        if (started) {
          lineEnded = false;
          return arg.toString(StandardCharsets.UTF_8);
        }
        continue;
      }
      started = true;
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        int e = read();
        if (e >= 0) {
          arg.write(e);
        }
      } else {
        arg.write(c);
      }
    }
  }

  private static String unmatched(int quote) {
    return "unmatched " + (quote == '\'' ? "single" : "double")
        + " quote; by default quotes are special to xargs unless you use the -0 option";
  }
}
