/**
 * mirage4j runs shell command lines, {@code python3} included, in a sandboxed workspace: a tree of
 * mounts (in memory or host directories) that a bash-like shell and real CPython (Pyodide, in a
 * Node.js sidecar) read and write, and nothing else of the host. Start at {@link
 * io.mirage4j.workspace.Workspace}; this package holds the root of the exceptions mirage4j throws,
 * {@link io.mirage4j.MirageException}, and {@link io.mirage4j.CancelledException}.
 */
package io.mirage4j;
