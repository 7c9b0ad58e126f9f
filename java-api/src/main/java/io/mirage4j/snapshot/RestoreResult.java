package io.mirage4j.snapshot;

import io.mirage4j.workspace.Workspace;
import java.util.List;
import java.util.Objects;

/**
 * A workspace read back from an archive, with what differs from the moment of the snapshot.
 *
 * <pre>{@code
 * RestoreResult r = Workspace.restore(in, RestoreOptions.defaults().withHostDirectories(HostDirectoryPolicy.WARN));
 * try (Workspace ws = r.workspace()) {
 *   r.hostChanges().forEach(c -> System.err.println(c)); // "CHANGED /project/a.txt"
 * }
 * }</pre>
 *
 * @param workspace the restored workspace; the caller closes it
 * @param hostChanges host files that changed since the snapshot (empty with {@link
 *     HostDirectoryPolicy#OFF})
 * @param omitted what the archive said it had left out, and what could not be restored
 */
public record RestoreResult(Workspace workspace, List<HostChange> hostChanges, List<Omission> omitted) {
  public RestoreResult {
    Objects.requireNonNull(workspace, "workspace");
    hostChanges = List.copyOf(hostChanges);
    omitted = List.copyOf(omitted);
  }
}
