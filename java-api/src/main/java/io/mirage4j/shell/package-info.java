/**
 * The bash-like shell that runs a workspace's command lines: pipelines, lists, compound commands,
 * functions, expansions and redirections, over the workspace's mounts. Commands are {@link
 * io.mirage4j.shell.Builtin}s that get a {@link io.mirage4j.shell.CommandContext} (streams, the
 * session's {@link io.mirage4j.shell.ShellState}, the filesystem); add one with {@code
 * Workspace.Builder.command}. {@link io.mirage4j.shell.Shell} itself is used by the workspace and
 * is not part of the stable API.
 */
package io.mirage4j.shell;
