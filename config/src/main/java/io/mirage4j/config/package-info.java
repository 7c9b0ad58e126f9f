/**
 * Workspace configuration files: mounts, modes, environment and limits in YAML, with {@code ${VAR}}
 * taken from the host environment.
 *
 * <pre>{@code
 * WorkspaceConfig config = WorkspaceConfigFile.read(Path.of("workspace.yaml"), System::getenv);
 * try (Workspace ws = config.applyTo(Workspace.builder()).build()) {
 *   ws.execute("python3 clean.py");
 * }
 * }</pre>
 */
package io.mirage4j.config;
