package io.mirage4j.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Collects a command line's output up to a cap; the write that would pass it keeps what fits and
 * fails with {@link OutputLimitException}, which stops the line; every later write fails too.
 * What it keeps also goes to a tee, if there is one, as it is written (and flushed); a tee that
 * throws gets nothing more.
 */
final class CappedOutputStream extends OutputStream {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final long limit;
  private OutputStream tee;
  private boolean exceeded;

  CappedOutputStream(long limit) {
    this(limit, null);
  }

  CappedOutputStream(long limit, OutputStream tee) {
    this.limit = limit;
    this.tee = tee;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    long room = limit - buffer.size();
    if (exceeded || len > room) {
      keep(b, off, (int) Math.max(0, room));
      exceeded = true;
      throw new OutputLimitException(limit);
    }
    keep(b, off, len);
  }

  /** Adds bytes past the cap: a message the line ends with. */
  synchronized void append(byte[] b) {
    buffer.write(b, 0, b.length);
    passOn(b, 0, b.length);
  }

  private void keep(byte[] b, int off, int len) {
    buffer.write(b, off, len);
    passOn(b, off, len);
  }

  private void passOn(byte[] b, int off, int len) {
    if (tee == null || len == 0) {
      return;
    }
    try {
      tee.write(b, off, len);
      tee.flush();
    } catch (IOException | RuntimeException e) {
      tee = null;
    }
  }

  synchronized boolean exceeded() {
    return exceeded;
  }

  synchronized byte[] toByteArray() {
    return buffer.toByteArray();
  }
}
