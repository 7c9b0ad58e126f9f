package io.mirage4j.snapshot;

import java.util.Objects;

/**
 * A file of a host directory that is not as the snapshot saw it.
 *
 * <pre>{@code
 * for (HostChange c : result.hostChanges()) {
 *   System.err.println(c.kind() + " " + c.mount() + c.path()); // "CHANGED /project/a.txt"
 * }
 * }</pre>
 *
 * @param mount the mount's prefix
 * @param path the file's path inside the directory, from {@code /}
 * @param kind what happened to it
 */
public record HostChange(String mount, String path, Kind kind) {
  /**
   * What happened to a host file since the snapshot.
   *
   * <pre>{@code
   * change.kind() == HostChange.Kind.MISSING; // the file was deleted
   * }</pre>
   */
  public enum Kind {
    /** Its size or content differs. */
    CHANGED,
    /** It was there and is not any more (or the whole directory is gone). */
    MISSING,
    /** It was not there. */
    EXTRA
  }

  public HostChange {
    Objects.requireNonNull(mount, "mount");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String toString() {
    return kind + " " + (mount.equals("/") ? path : path.equals("/") ? mount : mount + path);
  }
}
