package io.mirage4j.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Collects a command line's output up to a cap; the write that would pass it keeps what fits and
 * fails with {@link OutputLimitException}, which stops the line; every later write fails too.
 */
final class CappedOutputStream extends OutputStream {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final long limit;
  private boolean exceeded;

  CappedOutputStream(long limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    long room = limit - buffer.size();
    if (exceeded || len > room) {
      buffer.write(b, off, (int) Math.max(0, room));
      exceeded = true;
      throw new OutputLimitException(limit);
    }
    buffer.write(b, off, len);
  }

  synchronized boolean exceeded() {
    return exceeded;
  }

  synchronized byte[] toByteArray() {
    return buffer.toByteArray();
  }
}
