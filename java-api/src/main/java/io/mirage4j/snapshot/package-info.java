/**
 * Snapshot, restore and fork of a {@link io.mirage4j.workspace.Workspace}: {@link
 * io.mirage4j.workspace.Workspace#snapshot} writes a workspace as one archive, {@link
 * io.mirage4j.workspace.Workspace#restore} reads it back (in this JVM or another), and {@link
 * io.mirage4j.workspace.Workspace#fork} makes an independent copy in this JVM without copying its
 * in-memory files.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(archive)) {
 *   ws.snapshot(out);
 * }
 * try (InputStream in = Files.newInputStream(archive)) {
 *   Workspace again = Workspace.restore(in, RestoreOptions.defaults()).workspace();
 * }
 * }</pre>
 *
 * <h2>The archive</h2>
 *
 * A POSIX tar (512-byte records), entries in this order: {@code manifest.json} (format {@code
 * mirage4j-workspace}, version, the environment and working directory of new sessions, whether
 * the workspace had a permission profile, the mount table by prefix, mode and kind, the parts that
 * follow by kind, and what was left out); then each part: {@code memory-mount} ({@code
 * memory/<n>/…}, one entry per directory and file, with permission bits and exact modification
 * times), {@code host-fingerprints} ({@code host/<n>.json}), {@code shell-session} ({@code
 * sessions/<n>.json}); last {@code checksums.json}, the SHA-256 of every entry before it. A
 * reader refuses a part of a kind it does not know, so a new kind of state (Python sessions'
 * namespaces, say) is a new part kind: older readers then refuse such an archive with a message
 * naming the kind instead of restoring it without that state.
 */
package io.mirage4j.snapshot;
