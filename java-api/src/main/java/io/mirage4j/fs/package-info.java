/**
 * The workspace's files: the {@link io.mirage4j.fs.Resource} interface that a tree of files
 * implements, the built-in ones ({@link io.mirage4j.fs.Resources#inMemory()}, {@link
 * io.mirage4j.fs.Resources#localDir(java.nio.file.Path)}), mounts with their {@link
 * io.mirage4j.fs.Mode}, and {@link io.mirage4j.fs.WorkspaceFs}, the mounts seen as one filesystem
 * whose failures are {@link io.mirage4j.fs.ResourceException}s with POSIX reasons.
 */
package io.mirage4j.fs;
