package io.mirage4j.config;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One mount of a configuration file: a host directory, or an in-memory tree when {@code dir} is
 * absent. {@link WorkspaceConfigFile} reads them; {@link WorkspaceConfig#applyTo} mounts them.
 *
 * <pre>{@code
 * MountConfig project = new MountConfig(Optional.of(Path.of("/srv/project")), Mode.READ);
 * Workspace.builder().mount("/project", project.resource(), project.mode());
 * }</pre>
 *
 * @param dir the host directory (already resolved against the file's directory), if any
 * @param mode what the mount allows
 */
public record MountConfig(Optional<Path> dir, Mode mode) {

  /** A new resource for this mount: the directory, confined to it, or an empty in-memory tree. */
  public Resource resource() {
    return dir.<Resource>map(Resources::localDir).orElseGet(Resources::inMemory);
  }
}
