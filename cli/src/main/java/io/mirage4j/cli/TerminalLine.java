package io.mirage4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The terminal's current line as the commands' output left it: the text written since the last
 * newline, to stdout and stderr alike. A command that reads the terminal after printing {@code
 * name? } gets that text as the line editor's prompt, so that editing the answer never erases it.
 */
final class TerminalLine {
  /** Past this many bytes without a newline the line is taken as not a prompt. */
  static final int MAX_PROMPT = 1024;

  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private boolean tooLong;

  /** A stream that writes to {@code target} (flushed at each write) and follows the line. */
  OutputStream follow(OutputStream target) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        target.write(b, off, len);
        target.flush();
        wrote(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        target.flush();
      }
    };
  }

  synchronized void wrote(byte[] b, int off, int len) {
    int start = off;
    for (int i = off + len - 1; i >= off; i--) {
      if (b[i] == '\n') {
        partial.reset();
        tooLong = false;
        start = i + 1;
        break;
      }
    }
    int rest = off + len - start;
    if (tooLong || partial.size() + rest > MAX_PROMPT) {
      partial.reset();
      tooLong = true;
      return;
    }
    partial.write(b, start, rest);
  }

  /** A new command starts on a fresh line (the shell's prompt was just answered). */
  synchronized void reset() {
    partial.reset();
    tooLong = false;
  }

  /**
   * The visible text of the current line (after its last carriage return), control characters but
   * the escape of a colour shown as {@code ?}; empty when there is none or it is too long to be a
   * prompt.
   */
  synchronized String text() {
    String text = partial.toString(StandardCharsets.UTF_8);
    text = text.substring(text.lastIndexOf('\r') + 1);
    return text.replaceAll("[\\p{Cntrl}&&[^\\u001b]]", "?");
  }
}
