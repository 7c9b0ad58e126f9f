package io.mirage4j.shell;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Standard input redirected from a file ({@code < file}): unlike a pipe it is seekable, so a
 * command that read ahead can give back what it did not use, as GNU {@code head} seeks back on a
 * regular file. {@code { head -n 1; cat; } < f} prints all of {@code f}; through a pipe, {@code
 * head} keeps what it read. Every command of the redirected block reads through its own view of
 * one shared position, as processes share an open file description.
 *
 * <pre>{@code
 * if (ctx.stdin() instanceof FileInput file) {
 *   file.unread(unused); // the next command reads these bytes again
 * }
 * }</pre>
 */
public final class FileInput extends InputStream {

  /** Checks the command line before each read (cancelled, out of time); may throw. */
  @FunctionalInterface
  interface Check {
    void check() throws IOException;
  }

  /** The file's bytes and the position every view shares. */
  private static final class Position {
    final byte[] content;
    int offset;

    Position(byte[] content) {
      this.content = content;
    }
  }

  private final Position position;
  private final Check check;

  /** A stream over the file's bytes, from the start; {@code content} is not copied and must not change. */
  public FileInput(byte[] content) {
    this(new Position(content), () -> {});
  }

  private FileInput(Position position, Check check) {
    this.position = position;
    this.check = check;
  }

  /** A view of the same position that runs {@code check} before each read. */
  FileInput watched(Check check) {
    return new FileInput(position, Objects.requireNonNull(check));
  }

  @Override
  public int read() throws IOException {
    check.check();
    synchronized (position) {
      return position.offset < position.content.length ? position.content[position.offset++] & 0xff : -1;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    check.check();
    synchronized (position) {
      int left = position.content.length - position.offset;
      if (len == 0) {
        return 0;
      }
      if (left <= 0) {
        return -1;
      }
      int n = Math.min(len, left);
      System.arraycopy(position.content, position.offset, b, off, n);
      position.offset += n;
      return n;
    }
  }

  @Override
  public int available() {
    synchronized (position) {
      return Math.max(0, position.content.length - position.offset);
    }
  }

  /** Moves back {@code count} bytes (no further than the start), as {@code lseek(fd, -count, SEEK_CUR)}. */
  public void unread(int count) {
    synchronized (position) {
      position.offset = Math.max(0, position.offset - Math.max(0, count));
    }
  }
}
