package io.mirage4j.js.graal;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What an ES module's {@code import} reads: the session's mounts, read only, and the built-in
 * modules {@code fs} / {@code node:fs} and {@code url} / {@code node:url}. Paths are plain values
 * here: nothing of the host's disk is ever opened.
 *
 * <pre>{@code
 * IOAccess io = IOAccess.newBuilder().fileSystem(new ModuleFileSystem(session.fs(), "/data")).build();
 * }</pre>
 */
final class ModuleFileSystem implements FileSystem {
  /** Where the built-in modules live; a workspace path that no mount can shadow here. */
  static final String BUILTINS = "/.mirage4j-builtin";

  private static final Map<String, String> BUILTIN_SOURCES = Map.of(
      BUILTINS + "/fs.mjs",
      "const fs = globalThis.require('fs');\nexport default fs;\n"
          + "export const { readFileSync, writeFileSync, appendFileSync, existsSync, readdirSync, statSync, lstatSync,"
          + " mkdirSync, rmSync, unlinkSync, rmdirSync, renameSync } = fs;\n",
      BUILTINS + "/url.mjs",
      "const url = globalThis.require('url');\nexport default url;\n"
          + "export const URL = globalThis.URL, URLSearchParams = globalThis.URLSearchParams;\n");

  private final WorkspaceFs files;
  private String cwd;

  ModuleFileSystem(WorkspaceFs files, String cwd) {
    this.files = files;
    this.cwd = cwd;
  }

  @Override
  public Path parsePath(URI uri) {
    if ("node".equals(uri.getScheme())) {
      return parsePath("node:" + uri.getSchemeSpecificPart());
    }
    if (!"file".equals(uri.getScheme())) {
      throw new UnsupportedOperationException("only file: and node: modules can be imported: " + uri);
    }
    return Path.of(PathNames.normalize(uri.getPath()));
  }

  @Override
  public Path parsePath(String path) {
    if (path.equals("fs") || path.equals("node:fs")) {
      return Path.of(BUILTINS + "/fs.mjs");
    }
    if (path.equals("url") || path.equals("node:url")) {
      return Path.of(BUILTINS + "/url.mjs");
    }
    return Path.of(path);
  }

  private String workspacePath(Path path) {
    return PathNames.resolve(cwd, path.toString());
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
    String p = workspacePath(path);
    if (BUILTIN_SOURCES.containsKey(p)) {
      return;
    }
    if (modes.contains(AccessMode.WRITE)) {
      throw new AccessDeniedException(p);
    }
    try {
      files.stat(p);
    } catch (ResourceException e) {
      throw new NoSuchFileException(p);
    }
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    throw new AccessDeniedException(dir.toString());
  }

  @Override
  public void delete(Path path) throws IOException {
    throw new AccessDeniedException(path.toString());
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    String p = workspacePath(path);
    if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
      throw new AccessDeniedException(p);
    }
    String builtin = BUILTIN_SOURCES.get(p);
    if (builtin != null) {
      return new ReadOnlyChannel(builtin.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!files.mode(p).allows(Mode.READ)) {
        throw new AccessDeniedException(p);
      }
      return new ReadOnlyChannel(files.read(p));
    } catch (ResourceException e) {
      throw e.reason() == ResourceException.Reason.NOT_FOUND ? new NoSuchFileException(p) : new IOException(e.getMessage());
    }
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    throw new AccessDeniedException(dir.toString());
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return Path.of(workspacePath(path));
  }

  @Override
  public Path toRealPath(Path path, LinkOption... linkOptions) {
    return Path.of(workspacePath(path));
  }

  @Override
  public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
    this.cwd = workspacePath(currentWorkingDirectory);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    String p = workspacePath(path);
    Map<String, Object> result = new HashMap<>();
    boolean directory;
    long size;
    FileTime modified = FileTime.fromMillis(0);
    String builtin = BUILTIN_SOURCES.get(p);
    if (builtin != null) {
      directory = false;
      size = builtin.length();
    } else {
      try {
        FileStat stat = files.stat(p);
        directory = stat.isDirectory();
        size = stat.size();
        if (stat.modified() != null) {
          modified = FileTime.from(stat.modified());
        }
      } catch (ResourceException e) {
        throw new NoSuchFileException(p);
      }
    }
    result.put("isRegularFile", !directory);
    result.put("isDirectory", directory);
    result.put("isSymbolicLink", false);
    result.put("isOther", false);
    result.put("size", size);
    result.put("lastModifiedTime", modified);
    result.put("lastAccessTime", modified);
    result.put("creationTime", modified);
    result.put("fileKey", null);
    return result;
  }

  /** A file's bytes as a channel that can only be read. */
  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final byte[] bytes;
    private int position;
    private boolean open = true;

    ReadOnlyChannel(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = Math.min(dst.remaining(), bytes.length - position);
      dst.put(bytes, position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = (int) Math.min(newPosition, bytes.length);
      return this;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
