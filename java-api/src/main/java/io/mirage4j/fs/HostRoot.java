package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory a {@link LocalDirResource} serves: its real path and its identity (device and
 * inode), recorded once. Every operation opens it again as a {@link SecureDirectoryStream} and
 * checks that the handle is still that directory, so a root whose path now leads elsewhere (renamed
 * away and replaced, perhaps by a link, through another mount that contains it) is refused rather
 * than followed. Without secure directory streams there is no race-free confinement, and the root
 * refuses to be made at all.
 */
final class HostRoot {
  private final Path path;
  private final List<String> components;
  private final Object identity;

  private HostRoot(Path path, Object identity) {
    this.path = path;
    this.identity = identity;
    List<String> names = new ArrayList<>();
    for (Path name : path) {
      names.add(name.toString());
    }
    this.components = List.copyOf(names);
  }

  /** The directory at {@code realPath}, which must be a real (link-free) absolute path. */
  static HostRoot of(Path realPath) throws IOException {
    try (SecureDirectoryStream<Path> handle = secure(realPath)) {
      Object identity = handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
      if (identity == null) {
        throw new UnsupportedOperationException("host directories need file keys (device and inode) to be confined, "
            + "and the file system of " + realPath + " has none");
      }
      return new HostRoot(realPath, identity);
    }
  }

  /** The real path of the directory. */
  Path path() {
    return path;
  }

  /** The names of {@link #path()} from the host's {@code /} down, e.g. {@code [srv, project]}. */
  List<String> components() {
    return components;
  }

  /**
   * A new handle on the directory; {@code NOT_FOUND} (reported for {@code resourcePath}) if its path
   * no longer leads to it.
   */
  SecureDirectoryStream<Path> open(String resourcePath) throws IOException {
    SecureDirectoryStream<Path> handle = secure(path);
    try {
      Object now = handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
      if (!identity.equals(now)) {
        throw new ResourceException(Reason.NOT_FOUND, resourcePath,
            new IOException("the mounted directory " + path + " was moved or replaced"));
      }
      return handle;
    } catch (IOException | RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  private static SecureDirectoryStream<Path> secure(Path dir) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return secure;
    }
    stream.close();
    throw new UnsupportedOperationException("host directories need java.nio.file.SecureDirectoryStream to be "
        + "confined without races, and the file system of " + dir + " (" + dir.getFileSystem().provider()
        + ") does not provide it");
  }
}
