package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code cp [-rR] SOURCE DEST} and {@code cp [-rR] SOURCE... DIR}: copies files byte for byte,
 * and with {@code -r}/{@code -R} directories with everything in them; into DIR when it is an
 * existing directory. Nothing is written when the destination's mount is read-only.
 */
final class Cp extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("recursive", 'r');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "rR", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    Transfer transfer = Transfer.of(t, o.operands());
    if (transfer == null) {
      return 1;
    }
    boolean recursive = o.has('r') || o.has('R');
    int status = 0;
    for (String[] pair : transfer.pairs()) {
      if (!copy(t, pair[0], pair[1], recursive)) {
        status = 1;
      }
    }
    return status;
  }

  private static boolean copy(Tool t, String source, String target, boolean recursive) throws IOException {
    FileStat stat = Tree.statOrNull(t, source);
    if (stat == null) {
      t.error("cannot stat " + Quote.always(source) + ": No such file or directory");
      return false;
    }
    if (stat.isDirectory() && !recursive) {
      t.error("-r not specified; omitting directory " + Quote.always(source));
      return false;
    }
    FileStat existing;
    try {
      existing = Tree.statOrMissing(t, target);
    } catch (ResourceException e) {
      t.error("cannot stat " + Quote.always(target) + ": " + Tool.message(e));
      return false;
    }
    if (target.endsWith("/") && !stat.isDirectory() && (existing == null || !existing.isDirectory())) {
      t.error("cannot create regular file " + Quote.always(target) + ": Not a directory");
      return false;
    }
    String from = t.resolve(source);
    String to;
    try {
      to = t.resolve(target);
    } catch (ResourceException e) {
      t.error("cannot create " + (stat.isDirectory() ? "directory " : "regular file ") + Quote.always(target)
          + ": " + Tool.message(e));
      return false;
    }
    if (from.equals(to)) {
      t.error(Quote.always(source) + " and " + Quote.always(target) + " are the same file");
      return false;
    }
    if (stat.isDirectory() && Tree.within(to, from)) {
      t.error("cannot copy a directory, " + Quote.always(source) + ", into itself, " + Quote.always(target));
      return false;
    }
    if (existing != null && stat.isDirectory() && !existing.isDirectory()) {
      t.error("cannot overwrite non-directory " + Quote.always(target) + " with directory " + Quote.always(source));
      return false;
    }
    if (existing != null && !stat.isDirectory() && existing.isDirectory()) {
      t.error("cannot overwrite directory " + Quote.always(target) + " with non-directory");
      return false;
    }
    if (!t.mode(target).allows(Mode.WRITE)) {
      t.error("cannot create " + (stat.isDirectory() ? "directory " : "regular file ") + Quote.always(target)
          + ": Read-only file system");
      return false;
    }
    return Tree.copy(t, source, stat, target);
  }
}
