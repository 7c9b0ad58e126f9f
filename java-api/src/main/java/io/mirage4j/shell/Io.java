package io.mirage4j.shell;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The standard streams of a command, and the descriptors 3 to 9 its enclosing commands opened
 * ({@code { …; } 3>file}).
 */
record Io(InputStream in, OutputStream out, OutputStream err, Map<Integer, Descriptor> extra) {
  Io {
    extra = Map.copyOf(extra);
  }

  Io(InputStream in, OutputStream out, OutputStream err) {
    this(in, out, err, Map.of());
  }

  Io withIn(InputStream in) {
    return new Io(in, out, err, extra);
  }

  Io withOut(OutputStream out) {
    return new Io(in, out, err, extra);
  }
}
