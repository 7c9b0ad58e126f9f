package io.mirage4j.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Collects a command line's output up to a cap; the write that would pass it keeps what fits and
 * fails with {@link OutputLimitException}, which stops the line; every later write fails too.
 * With a stream to forward to, the output goes there as it is written (each write flushed) and is
 * not kept; the cap counts it all the same.
 */
final class CappedOutputStream extends OutputStream {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final long limit;
  private final OutputStream forward;
  private long count;
  private boolean exceeded;

  CappedOutputStream(long limit) {
    this(limit, null);
  }

  /** @param forward where the output goes as it is written, or null to keep it */
  CappedOutputStream(long limit, OutputStream forward) {
    this.limit = limit;
    this.forward = forward;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    long room = limit - count;
    if (exceeded || len > room) {
      keep(b, off, (int) Math.max(0, room));
      exceeded = true;
      throw new OutputLimitException(limit);
    }
    keep(b, off, len);
  }

  private void keep(byte[] b, int off, int len) {
    count += len;
    if (forward == null) {
      buffer.write(b, off, len);
      return;
    }
    try {
      forward.write(b, off, len);
      forward.flush();
    } catch (IOException e) {
      // The reader went away (a closed terminal): the line runs on, as a process ignoring EPIPE would.
    }
  }

  synchronized boolean exceeded() {
    return exceeded;
  }

  /** What was kept: everything written, unless it was forwarded. */
  synchronized byte[] toByteArray() {
    return buffer.toByteArray();
  }
}
