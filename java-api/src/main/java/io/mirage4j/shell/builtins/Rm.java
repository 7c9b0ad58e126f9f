package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code rm [-rRfd] FILE...}: removes files; directories only with {@code -r}/{@code -R} (with
 * everything in them) or, when empty, {@code -d}; {@code -f} ignores missing files and a missing
 * operand. Refuses {@code .}, {@code ..} and {@code /} as coreutils does.
 */
final class Rm extends Coreutil {
  private static final Map<String, Character> LONGS =
      Map.of("recursive", 'r', "force", 'f', "dir", 'd');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "rRfd", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    boolean force = o.has('f');
    boolean recursive = o.has('r') || o.has('R');
    boolean emptyDirs = o.has('d');
    if (o.operands().isEmpty()) {
      return force ? 0 : t.usage("missing operand", 1);
    }
    int status = 0;
    for (String operand : o.operands()) {
      String base = Tree.baseName(operand);
      if (recursive && (base.equals(".") || base.equals(".."))) {
        t.error("refusing to remove '.' or '..' directory: skipping " + Quote.always(operand));
        status = 1;
        continue;
      }
      if (recursive && !operand.isEmpty() && t.resolve(operand).equals("/")) {
        t.error("it is dangerous to operate recursively on " + Quote.always(operand));
        t.error("use --no-preserve-root to override this failsafe");
        status = 1;
        continue;
      }
      FileStat stat;
      try {
        stat = t.stat(operand);
      } catch (ResourceException e) {
        if (!force) {
          t.error("cannot remove " + Quote.always(operand) + ": " + Tool.message(e));
          status = 1;
        }
        continue;
      }
      if (stat.isDirectory() && !recursive) {
        if (!emptyDirs) {
          t.error("cannot remove " + Quote.always(operand) + ": Is a directory");
          status = 1;
          continue;
        }
        if (!t.fs().list(t.resolve(operand)).isEmpty()) {
          t.error("cannot remove " + Quote.always(operand) + ": Directory not empty");
          status = 1;
          continue;
        }
      }
      if (stat.isDirectory() && Tree.holdsMountPoint(t, operand)) {
        t.error("cannot remove " + Quote.always(operand) + ": Device or resource busy");
        status = 1;
        continue;
      }
      if (!Tree.remove(t, operand, stat)) {
        status = 1;
      }
    }
    return status;
  }
}
