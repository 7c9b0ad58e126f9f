package io.mirage4j.snapshot;

import java.util.List;
import java.util.Map;

/**
 * The first entry of a workspace archive ({@code manifest.json}): the format and its version, the
 * defaults of new sessions, the mount table, and the parts that follow, each by kind, in the order
 * they appear. A reader refuses a part of a kind it does not know.
 *
 * @param format always {@link #FORMAT}
 * @param version the format version, {@link #VERSION} for this one
 * @param created when the snapshot was taken (ISO-8601)
 * @param env the environment new sessions start with
 * @param cwd the working directory new sessions start in
 * @param profile whether the workspace had a permission profile (not written: the restoring
 *     builder must give one)
 * @param mounts the mounts kept
 * @param parts the parts after the manifest, in order
 * @param omitted what was left out, and why
 */
record Manifest(String format, int version, String created, Map<String, String> env, String cwd, boolean profile,
    List<MountRecord> mounts, List<Part> parts, List<Omission> omitted) {

  static final String FORMAT = "mirage4j-workspace";
  static final int VERSION = 1;
  static final String ENTRY = "manifest.json";
  static final String CHECKSUMS = "checksums.json";

  /** The kinds of mounts an archive holds. */
  static final String MEMORY = "memory";
  static final String HOST_DIRECTORY = "host-directory";

  /** The kinds of parts. */
  static final String MEMORY_MOUNT = "memory-mount";
  static final String HOST_FINGERPRINTS = "host-fingerprints";
  static final String SHELL_SESSION = "shell-session";
  /**
   * A Python session's namespace as {@code PythonSession.saveState} writes it (one pickle); its
   * name is the JSON array {@code [shell session id, Python session name]}.
   */
  static final String PYTHON_SESSION = "python-session";
  static final List<String> KNOWN_PARTS = List.of(MEMORY_MOUNT, HOST_FINGERPRINTS, SHELL_SESSION, PYTHON_SESSION);

  /**
   * One mount.
   *
   * @param prefix where it is mounted
   * @param mode READ, WRITE or EXEC
   * @param kind {@link #MEMORY} or {@link #HOST_DIRECTORY}
   * @param hostPath the host directory's absolute path, or null
   */
  record MountRecord(String prefix, String mode, String kind, String hostPath) {}

  /**
   * One part of the archive.
   *
   * @param kind what it holds
   * @param name the mount prefix or session id it belongs to
   * @param entry its entry's name, or for a tree the prefix of its entries' names
   * @param entries how many archive entries it has
   * @param bytes how many bytes of file content it holds
   */
  record Part(String kind, String name, String entry, long entries, long bytes) {}
}
