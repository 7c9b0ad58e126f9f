package io.mirage4j.shell;

import io.mirage4j.fs.WorkspaceFs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Output to a file opened with {@code <>}: written from its start over what it held, without
 * truncating it, as {@code echo ab 1<> f} does to a longer {@code f}. The bytes reach the file when
 * the command ends.
 */
final class OverwritingSink extends ByteArrayOutputStream {
  private final WorkspaceFs fs;
  private final String path;
  private boolean closed;

  OverwritingSink(WorkspaceFs fs, String path) {
    this.fs = fs;
    this.path = path;
  }

  private boolean writeThrough;

  /** From now on every write reaches the file at once, as through {@code exec 3<>file}. */
  synchronized void writeThrough() {
    writeThrough = true;
  }

  @Override
  public synchronized void write(int b) {
    super.write(b);
    if (writeThrough) {
      store();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    super.write(b, off, len);
    if (writeThrough) {
      store();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    store();
  }

  private void store() {
    if (size() == 0) {
      return;
    }
    byte[] written = toByteArray();
    byte[] old = fs.read(path);
    byte[] result = written;
    if (old.length > written.length) {
      result = old.clone();
      System.arraycopy(written, 0, result, 0, written.length);
    }
    fs.write(path, result);
  }
}
