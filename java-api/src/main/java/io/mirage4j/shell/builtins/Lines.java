package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Input split into lines at {@code '\n'}, as bytes: a line of a file read into memory is a slice
 * of that one array, a line of a stream is read as far as its newline and no further.
 */
final class Lines {

  /** The bytes {@code [start, end)} of {@code buf}, without the newline; {@code terminated} if one ended it. */
  record Line(byte[] buf, int start, int end, boolean terminated) {
    int length() {
      return end - start;
    }

    String text() {
      return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** Byte-wise order, as {@code LC_ALL=C} (and code point order for UTF-8). */
    int compareTo(Line other) {
      return Arrays.compareUnsigned(buf, start, end, other.buf, other.start, other.end);
    }

    boolean sameBytes(Line other) {
      return Arrays.equals(buf, start, end, other.buf, other.start, other.end);
    }

    /** Writes the line and a newline, whether or not it had one. */
    void writeTerminated(Tool tool) throws IOException {
      tool.write(buf, start, end - start);
      tool.write('\n');
    }
  }

  /** Lines one at a time. */
  interface Source {
    /** The next line, or null at the end. */
    Line next() throws IOException;
  }

  private Lines() {}

  /** The lines of an array, as slices of it. */
  static Source of(byte[] data) {
    return new Source() {
      private int pos;

      @Override
      public Line next() {
        if (pos >= data.length) {
          return null;
        }
        int nl = indexOf(data, (byte) '\n', pos, data.length);
        Line line = nl < 0 ? new Line(data, pos, data.length, false) : new Line(data, pos, nl, true);
        pos = nl < 0 ? data.length : nl + 1;
        return line;
      }
    };
  }

  /** The lines of a stream, read as they are asked for. */
  static Source of(InputStream in) {
    return of(in, (byte) '\n');
  }

  /** The records of a stream that {@code delimiter} ends ({@code '\n'}, or NUL for {@code -z}). */
  static Source of(InputStream in, byte delimiter) {
    return new Source() {
      private byte[] buf = new byte[8192];
      private int pos;
      private int limit;
      private boolean eof;

      @Override
      public Line next() throws IOException {
        int from = pos;
        while (true) {
          int nl = indexOf(buf, delimiter, from, limit);
          if (nl >= 0) {
            Line line = new Line(Arrays.copyOfRange(buf, pos, nl), 0, nl - pos, true);
            pos = nl + 1;
            return line;
          }
          int seen = limit - pos;
          if (eof || !fill()) {
            eof = true;
            if (pos == limit) {
              return null;
            }
            Line line = new Line(Arrays.copyOfRange(buf, pos, limit), 0, limit - pos, false);
            pos = limit;
            return line;
          }
          from = pos + seen;
        }
      }

      private boolean fill() throws IOException {
        if (pos > 0) {
          System.arraycopy(buf, pos, buf, 0, limit - pos);
          limit -= pos;
          pos = 0;
        }
        if (limit == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
          return false;
        }
        limit += n;
        return true;
      }
    };
  }

  /** All lines of an array. */
  static List<Line> split(byte[] data) throws IOException {
    List<Line> lines = new ArrayList<>();
    Source source = of(data);
    for (Line l = source.next(); l != null; l = source.next()) {
      lines.add(l);
    }
    return lines;
  }

  static int indexOf(byte[] data, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
