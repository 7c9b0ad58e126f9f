package io.mirage4j.snapshot;

import java.io.IOException;
import java.util.List;

/**
 * A restore refused under {@link HostDirectoryPolicy#STRICT} because host files changed since the
 * snapshot. Nothing was restored.
 *
 * <pre>{@code
 * try {
 *   Workspace.restore(in, RestoreOptions.defaults());
 * } catch (HostDirectoryChangedException e) {
 *   e.changes(); // [CHANGED /project/a.txt, EXTRA /project/new.txt]
 * }
 * }</pre>
 */
public class HostDirectoryChangedException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient List<HostChange> changes;

  public HostDirectoryChangedException(List<HostChange> changes) {
    super(message(changes));
    this.changes = List.copyOf(changes);
  }

  /** The files that changed. */
  public List<HostChange> changes() {
    return changes;
  }

  private static String message(List<HostChange> changes) {
    StringBuilder sb = new StringBuilder("host directories changed since the snapshot (")
        .append(changes.size()).append(changes.size() == 1 ? " file" : " files").append("): ");
    for (int i = 0; i < Math.min(5, changes.size()); i++) {
      sb.append(i == 0 ? "" : ", ").append(changes.get(i));
    }
    if (changes.size() > 5) {
      sb.append(", …");
    }
    return sb.append("; restore with HostDirectoryPolicy.WARN or OFF to restore anyway").toString();
  }
}
