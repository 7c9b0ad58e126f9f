package io.mirage4j.snapshot;

import java.util.List;

/**
 * What {@link io.mirage4j.workspace.Workspace#snapshot} wrote and what it could not keep.
 *
 * <pre>{@code
 * SnapshotResult r = ws.snapshot(out);
 * r.mounts();    // ["/data", "/project"]
 * r.sessions();  // ["default", "session-2"]
 * r.omitted();   // what was left out, and why
 * }</pre>
 *
 * @param formatVersion the archive's format version
 * @param mounts the prefixes of the mounts kept (in-memory ones with their content, host
 *     directories by path with a fingerprint of each file)
 * @param sessions the ids of the shell sessions kept
 * @param omitted what was left out, and why
 * @param files how many files of in-memory mounts were written
 * @param bytes how many bytes of file content those hold
 */
public record SnapshotResult(int formatVersion, List<String> mounts, List<String> sessions, List<Omission> omitted,
    long files, long bytes) {
  public SnapshotResult {
    mounts = List.copyOf(mounts);
    sessions = List.copyOf(sessions);
    omitted = List.copyOf(omitted);
  }
}
