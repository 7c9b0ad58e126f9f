package io.mirage4j.fs;

import java.util.Objects;

/**
 * A {@link Resource} placed under a prefix of the workspace's tree, with the {@link Mode} it is
 * mounted in. {@link io.mirage4j.workspace.Workspace.Builder#mount} makes them; {@link
 * io.mirage4j.workspace.Workspace#mounts()} lists them.
 *
 * <pre>{@code
 * Mount m = new Mount("/data", Resources.inMemory(), Mode.WRITE);
 * m.relative("/data/a/b.txt"); // "/a/b.txt", the path inside the resource
 * }</pre>
 *
 * @param prefix where the resource's root appears, e.g. {@code /data}; absolute and normalised
 * @param resource the files
 * @param mode what the mount allows
 */
public record Mount(String prefix, Resource resource, Mode mode) {
  public Mount {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    if (!prefix.startsWith("/")) {
      throw new IllegalArgumentException("mount prefix is not absolute: " + prefix);
    }
    if (!PathNames.normalize(prefix).equals(prefix)) {
      throw new IllegalArgumentException(
          "mount prefix is not normalised: " + prefix + " (use " + PathNames.normalize(prefix) + ")");
    }
  }

  /** The path inside the resource for a workspace path under this mount. */
  public String relative(String path) {
    return prefix.equals("/") ? path : path.length() == prefix.length() ? "/" : path.substring(prefix.length());
  }
}
