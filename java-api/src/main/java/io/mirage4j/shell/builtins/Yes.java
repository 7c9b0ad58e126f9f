package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code yes [STRING]...}: prints the strings (or {@code y}) on a line, again and again, until
 * its reader goes away (status 141, as SIGPIPE), the line is stopped or its output is full.
 */
final class Yes extends Coreutil {

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "+", Map.of());
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    byte[] line = ((o.operands().isEmpty() ? "y" : String.join(" ", o.operands())) + "\n")
        .getBytes(StandardCharsets.UTF_8);
    int copies = Math.max(1, 8192 / line.length);
    byte[] block = new byte[line.length * copies];
    for (int i = 0; i < copies; i++) {
      System.arraycopy(line, 0, block, i * line.length, line.length);
    }
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException();
      }
      t.write(block);
      t.flush();
    }
  }
}
