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
 */
package io.mirage4j.snapshot;
