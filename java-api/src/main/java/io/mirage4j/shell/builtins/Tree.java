package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.List;

/** Whole trees in the workspace: copying and removing them, with coreutils' messages. */
final class Tree {
  private Tree() {}

  /**
   * The last element of an operand as typed, trailing slashes ignored ({@code d/} is {@code d}),
   * {@code ..} taken as {@code .} as coreutils does.
   */
  static String baseName(String operand) {
    String s = operand.replaceAll("/+$", "");
    String base = s.isEmpty() ? "/" : s.substring(s.lastIndexOf('/') + 1);
    return base.equals("..") ? "." : base;
  }

  /** {@code name} inside the directory operand {@code dir}, as coreutils shows it. */
  static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /**
   * Copies {@code source} (a file, or a directory with everything in it) to {@code target}, which
   * must not be a file when the source is a directory. Returns false after reporting a failure;
   * what was copied before it stays.
   */
  static boolean copy(Tool t, String source, FileStat stat, String target) throws IOException {
    if (!stat.isDirectory()) {
      try {
        byte[] data = t.read(source);
        FileStat existing = statOrNull(t, target);
        if (existing != null && existing.isDirectory()) {
          t.error("cannot overwrite directory " + Quote.always(target) + " with non-directory");
          return false;
        }
        t.fs().write(t.resolve(target), data);
        return true;
      } catch (ResourceException e) {
        t.error("cannot create regular file " + Quote.always(target) + ": " + Tool.message(e));
        return false;
      }
    }
    FileStat existing = statOrNull(t, target);
    if (existing == null) {
      try {
        t.fs().mkdir(t.resolve(target));
      } catch (ResourceException e) {
        t.error("cannot create directory " + Quote.always(target) + ": " + Tool.message(e));
        return false;
      }
    } else if (!existing.isDirectory()) {
      t.error("cannot overwrite non-directory " + Quote.always(target) + " with directory " + Quote.always(source));
      return false;
    }
    List<FileStat> children;
    try {
      children = t.fs().list(t.resolve(source));
    } catch (ResourceException e) {
      t.error("cannot access " + Quote.always(source) + ": " + Tool.message(e));
      return false;
    }
    boolean ok = true;
    for (FileStat child : children) {
      ok &= copy(t, join(source, child.name()), child, join(target, child.name()));
    }
    return ok;
  }

  /**
   * Removes {@code operand} and, for a directory, everything in it, deepest first; a directory
   * whose contents could not all be removed is kept. Returns false after reporting a failure.
   */
  static boolean remove(Tool t, String operand, FileStat stat) throws IOException {
    boolean ok = true;
    if (stat.isDirectory()) {
      List<FileStat> children;
      try {
        children = t.fs().list(t.resolve(operand));
      } catch (ResourceException e) {
        t.error("cannot remove " + Quote.always(operand) + ": " + Tool.message(e));
        return false;
      }
      for (FileStat child : children) {
        ok &= remove(t, join(operand, child.name()), child);
      }
      if (!ok) {
        return false;
      }
    }
    try {
      t.fs().delete(t.resolve(operand));
      return true;
    } catch (ResourceException e) {
      t.error("cannot remove " + Quote.always(operand) + ": " + Tool.message(e));
      return false;
    }
  }

  /** Whether a mount point is at or below the operand's path: such a tree cannot be removed. */
  static boolean holdsMountPoint(Tool t, String operand) {
    String path = t.resolve(operand);
    return t.fs().mounts().mounts().stream().anyMatch(m -> PathNames.isWithin(m.prefix(), path));
  }

  /**
   * What {@code operand} names, or null when nothing does; any other failure to look it up (a name
   * too long, a parent that is a file) is thrown, for coreutils' {@code cannot stat} report.
   */
  static FileStat statOrMissing(Tool t, String operand) {
    try {
      return t.stat(operand);
    } catch (ResourceException e) {
      if (e.reason() == ResourceException.Reason.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  static FileStat statOrNull(Tool t, String operand) {
    try {
      return t.stat(operand);
    } catch (ResourceException e) {
      return null;
    }
  }

  /** Whether the normalised {@code path} is {@code ancestor} or inside it. */
  static boolean within(String path, String ancestor) {
    return PathNames.isWithin(path, ancestor);
  }
}
