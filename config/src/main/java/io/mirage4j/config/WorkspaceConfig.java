package io.mirage4j.config;

import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.sidecar.NodeSidecarProvider;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A workspace as a configuration file describes it; {@link WorkspaceConfigFile} reads one.
 *
 * <pre>{@code
 * WorkspaceConfig config = WorkspaceConfigFile.read(Path.of("workspace.yaml"), System::getenv);
 * Workspace ws = config.applyTo(Workspace.builder()).build();
 * }</pre>
 *
 * @param mounts prefix to mount, in the file's order
 * @param env the session's environment, in the file's order
 * @param cwd the working directory, if the file sets one
 * @param pythonTimeout the time limit of each python3 call, if set
 * @param outputLimit the most bytes a command line may write to stdout and to stderr, if set
 * @param packages a directory of wheels every python3 call can import, if set
 * @param lineTimeout the time limit of each whole command line, if set
 * @param interpretersPerProcess how many workspaces' interpreters one Node process hosts, if set
 *     ({@link NodeSidecarProvider.Builder#interpretersPerProcess(int)})
 * @param permissions the permission profile of every session, if set ({@link
 *     Workspace.Builder#profile})
 */
public record WorkspaceConfig(
    Map<String, MountConfig> mounts,
    Map<String, String> env,
    Optional<String> cwd,
    Optional<Duration> pythonTimeout,
    OptionalLong outputLimit,
    Optional<Path> packages,
    Optional<Duration> lineTimeout,
    OptionalInt interpretersPerProcess,
    Optional<PermissionProfile> permissions) {

  public WorkspaceConfig {
    mounts = Collections.unmodifiableMap(new LinkedHashMap<>(mounts));
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** A configuration that sets nothing. */
  public static WorkspaceConfig empty() {
    return new WorkspaceConfig(Map.of(), Map.of(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
        Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
  }

  /** The same configuration with other mounts. */
  public WorkspaceConfig withMounts(Map<String, MountConfig> newMounts) {
    return new WorkspaceConfig(newMounts, env, cwd, pythonTimeout, outputLimit, packages, lineTimeout, interpretersPerProcess,
        permissions);
  }

  /** Sets everything this configuration names on {@code builder}; returns the builder. */
  public Workspace.Builder applyTo(Workspace.Builder builder) {
    mounts.forEach((prefix, mount) -> builder.mount(prefix, mount.resource(), mount.mode()));
    env.forEach(builder::env);
    cwd.ifPresent(builder::cwd);
    pythonTimeout.ifPresent(builder::pythonTimeout);
    outputLimit.ifPresent(builder::outputLimit);
    packages.ifPresent(builder::packages);
    lineTimeout.ifPresent(builder::lineTimeout);
    interpretersPerProcess.ifPresent(n -> builder.pythonRuntime(NodeSidecarProvider.builder().interpretersPerProcess(n).build()));
    permissions.ifPresent(builder::profile);
    return builder;
  }
}
