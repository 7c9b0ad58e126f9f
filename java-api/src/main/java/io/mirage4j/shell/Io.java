package io.mirage4j.shell;

import java.io.InputStream;
import java.io.OutputStream;

/** The three standard streams of a command. */
record Io(InputStream in, OutputStream out, OutputStream err) {
  Io withIn(InputStream in) {
    return new Io(in, out, err);
  }

  Io withOut(OutputStream out) {
    return new Io(in, out, err);
  }
}
