package io.mirage4j.fs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The mounts of a workspace, and which one owns a path. Immutable. The deepest prefix wins, so
 * nested mounts ({@code /data} and {@code /data/inner}) both work. Paths are normalised before the
 * lookup: {@code /ram/../etc/x} is not under {@code /ram}.
 *
 * <p>Used by {@link io.mirage4j.workspace.Workspace} to build its {@link WorkspaceFs}; public so
 * that a {@link WorkspaceFs} can be made without a workspace, as a test of a Python runtime does.
 *
 * <pre>{@code
 * MountTable table = new MountTable(List.of(new Mount("/data", Resources.inMemory(), Mode.EXEC)));
 * table.owner("/data/x/../y.txt").map(Mount::prefix); // Optional[/data]
 * table.owner("/data/../etc/passwd");                 // Optional.empty
 * }</pre>
 */
public final class MountTable {
  private final List<Mount> byDepth;

  public MountTable(List<Mount> mounts) {
    List<Mount> sorted = new ArrayList<>(mounts);
    sorted.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).prefix().equals(sorted.get(i - 1).prefix())) {
        throw new IllegalArgumentException("two mounts at " + sorted.get(i).prefix());
      }
    }
    this.byDepth = List.copyOf(sorted);
  }

  /** The mounts, deepest prefix first. */
  public List<Mount> mounts() {
    return byDepth;
  }

  /** The mount that owns the absolute {@code path}, if any. */
  public Optional<Mount> owner(String path) {
    String normalized = PathNames.normalize(path);
    return byDepth.stream().filter(m -> PathNames.isWithin(normalized, m.prefix())).findFirst();
  }
}
