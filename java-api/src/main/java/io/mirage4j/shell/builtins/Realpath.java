package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code realpath [-e|-m] [-q] [-s] [-z] [--relative-to=DIR] [--relative-base=DIR] FILE...}: each
 * file's absolute path with {@code .} and {@code ..} resolved; every component but the last must
 * exist ({@code -e}: all, {@code -m}: none). {@code --relative-to} prints it relative to DIR,
 * {@code --relative-base} only when it is under DIR.
 */
final class Realpath extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("canonicalize-existing", 'e',
      "canonicalize-missing", 'm', "quiet", 'q', "strip", 's', "no-symlinks", 's', "zero", 'z',
      "relative-to", 'R', "relative-base", 'B', "logical", 'L', "physical", 'P');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "emqszLPR:B:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    if (o.operands().isEmpty()) {
      return t.usage("missing operand", 1);
    }
    Canonical.Need need = Canonical.Need.ALL_BUT_LAST;
    String relativeTo = null;
    String relativeBase = null;
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'e' -> need = Canonical.Need.ALL;
        case 'm' -> need = Canonical.Need.NONE;
        case 'R' -> relativeTo = opt.value();
        case 'B' -> relativeBase = opt.value();
        default -> {
          // -q -s -z -L -P: read below or nothing to do
        }
      }
    }
    boolean quiet = o.has('q');
    String to = null;
    String base = null;
    try {
      if (relativeTo != null) {
        to = Canonical.of(t, relativeTo, need);
      }
      if (relativeBase != null) {
        base = Canonical.of(t, relativeBase, need);
      }
    } catch (Canonical.Failure e) {
      String which = relativeTo != null && to == null ? relativeTo : relativeBase;
      t.error(Quote.name(which) + ": " + e.getMessage());
      return 1;
    }
    if (base != null && to == null) {
      to = base;
    } else if (base != null && !Canonical.under(to, base)) {
      base = null;
      to = null;
    }
    char end = o.has('z') ? '\0' : '\n';
    int status = 0;
    for (String operand : o.operands()) {
      try {
        String path = Canonical.of(t, operand, need);
        boolean relative = to != null && (base == null || Canonical.under(path, base));
        t.print((relative ? Canonical.relative(path, to) : path) + end);
      } catch (Canonical.Failure e) {
        if (!quiet) {
          t.error(Quote.name(operand) + ": " + e.getMessage());
        }
        status = 1;
      }
    }
    return status;
  }
}
