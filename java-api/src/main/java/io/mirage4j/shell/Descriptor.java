package io.mirage4j.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open file descriptor of a command: what reading it reads and what writing it writes. A
 * descriptor opened for reading only has a {@link #out()} that fails as writing such a descriptor
 * fails in bash, and the other way round.
 */
record Descriptor(InputStream in, OutputStream out) {
  static final String BAD = "Bad file descriptor";

  /** A command wrote to a descriptor that is closed or open for reading only. */
  static final class BadDescriptorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadDescriptorException() {
      super("write error: " + BAD, null, false, false);
    }
  }

  static Descriptor reading(InputStream in) {
    return new Descriptor(in, badOutput());
  }

  static Descriptor writing(OutputStream out) {
    return new Descriptor(badInput(), out);
  }

  /** A closed descriptor ({@code >&-}): reads and writes fail with {@code Bad file descriptor}. */
  static Descriptor closed() {
    return CLOSED;
  }

  private static final Descriptor CLOSED = new Descriptor(badInput(), badOutput());

  boolean isClosed() {
    return this == CLOSED;
  }

  private static OutputStream badOutput() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        throw new BadDescriptorException();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        throw new BadDescriptorException();
      }
    };
  }

  private static InputStream badInput() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("read error: 0: " + BAD);
      }
    };
  }
}
