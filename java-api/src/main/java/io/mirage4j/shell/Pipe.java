package io.mirage4j.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pipeline's pipe: a bounded buffer with a writing end and a reading end, each usable from any
 * thread. The reader sees the end of input once the writing end is closed, and only then, however
 * many threads wrote to it and whether they are still alive (a builtin such as {@code timeout}
 * writes from a thread of its own that ends before the stage closes the pipe). A write after the
 * reading end was closed fails, as a write to a pipe without a reader does. A thread interrupted
 * while it waits gets {@link InterruptedIOException} and keeps its interrupt status.
 */
final class Pipe {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final byte[] buffer;
  private int head;
  private int count;
  private boolean writerClosed;
  private boolean readerClosed;
  private final InputStream source = new Source();
  private final OutputStream sink = new Sink();

  Pipe(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    buffer = new byte[capacity];
  }

  /** The reading end. */
  InputStream source() {
    return source;
  }

  /** The writing end. */
  OutputStream sink() {
    return sink;
  }

  private final class Source extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (count == 0) {
          if (readerClosed) {
            throw new IOException("Pipe closed");
          }
          if (writerClosed) {
            return -1;
          }
          await(readable);
        }
        if (readerClosed) {
          throw new IOException("Pipe closed");
        }
        int n = Math.min(len, count);
        int first = Math.min(n, buffer.length - head);
        System.arraycopy(buffer, head, b, off, first);
        System.arraycopy(buffer, 0, b, off + first, n - first);
        head = (head + n) % buffer.length;
        count -= n;
        writable.signalAll();
        return n;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() throws IOException {
      lock.lock();
      try {
        if (readerClosed) {
          throw new IOException("Pipe closed");
        }
        return count;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        readerClosed = true;
        count = 0;
        writable.signalAll();
        readable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private final class Sink extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      lock.lock();
      try {
        while (len > 0) {
          if (writerClosed) {
            throw new IOException("Pipe closed");
          }
          if (readerClosed) {
            throw new IOException("Broken pipe");
          }
          if (count == buffer.length) {
            await(writable);
            continue;
          }
          int tail = (head + count) % buffer.length;
          int n = Math.min(len, Math.min(buffer.length - count, buffer.length - tail));
          System.arraycopy(b, off, buffer, tail, n);
          count += n;
          off += n;
          len -= n;
          readable.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        writerClosed = true;
        readable.signalAll();
        writable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private static void await(Condition condition) throws InterruptedIOException {
    try {
      condition.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }
}
