package io.mirage4j.tools;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * Files below a directory, depth first in name order, at most {@link #MAX_ENTRIES} entries looked
 * at: a model's search must not walk a huge host directory for ever. Directories it cannot list
 * are passed over.
 */
final class Walk {
  static final int MAX_ENTRIES = 100_000;

  /** A file found: its absolute path and its stat. */
  record Found(String path, FileStat stat) {}

  private final WorkspaceFs fs;
  private int seen;
  private boolean cut;

  Walk(WorkspaceFs fs) {
    this.fs = fs;
  }

  /**
   * Calls {@code visit} for each file below {@code root} (or {@code root} itself when it is a
   * file) until it returns false.
   */
  void files(String root, Predicate<Found> visit) {
    FileStat top = fs.stat(root);
    if (!top.isDirectory()) {
      visit.test(new Found(root, top));
      return;
    }
    Deque<String> dirs = new ArrayDeque<>();
    dirs.push(root);
    while (!dirs.isEmpty()) {
      String dir = dirs.pop();
      java.util.List<FileStat> entries;
      try {
        entries = fs.list(dir);
      } catch (ResourceException e) {
        continue;
      }
      Deque<String> below = new ArrayDeque<>();
      for (FileStat e : entries) {
        if (++seen > MAX_ENTRIES) {
          cut = true;
          return;
        }
        String path = PathNames.child(dir, e.name());
        if (e.isDirectory()) {
          below.push(path);
        } else if (!visit.test(new Found(path, e))) {
          return;
        }
      }
      while (!below.isEmpty()) {
        dirs.push(below.pop());
      }
    }
  }

  /** Whether the walk stopped at {@link #MAX_ENTRIES}. */
  boolean cut() {
    return cut;
  }
}
