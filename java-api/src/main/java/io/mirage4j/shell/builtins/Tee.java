package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code tee [-a] [FILE]...}: copies standard input to standard output and to each FILE, byte for
 * byte; {@code -a} appends instead of truncating. Files are created (or truncated) at the start
 * and receive the data in pieces of up to {@value #PIECE} bytes as it comes, the rest at the end,
 * also when standard output's reader goes away.
 */
final class Tee extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("append", 'a');
  /** The most data that waits in memory before it is appended to the files. */
  private static final int PIECE = 1 << 20;

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "a", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    boolean append = o.has('a');
    int status = 0;
    List<String> open = new ArrayList<>();
    for (String operand : o.operands()) {
      try {
        t.writeFile(operand, new byte[0], append);
        open.add(operand);
      } catch (ResourceException e) {
        t.error(Quote.name(operand) + ": " + Tool.message(e));
        status = 1;
      }
    }
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    try {
      InputStream in = t.stdin();
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        if (!open.isEmpty()) {
          copy.write(buf, 0, n);
          if (copy.size() >= PIECE) {
            status |= appendTo(t, open, copy);
          }
        }
        t.write(buf, 0, n);
      }
    } finally {
      status |= appendTo(t, open, copy);
    }
    return status;
  }

  /** Appends what waits in {@code copy} to each open file; a file that fails is reported and left out. */
  private static int appendTo(Tool t, List<String> open, ByteArrayOutputStream copy) throws IOException {
    if (copy.size() == 0) {
      return 0;
    }
    byte[] bytes = copy.toByteArray();
    copy.reset();
    int status = 0;
    for (var it = open.iterator(); it.hasNext();) {
      String operand = it.next();
      try {
        t.writeFile(operand, bytes, true);
      } catch (ResourceException e) {
        t.error(Quote.name(operand) + ": " + Tool.message(e));
        it.remove();
        status = 1;
      }
    }
    return status;
  }
}
