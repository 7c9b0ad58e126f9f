package io.mirage4j.shell;

import io.mirage4j.fs.WorkspaceFs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Output redirected to a file ({@code >}, {@code >>}): the file is truncated (or created) when the
 * redirection is set up, as bash does; the command's output reaches it in pieces of {@value
 * #PIECE} bytes as it is written, and the rest when the command ends, so a long output never
 * waits in memory whole.
 */
final class FileSink extends ByteArrayOutputStream {
  private final WorkspaceFs fs;
  private final String path;
  private boolean closed;

  private FileSink(WorkspaceFs fs, String path) {
    this.fs = fs;
    this.path = path;
  }

  /** Opens {@code path} for writing; fails at once (read-only mount, missing directory). */
  static FileSink open(WorkspaceFs fs, String path, boolean append) {
    if (append) {
      fs.append(path, new byte[0]);
    } else {
      fs.write(path, new byte[0]);
    }
    return new FileSink(fs, path);
  }

  /** Writes what was written so far to the file: {@code exec 3>file} makes each write reach it at once. */
  private boolean writeThrough;

  /** From now on every write reaches the file at once, as through {@code exec 3>file}. */
  synchronized void writeThrough() {
    writeThrough = true;
    drain();
  }

  @Override
  public synchronized void write(int b) {
    super.write(b);
    drain();
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    super.write(b, off, len);
    drain();
  }

  /** The most output that waits in memory before it is appended to the file. */
  static final int PIECE = 1 << 20;

  private void drain() {
    if ((writeThrough || size() >= PIECE) && !closed && size() > 0) {
      fs.append(path, toByteArray());
      reset();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (size() > 0) {
      fs.append(path, toByteArray());
    }
  }
}
