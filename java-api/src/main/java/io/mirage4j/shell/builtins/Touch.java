package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code touch [-c] FILE...}: creates each missing file empty ({@code -c}: does not) and leaves
 * existing content alone; an existing file's modification time is renewed where the mount can.
 */
final class Touch extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("no-create", 'c');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "c", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    if (o.operands().isEmpty()) {
      return t.usage("missing file operand", 1);
    }
    int status = 0;
    for (String operand : o.operands()) {
      FileStat stat = Tree.statOrNull(t, operand);
      try {
        if (stat == null) {
          if (!o.has('c')) {
            t.fs().write(t.resolve(operand), new byte[0]);
          }
        } else if (stat.isDirectory()) {
          if (!t.mode(operand).allows(Mode.WRITE)) {
            t.error("setting times of " + Quote.always(operand) + ": Read-only file system");
            status = 1;
          }
        } else {
          t.fs().append(t.resolve(operand), new byte[0]);
        }
      } catch (ResourceException e) {
        t.error("cannot touch " + Quote.always(operand) + ": " + Tool.message(e));
        status = 1;
      }
    }
    return status;
  }
}
