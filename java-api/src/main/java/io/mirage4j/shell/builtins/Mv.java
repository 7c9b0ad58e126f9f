package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code mv SOURCE DEST} and {@code mv SOURCE... DIR}: renames files and directories, into DIR
 * when it is an existing directory; an existing file is replaced, an existing empty directory too.
 * Between mounts the tree is copied and the source removed, after checking that both mounts can
 * be written, so a move that fails leaves both sides as they were. {@code -f} is accepted.
 */
final class Mv extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("force", 'f');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "f", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    Transfer transfer = Transfer.of(t, o.operands());
    if (transfer == null) {
      return 1;
    }
    int status = 0;
    for (String[] pair : transfer.pairs()) {
      if (!move(t, pair[0], pair[1])) {
        status = 1;
      }
    }
    return status;
  }

  private static boolean move(Tool t, String source, String target) throws IOException {
    FileStat stat = Tree.statOrNull(t, source);
    if (stat == null) {
      t.error("cannot stat " + Quote.always(source) + ": No such file or directory");
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
      t.error("cannot move " + Quote.always(source) + " to " + Quote.always(target) + ": Not a directory");
      return false;
    }
    String from = t.resolve(source);
    String to;
    try {
      to = t.resolve(target);
    } catch (ResourceException e) {
      t.error("cannot move " + Quote.always(source) + " to " + Quote.always(target) + ": " + Tool.message(e));
      return false;
    }
    if (from.equals(to)) {
      t.error(Quote.always(source) + " and " + Quote.always(target) + " are the same file");
      return false;
    }
    if (Tree.within(to, from)) {
      t.error("cannot move " + Quote.always(source) + " to a subdirectory of itself, " + Quote.always(target));
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
    if (stat.isDirectory() && Tree.holdsMountPoint(t, source)) {
      t.error("cannot move " + Quote.always(source) + " to " + Quote.always(target) + ": Device or resource busy");
      return false;
    }
    if (!t.fs().mounts().owner(from).equals(t.fs().mounts().owner(to))) {
      return acrossMounts(t, source, stat, target, existing);
    }
    try {
      t.fs().rename(from, to);
      return true;
    } catch (ResourceException e) {
      if (e.reason() != Reason.CROSS_DEVICE) {
        t.error("cannot move " + Quote.always(source) + " to " + Quote.always(target) + ": " + Tool.message(e));
        return false;
      }
    }
    return acrossMounts(t, source, stat, target, existing);
  }

  private static boolean acrossMounts(Tool t, String source, FileStat stat, String target, FileStat existing)
      throws IOException {
    if (!t.mode(target).allows(Mode.WRITE)) {
      t.error("inter-device move failed: " + Quote.always(source) + " to " + Quote.always(target)
          + "; unable to remove target: Read-only file system");
      return false;
    }
    if (!t.mode(source).allows(Mode.WRITE)) {
      t.error("cannot remove " + Quote.always(source) + ": Read-only file system");
      return false;
    }
    if (existing != null && existing.isDirectory() && !t.fs().list(t.resolve(target)).isEmpty()) {
      t.error("cannot move " + Quote.always(source) + " to " + Quote.always(target) + ": Directory not empty");
      return false;
    }
    return Tree.copy(t, source, stat, target) && Tree.remove(t, source, stat);
  }
}
