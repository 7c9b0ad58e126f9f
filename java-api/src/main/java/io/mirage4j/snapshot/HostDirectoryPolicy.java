package io.mirage4j.snapshot;

/**
 * What a restore does when a host directory's files are not the ones the snapshot saw (a file
 * changed, missing or added).
 *
 * <pre>{@code
 * RestoreOptions.defaults().withHostDirectories(HostDirectoryPolicy.WARN);
 * }</pre>
 */
public enum HostDirectoryPolicy {
  /** Refuse the restore ({@link HostDirectoryChangedException} lists the changes). The default. */
  STRICT,
  /** Restore, and list the changes in {@link RestoreResult#hostChanges()}. */
  WARN,
  /** Restore without comparing: host files are not read at all. */
  OFF
}
