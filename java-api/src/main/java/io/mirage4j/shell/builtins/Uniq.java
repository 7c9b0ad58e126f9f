package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code uniq [-cdu] [INPUT [OUTPUT]]}: one line of each run of equal adjacent lines; {@code -c}
 * prefixes the run's length, {@code -d} prints only runs of two or more, {@code -u} only single
 * lines. OUTPUT is written through the workspace when the input has been read.
 */
final class Uniq extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("count", 'c', "repeated", 'd', "unique", 'u');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "cdu", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    List<String> operands = o.operands();
    if (operands.size() > 2) {
      return t.usage("extra operand " + Quote.plain(operands.get(2)), 1);
    }
    String input = operands.isEmpty() ? "-" : operands.get(0);
    Lines.Source lines;
    if (input.equals("-")) {
      lines = Lines.of(t.stdin());
    } else {
      try {
        lines = Lines.of(t.read(input));
      } catch (ResourceException e) {
        t.error(Quote.name(input) + ": " + Tool.message(e));
        return 1;
      }
    }
    String output = operands.size() == 2 && !operands.get(1).equals("-") ? operands.get(1) : null;
    ByteArrayOutputStream file = output == null ? null : new ByteArrayOutputStream();
    OutputStream out = file == null ? t.out() : file;
    boolean count = o.has('c');
    boolean repeated = o.has('d');
    boolean unique = o.has('u');
    Lines.Line current = lines.next();
    while (current != null) {
      long run = 1;
      Lines.Line next = lines.next();
      while (next != null && next.sameBytes(current)) {
        run++;
        next = lines.next();
      }
      if (!(repeated && run == 1) && !(unique && run > 1)) {
        if (count) {
          out.write(String.format("%7d ", run).getBytes(StandardCharsets.UTF_8));
        }
        out.write(current.buf(), current.start(), current.length());
        out.write('\n');
      }
      current = next;
    }
    if (file != null) {
      try {
        t.writeFile(output, file.toByteArray(), false);
      } catch (ResourceException e) {
        t.error(Quote.name(output) + ": " + Tool.message(e));
        return 1;
      }
    }
    return 0;
  }
}
