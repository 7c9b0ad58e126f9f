package io.mirage4j.permission;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mounts a profile lets a session see, as that session's own mount table gets them: the mounts
 * it names (all when it names none), each at most in the mode it gives, with its hidden paths, and
 * the prefixes of the mounts it does not see, missing inside the mounts it does. A mount at or
 * below a hidden path is left out whole.
 *
 * <pre>{@code
 * List<Mount> seen = VisibleMounts.of(ws.mounts(), PermissionProfile.builder().mount("/data").build());
 * new WorkspaceFs(new MountTable(seen)).list("/"); // data only
 * }</pre>
 */
public final class VisibleMounts {
  private VisibleMounts() {}

  /**
   * @throws IllegalArgumentException when the profile names a mount that {@code all} lacks
   */
  public static List<Mount> of(List<Mount> all, PermissionProfile profile) {
    Map<String, Mode> named = profile.mounts();
    if (named != null) {
      for (String prefix : named.keySet()) {
        if (all.stream().noneMatch(m -> m.prefix().equals(prefix))) {
          throw new IllegalArgumentException("permission profile '" + profile.name() + "': no mount at " + prefix);
        }
      }
    }
    List<Mount> seen = new ArrayList<>();
    List<String> unseen = new ArrayList<>(profile.hiddenPaths());
    for (Mount m : all) {
      if (named != null && !named.containsKey(m.prefix())) {
        unseen.add(m.prefix());
      }
    }
    for (Mount m : all) {
      if (named != null && !named.containsKey(m.prefix())
          || profile.hiddenPaths().stream().anyMatch(h -> PathNames.isWithin(m.prefix(), h))) {
        continue;
      }
      List<String> inside = new ArrayList<>();
      for (String h : unseen) {
        if (!h.equals(m.prefix()) && PathNames.isWithin(h, m.prefix())) {
          inside.add(m.relative(h));
        }
      }
      Mode mode = named == null ? m.mode() : lesser(m.mode(), named.get(m.prefix()));
      seen.add(new Mount(m.prefix(), inside.isEmpty() ? m.resource() : new HiddenPathsResource(m.resource(), inside), mode));
    }
    return List.copyOf(seen);
  }

  private static Mode lesser(Mode a, Mode b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
