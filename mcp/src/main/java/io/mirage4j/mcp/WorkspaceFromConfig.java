package io.mirage4j.mcp;

import io.mirage4j.config.ConfigException;
import io.mirage4j.config.WorkspaceConfig;
import io.mirage4j.config.WorkspaceConfigFile;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Path;

/**
 * The workspace a server serves: the one a YAML configuration file describes (the same file as
 * {@code ./mirage4j --config}), or, without one, an in-memory {@code /data}. This is the only place
 * the server reads the configuration format.
 */
final class WorkspaceFromConfig {
  static final String DEFAULT_MOUNT = "/data";

  private WorkspaceFromConfig() {}

  /** A builder set up as {@code config} says (null: an in-memory {@code /data}). */
  static Workspace.Builder builder(Path config) {
    Workspace.Builder builder = Workspace.builder();
    if (config == null) {
      builder.mount(DEFAULT_MOUNT, Resources.inMemory());
    } else {
      WorkspaceConfig file = WorkspaceConfigFile.read(config, System::getenv);
      if (file.mounts().isEmpty()) {
        builder.mount(DEFAULT_MOUNT, Resources.inMemory());
      }
      file.applyTo(builder);
    }
    return builder;
  }

  /** Whether {@code e} says the configuration file is missing or not valid. */
  static boolean isConfigError(Throwable e) {
    return e instanceof ConfigException;
  }
}
