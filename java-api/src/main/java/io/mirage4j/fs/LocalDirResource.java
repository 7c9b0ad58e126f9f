package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link Resource} backed by a directory of the host's filesystem, confined to it: paths never
 * leave the root, and a symbolic link that points outside the root is refused ({@code Permission
 * denied}). Create one with {@link Resources#localDir(Path)}.
 *
 * <p>Writes and appends replace a file atomically: the new content is written to a hidden
 * temporary file beside it and renamed over it, so a failure midway (a full disk, a crash) leaves
 * the old content whole.
 *
 * <pre>{@code
 * LocalDirResource project = Resources.localDir(Path.of("build/project"));
 * try (Workspace ws = Workspace.builder().mount("/project", project, Mode.WRITE).build()) {
 *   ws.execute("echo done > /project/status.txt"); // now build/project/status.txt on the host
 * }
 * }</pre>
 */
public final class LocalDirResource implements Resource {
  private final Path root;
  private final AtomicReplace replace;

  LocalDirResource(Path root) {
    this(root, AtomicReplace.FILES);
  }

  /** With the temporary files opened by {@code opener}: tests make it fail like a full disk. */
  LocalDirResource(Path root, AtomicReplace.Opener opener) {
    this.replace = new AtomicReplace(opener);
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable directory: " + root, e);
    }
    if (!Files.isDirectory(this.root)) {
      throw new IllegalArgumentException("not a directory: " + root);
    }
  }

  /** The host directory this resource serves. */
  public Path root() {
    return root;
  }

  @Override
  public FileStat stat(String path) {
    Path p = confined(path);
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      String name = PathNames.name(path);
      return a.isDirectory()
          ? FileStat.directory(name, a.lastModifiedTime().toInstant())
          : FileStat.file(name, a.size(), a.lastModifiedTime().toInstant());
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public List<FileStat> list(String path) {
    Path dir = confined(path);
    List<FileStat> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (AtomicReplace.isTemporary(child.getFileName().toString())) {
          continue;
        }
        String childPath = PathNames.child(path, child.getFileName().toString());
        try {
          entries.add(stat(childPath));
        } catch (ResourceException e) {
          // a dangling or escaping link is not part of the tree
        }
      }
    } catch (IOException e) {
      throw translate(e, path);
    }
    entries.sort(Comparator.comparing(FileStat::name));
    return entries;
  }

  @Override
  public byte[] read(String path) {
    Path p = confined(path);
    if (Files.isDirectory(p)) {
      throw new ResourceException(Reason.IS_A_DIRECTORY, path);
    }
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public InputStream open(String path) {
    Path p = confined(path);
    if (Files.isDirectory(p)) {
      throw new ResourceException(Reason.IS_A_DIRECTORY, path);
    }
    try {
      return Files.newInputStream(p);
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public void write(String path, byte[] data) {
    writeFile(path, data, false);
  }

  @Override
  public void append(String path, byte[] data) {
    writeFile(path, data, true);
  }

  @Override
  public void mkdir(String path) {
    try {
      Files.createDirectory(confined(path));
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public void delete(String path) {
    if (path.equals("/")) {
      throw new ResourceException(Reason.PERMISSION_DENIED, path);
    }
    try {
      Files.delete(confinedLink(path));
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public void rename(String from, String to) {
    try {
      Files.move(confinedLink(from), confinedLink(to), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw translate(e, from);
    }
  }

  private void writeFile(String path, byte[] data, boolean keep) {
    Path p = confined(path);
    if (Files.isDirectory(p)) {
      throw new ResourceException(Reason.IS_A_DIRECTORY, path);
    }
    try {
      // a link (confined to the root) is written through, as open() would, not replaced by a file
      Path target = Files.isSymbolicLink(p) ? p.toRealPath() : p;
      replace.replace(target, data, keep);
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  /**
   * The host path for {@code path}, following links only while they stay under the root. The last
   * element may be missing (it is about to be created).
   */
  private Path confined(String path) {
    Path p = confinedLink(path);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return p;
    }
    try {
      if (!p.toRealPath().startsWith(root)) {
        throw new ResourceException(Reason.PERMISSION_DENIED, path);
      }
    } catch (IOException e) {
      throw translate(e, path);
    }
    return p;
  }

  /** The host path for {@code path} whose parent directory is confined; the last element is not followed. */
  private Path confinedLink(String path) {
    String normalized = PathNames.normalize(path);
    Path p = root.resolve(normalized.substring(1));
    Path parent = p.getParent() == null || normalized.equals("/") ? root : p.getParent();
    try {
      if (Files.exists(parent) && !parent.toRealPath().startsWith(root)) {
        throw new ResourceException(Reason.PERMISSION_DENIED, path);
      }
    } catch (IOException e) {
      throw translate(e, path);
    }
    return p;
  }

  private static ResourceException translate(IOException e, String path) {
    Reason reason;
    if (e instanceof NoSuchFileException) {
      reason = Reason.NOT_FOUND;
    } else if (e instanceof FileAlreadyExistsException) {
      reason = Reason.ALREADY_EXISTS;
    } else if (e instanceof DirectoryNotEmptyException) {
      reason = Reason.NOT_EMPTY;
    } else if (e instanceof NotDirectoryException) {
      reason = Reason.NOT_A_DIRECTORY;
    } else if (e instanceof AccessDeniedException) {
      reason = Reason.PERMISSION_DENIED;
    } else if (e.getMessage() != null && e.getMessage().contains("Not a directory")) {
      reason = Reason.NOT_A_DIRECTORY;
    } else if (e.getMessage() != null && e.getMessage().contains(Reason.NO_SPACE.posixMessage())) {
      reason = Reason.NO_SPACE;
    } else if (e.getMessage() != null && e.getMessage().contains(Reason.NAME_TOO_LONG.posixMessage())) {
      reason = Reason.NAME_TOO_LONG;
    } else {
      reason = Reason.IO_ERROR;
    }
    return new ResourceException(reason, path, e);
  }
}
