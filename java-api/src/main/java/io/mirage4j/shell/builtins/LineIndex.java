package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.Arrays;

/**
 * The lines of one byte array as offsets into it, without an object per line: a sort of a large
 * input holds two ints a line instead of a record the garbage collector must copy.
 */
final class LineIndex {
  private final byte[] data;
  private final int[] starts;
  private final int[] ends;

  private LineIndex(byte[] data, int[] starts, int[] ends) {
    this.data = data;
    this.starts = starts;
    this.ends = ends;
  }

  /** The lines of {@code data}, split at {@code '\n'}; a last line without one counts too. */
  static LineIndex of(byte[] data) {
    int count = 0;
    for (byte b : data) {
      if (b == '\n') {
        count++;
      }
    }
    if (data.length > 0 && data[data.length - 1] != '\n') {
      count++;
    }
    int[] starts = new int[count];
    int[] ends = new int[count];
    int pos = 0;
    for (int i = 0; i < count; i++) {
      int nl = Lines.indexOf(data, (byte) '\n', pos, data.length);
      int end = nl < 0 ? data.length : nl;
      starts[i] = pos;
      ends[i] = end;
      pos = end + 1;
    }
    return new LineIndex(data, starts, ends);
  }

  int size() {
    return starts.length;
  }

  byte[] data() {
    return data;
  }

  int start(int line) {
    return starts[line];
  }

  int end(int line) {
    return ends[line];
  }

  /** Byte-wise order of two lines, as {@code LC_ALL=C} (and code point order for UTF-8). */
  int compare(int a, int b) {
    return Arrays.compareUnsigned(data, starts[a], ends[a], data, starts[b], ends[b]);
  }

  /** Writes a line and a newline. */
  void writeTerminated(Tool tool, int line) throws IOException {
    tool.write(data, starts[line], ends[line] - starts[line]);
    tool.write('\n');
  }
}
