package io.mirage4j.tzdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a POSIX ustar archive of directories and regular files, in memory, with no owner and a
 * modification time of 0, so the same entries always make the same bytes.
 *
 * <pre>{@code
 * byte[] tar = new TarWriter().directory("a/").file("a/b.txt", "hi".getBytes(UTF_8)).finish();
 * // tar tf: a/ a/b.txt
 * }</pre>
 */
public final class TarWriter {
  private static final int BLOCK = 512;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds a directory; {@code name} ends with {@code /}. */
  public TarWriter directory(String name) {
    entry(name, '5', 0755, new byte[0]);
    return this;
  }

  /** Adds a regular file. */
  public TarWriter file(String name, byte[] data) {
    entry(name, '0', 0644, data);
    return this;
  }

  /** The archive: the entries, then two empty blocks. */
  public byte[] finish() {
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  private void entry(String name, char type, int mode, byte[] data) {
    byte[] path = name.getBytes(StandardCharsets.US_ASCII);
    if (path.length == 0 || path.length > 100) {
      throw new IllegalArgumentException("a tar entry name of 1 to 100 characters, not " + name);
    }
    byte[] header = new byte[BLOCK];
    System.arraycopy(path, 0, header, 0, path.length);
    octal(header, 100, 8, mode);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, data.length);
    octal(header, 136, 12, 0);
    header[156] = (byte) type;
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
    header[263] = '0';
    header[264] = '0';
    Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    out.writeBytes(header);
    out.writeBytes(data);
    out.writeBytes(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
  }

  /** A number in octal, zero-padded, ending with NUL, filling {@code length} bytes at {@code offset}. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
    header[offset + length - 1] = 0;
  }
}
