package io.mirage4j.snapshot;

import java.util.Objects;

/**
 * How {@link io.mirage4j.workspace.Workspace#restore} treats what changed since the snapshot.
 *
 * <pre>{@code
 * RestoreOptions options = RestoreOptions.defaults().withHostDirectories(HostDirectoryPolicy.WARN);
 * }</pre>
 *
 * @param hostDirectories what to do when a host directory's files changed since the snapshot
 */
public record RestoreOptions(HostDirectoryPolicy hostDirectories) {
  public RestoreOptions {
    Objects.requireNonNull(hostDirectories, "hostDirectories");
  }

  /** {@link HostDirectoryPolicy#STRICT}. */
  public static RestoreOptions defaults() {
    return new RestoreOptions(HostDirectoryPolicy.STRICT);
  }

  /** These options with {@code policy} for host directories. */
  public RestoreOptions withHostDirectories(HostDirectoryPolicy policy) {
    return new RestoreOptions(policy);
  }
}
