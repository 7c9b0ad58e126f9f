/**
 * The entry point: a {@link io.mirage4j.workspace.Workspace} is built with its mounts, environment
 * and limits, runs command lines in {@link io.mirage4j.workspace.Session}s, each with its own
 * variables and working directory, and returns each line's output and exit status as an {@link
 * io.mirage4j.workspace.ExecResult}; {@link io.mirage4j.workspace.ExecOptions} give one line its
 * input, overrides and time limits.
 */
package io.mirage4j.workspace;
