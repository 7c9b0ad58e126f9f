package io.mirage4j.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What a cell writes, kept for its result and passed on as it comes to a live stream, if any; a
 * live stream that throws gets nothing more, and the cell goes on.
 */
final class Tee extends OutputStream {
  private final ByteArrayOutputStream kept;
  private OutputStream live;

  /** @param live where the bytes go as they come, or null for nowhere */
  Tee(ByteArrayOutputStream kept, OutputStream live) {
    this.kept = kept;
    this.live = live;
  }

  /** Writes all of {@code bytes}. */
  void print(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    kept.write(b, off, len);
    if (live != null) {
      try {
        live.write(b, off, len);
        live.flush();
      } catch (IOException | RuntimeException e) {
        live = null;
      }
    }
  }
}
