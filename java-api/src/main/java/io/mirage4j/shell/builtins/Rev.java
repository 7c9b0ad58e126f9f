package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code rev [FILE|-]...}: each line with its characters in reverse order (util-linux rev),
 * read and written one line at a time; a last line without a newline stays without one.
 */
final class Rev extends Coreutil {

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "", Map.of());
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    int status = 0;
    for (String operand : o.operands().isEmpty() ? List.of("-") : o.operands()) {
      if (operand.equals("-") && o.operands().isEmpty()) {
        reverse(t, t.stdin());
        continue;
      }
      try (InputStream in = t.open(operand)) {
        reverse(t, in);
      } catch (ResourceException e) {
        t.error("cannot open " + operand + ": " + Tool.message(e));
        status = 1;
      }
    }
    return status;
  }

  private static void reverse(Tool t, InputStream in) throws IOException {
    Lines.Source lines = Lines.of(in);
    for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
      String text = line.text();
      t.print(new StringBuilder(text).reverse().toString());
      if (line.terminated()) {
        t.write('\n');
      }
    }
  }
}
