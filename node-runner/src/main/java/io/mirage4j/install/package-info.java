/**
 * Puts the runtime's files on disk. The {@code mirage4j-runtime} and {@code
 * mirage4j-node-<platform>} jars each carry a bundle ({@link io.mirage4j.install.Bundle}, listed
 * by its {@link io.mirage4j.install.BundleManifest}), which {@link
 * io.mirage4j.install.BundleExtractor} extracts once per version into the per-user cache ({@link
 * io.mirage4j.install.CacheDirectory}), or into a directory that {@code mirage4j install-runtime}
 * fills ({@link io.mirage4j.install.RuntimeDirectory}); {@link io.mirage4j.install.Platform} says
 * which bundled Node.js fits this machine and {@link io.mirage4j.install.NodeCheck} whether a
 * Node.js can run the sidecar. Used by {@code io.mirage4j.sidecar} and the CLI; not part of the
 * stable API.
 */
package io.mirage4j.install;
