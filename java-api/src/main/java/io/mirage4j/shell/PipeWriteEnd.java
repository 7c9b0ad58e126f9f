package io.mirage4j.shell;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The writing end of a pipeline's pipe. A write after the reader has gone fails with {@link
 * BrokenPipeException}, which ends the writing command quietly with status 141, as SIGPIPE does;
 * the pipe then stays {@link #broken()}, and the interpreter ends the whole pipeline stage at its
 * next command, as SIGPIPE ends the subshell of a stage such as {@code while :; do echo y; done}.
 */
final class PipeWriteEnd extends FilterOutputStream {
  private volatile boolean broken;

  /** The command downstream stopped reading. */
  static final class BrokenPipeException extends IOException {
    private static final long serialVersionUID = 1L;

    BrokenPipeException(IOException cause) {
      super("Broken pipe", cause);
    }
  }

  PipeWriteEnd(OutputStream pipe) {
    super(pipe);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      broken = true;
      throw new BrokenPipeException(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      broken = true;
      throw new BrokenPipeException(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      broken = true;
      throw new BrokenPipeException(e);
    }
  }

  /** Whether a write has failed because the reader had gone. */
  boolean broken() {
    return broken;
  }
}
