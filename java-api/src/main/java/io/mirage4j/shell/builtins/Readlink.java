package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code readlink [-f|-e|-m] [-n] [-q|-v] [-z] FILE...}: the target of a symbolic link, which the
 * workspace does not have (so plain {@code readlink} fails with status 1, {@code -v} says why);
 * {@code -f} prints the canonical absolute path, every component but the last existing ({@code
 * -e}: all, {@code -m}: none), silently failing unless {@code -v}.
 */
final class Readlink extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("canonicalize", 'f', "canonicalize-existing", 'e',
      "canonicalize-missing", 'm', "no-newline", 'n', "quiet", 'q', "silent", 's', "verbose", 'v', "zero", 'z');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "femnqsvz", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    if (o.operands().isEmpty()) {
      return t.usage("missing operand", 1);
    }
    Canonical.Need need = null;
    boolean verbose = false;
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'f' -> need = Canonical.Need.ALL_BUT_LAST;
        case 'e' -> need = Canonical.Need.ALL;
        case 'm' -> need = Canonical.Need.NONE;
        case 'v' -> verbose = true;
        case 'q', 's' -> verbose = false;
        default -> {
          // -n, -z: read below
        }
      }
    }
    boolean noNewline = o.has('n');
    if (noNewline && o.operands().size() > 1) {
      t.error("ignoring --no-newline with multiple arguments");
      noNewline = false;
    }
    String end = noNewline ? "" : o.has('z') ? "\0" : "\n";
    int status = 0;
    for (String operand : o.operands()) {
      if (need == null) {
        if (verbose) {
          String why;
          try {
            t.stat(operand);
            why = "Invalid argument";
          } catch (ResourceException e) {
            why = Tool.message(e);
          }
          t.error(Quote.name(operand) + ": " + why);
        }
        status = 1;
        continue;
      }
      try {
        t.print(Canonical.of(t, operand, need) + end);
      } catch (Canonical.Failure e) {
        if (verbose) {
          t.error(Quote.name(operand) + ": " + e.getMessage());
        }
        status = 1;
      }
    }
    return status;
  }
}
