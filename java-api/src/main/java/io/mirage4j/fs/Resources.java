package io.mirage4j.fs;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The built-in {@link Resource}s.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder()
 *     .mount("/ram", Resources.inMemory())
 *     .mount("/project", Resources.localDir(Path.of("build/project")), Mode.READ)
 *     .build();
 * }</pre>
 */
public final class Resources {
  private Resources() {}

  /** An empty tree held in memory. */
  public static InMemoryResource inMemory() {
    return new InMemoryResource(Clock.systemUTC());
  }

  /**
   * The host directory {@code root}, confined to it without races: no {@code ..}, symbolic link or
   * concurrent rename leads an operation outside (see {@link LocalDirResource}).
   */
  public static LocalDirResource localDir(Path root) {
    return new LocalDirResource(root);
  }
}
