package io.mirage4j.fs;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link Resource} knows about one entry: its name, whether it is a file or a directory,
 * its size and when it last changed. {@link WorkspaceFs#stat} and {@link WorkspaceFs#list} return
 * them; a resource implementation makes them with {@link #file} and {@link #directory}.
 *
 * <pre>{@code
 * FileStat st = ws.fs().stat("/data/a.txt");
 * if (st.isFile()) {
 *   System.out.println(st.name() + ": " + st.size() + " bytes, changed " + st.modified());
 * }
 * }</pre>
 *
 * @param name the entry's last path element ({@code ""} for a resource's root)
 * @param kind file or directory
 * @param size the size in bytes (0 for directories)
 * @param modified the last modification time
 */
public record FileStat(String name, Kind kind, long size, Instant modified) {

  /**
   * The kinds of entries a resource holds.
   *
   * <pre>{@code
   * boolean dir = st.kind() == FileStat.Kind.DIRECTORY; // the same as st.isDirectory()
   * }</pre>
   */
  public enum Kind {
    FILE,
    DIRECTORY
  }

  public FileStat {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(modified, "modified");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0: " + size);
    }
  }

  public static FileStat file(String name, long size, Instant modified) {
    return new FileStat(name, Kind.FILE, size, modified);
  }

  public static FileStat directory(String name, Instant modified) {
    return new FileStat(name, Kind.DIRECTORY, 0, modified);
  }

  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  public boolean isFile() {
    return kind == Kind.FILE;
  }
}
