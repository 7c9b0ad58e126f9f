package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A {@link Resource} backed by a directory of the host's filesystem, confined to it without races.
 * Create one with {@link Resources#localDir(Path)}.
 *
 * <p>Every operation walks its path one name at a time from an open handle on the directory
 * ({@link java.nio.file.SecureDirectoryStream}), never letting the operating system follow a
 * symbolic link, and then reads, writes, renames or deletes relative to the handle it ended on. A
 * rename or a link swapped in while an operation runs cannot make it land outside the directory.
 * Symbolic links inside the directory are followed only where they lead to a place inside it
 * (virtualenvs' {@code lib64 -> lib}, {@code node_modules/.bin}); a link that leads outside, climbs
 * above the directory on its way, or is part of a chain of more than 40 links is refused ({@code
 * Permission denied}), left out of listings, and cannot be renamed. Deleting such a link removes the
 * link only. The one step taken by path is {@link #mkdir}'s, in the directory itself (see there).
 * Where the platform has no secure directory streams, making the resource fails with {@link
 * UnsupportedOperationException}: there is no race-free confinement to fall back to.
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
  private static final Set<java.nio.file.OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private final HostRoot root;
  private final AtomicReplace replace;

  LocalDirResource(Path root) {
    this(root, AtomicReplace.FILES);
  }

  /** With the temporary files opened by {@code opener}: tests make it fail like a full disk. */
  LocalDirResource(Path root, AtomicReplace.Opener opener) {
    this.replace = new AtomicReplace(opener);
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable directory: " + root, e);
    }
    if (!Files.isDirectory(real)) {
      throw new IllegalArgumentException("not a directory: " + root);
    }
    try {
      this.root = HostRoot.of(real);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable directory: " + root, e);
    }
  }

  /** The host directory this resource serves. */
  public Path root() {
    return root.path();
  }

  @Override
  public FileStat stat(String path) {
    try (HostWalk walk = HostWalk.to(root, path, true)) {
      return fileStat(PathNames.name(path), existing(walk, path));
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  @Override
  public List<FileStat> list(String path) {
    List<FileStat> entries = new ArrayList<>();
    try (HostWalk walk = HostWalk.to(root, path, true)) {
      if (!existing(walk, path).isDirectory()) {
        throw new ResourceException(Reason.NOT_A_DIRECTORY, path);
      }
      Path self = walk.isRoot() ? Path.of(".") : walk.name();
      try (SecureDirectoryStream<Path> dir = walk.dir().newDirectoryStream(self, LinkOption.NOFOLLOW_LINKS)) {
        for (Path child : dir) {
          String name = child.getFileName().toString();
          if (!AtomicReplace.isTemporary(name)) {
            entry(dir, path, name, entries);
          }
        }
      }
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
    entries.sort(Comparator.comparing(FileStat::name));
    return entries;
  }

  /** Adds the child {@code name} of {@code dir} (at {@code path}) unless it is gone, a link out, or a loop. */
  private void entry(SecureDirectoryStream<Path> dir, String path, String name, List<FileStat> entries) {
    try {
      BasicFileAttributes a = dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS).readAttributes();
      entries.add(a.isSymbolicLink() ? stat(PathNames.child(path, name)) : fileStat(name, a));
    } catch (IOException | ResourceException e) {
      // removed since it was listed, or a link that leads outside or nowhere: not part of the tree
    }
  }

  /** The host file's real permission bits (the low 9; POSIX file systems only, else the default). */
  @Override
  public int permissions(String path) {
    try (HostWalk walk = HostWalk.to(root, path, true)) {
      existing(walk, path);
      PosixFileAttributeView view = posixView(walk);
      if (view == null) {
        return Resource.super.permissions(path);
      }
      int bits = 0;
      for (PosixFilePermission p : view.readAttributes().permissions()) {
        bits |= 0400 >> p.ordinal();
      }
      return bits;
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  /** Sets the host file's permission bits (the low 9), as {@code chmod} on the host does. */
  @Override
  public void setPermissions(String path, int permissions) {
    try (HostWalk walk = HostWalk.to(root, path, true)) {
      existing(walk, path);
      PosixFileAttributeView view = posixView(walk);
      if (view == null) {
        throw new ResourceException(Reason.PERMISSION_DENIED, path);
      }
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (PosixFilePermission p : PosixFilePermission.values()) {
        if ((permissions & (0400 >> p.ordinal())) != 0) {
          set.add(p);
        }
      }
      view.setPermissions(set);
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  private static PosixFileAttributeView posixView(HostWalk walk) {
    return walk.isRoot()
        ? walk.dir().getFileAttributeView(PosixFileAttributeView.class)
        : walk.dir().getFileAttributeView(walk.name(), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public byte[] read(String path) {
    try (SeekableByteChannel channel = openFile(path)) {
      return readAll(channel);
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  @Override
  public InputStream open(String path) {
    return Channels.newInputStream(openFile(path));
  }

  @Override
  public void write(String path, byte[] data) {
    writeFile(path, data, false);
  }

  @Override
  public void append(String path, byte[] data) {
    writeFile(path, data, true);
  }

  /**
   * Creates the directory. The JDK makes directories only by path, so it is made under a hidden
   * temporary name in the mounted directory itself, whose own path nothing inside the mount can
   * change, and renamed into place through the handle of the walked parent directory. Hence a
   * directory below a different file system mounted inside the directory cannot be made ({@code
   * Invalid cross-device link}), and an empty directory already at the path is replaced (the walk
   * refuses one it saw first: {@code File exists}).
   */
  @Override
  public void mkdir(String path) {
    try (HostWalk walk = HostWalk.to(root, path, false)) {
      if (walk.isRoot() || walk.attributes() != null) {
        throw new ResourceException(Reason.ALREADY_EXISTS, path);
      }
      Path staged = AtomicReplace.temporaryName();
      Files.createDirectory(root.path().resolve(staged));
      try {
        walk.rootHandle().move(staged, walk.dir(), walk.name());
      } catch (IOException | RuntimeException e) {
        deleteDirectoryQuietly(walk.rootHandle(), staged);
        throw e;
      }
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  @Override
  public void delete(String path) {
    if (path.equals("/")) {
      throw new ResourceException(Reason.PERMISSION_DENIED, path);
    }
    try (HostWalk walk = HostWalk.to(root, path, false)) {
      BasicFileAttributes a = existing(walk, path);
      if (a.isDirectory()) {
        walk.dir().deleteDirectory(walk.name());
      } else {
        walk.dir().deleteFile(walk.name());
      }
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  /** Moves an entry; a symbolic link is moved only if it leads inside the directory both where it is and where it goes. */
  @Override
  public void rename(String from, String to) {
    if (from.equals("/") || to.equals("/")) {
      throw new ResourceException(Reason.PERMISSION_DENIED, from.equals("/") ? from : to);
    }
    try (HostWalk source = HostWalk.to(root, from, false); HostWalk target = HostWalk.to(root, to, false)) {
      if (existing(source, from).isSymbolicLink()) {
        String link = source.linkText();
        refuseIfOutside(from, PathNames.parent(PathNames.normalize(from)), link);
        refuseIfOutside(from, PathNames.parent(PathNames.normalize(to)), link);
      }
      source.dir().move(source.name(), target.dir(), target.name());
    } catch (IOException e) {
      throw HostErrors.translate(e, from);
    }
  }

  /**
   * Refuses ({@code PERMISSION_DENIED}) the link {@code from} whose text is {@code link} if, sitting
   * in the directory {@code dir}, it would lead outside, above the root or into a loop. A link that
   * leads nowhere yet (a missing directory on its way) is not refused: every later use walks it again.
   */
  private void refuseIfOutside(String from, String dir, String link) {
    try {
      HostWalk.linkTarget(root, from, dir, link).close();
    } catch (ResourceException e) {
      if (e.reason() == Reason.PERMISSION_DENIED) {
        throw e;
      }
    }
  }

  private SeekableByteChannel openFile(String path) {
    try (HostWalk walk = HostWalk.to(root, path, true)) {
      if (existing(walk, path).isDirectory()) {
        throw new ResourceException(Reason.IS_A_DIRECTORY, path);
      }
      return walk.dir().newByteChannel(walk.name(), READ);
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  private void writeFile(String path, byte[] data, boolean keep) {
    try (HostWalk walk = HostWalk.to(root, path, true)) {
      BasicFileAttributes a = walk.entryAttributes();
      if (a != null && a.isDirectory()) {
        throw new ResourceException(Reason.IS_A_DIRECTORY, path);
      }
      replace.replace(walk.dir(), walk.name(), a != null && a.isRegularFile(), data, keep);
    } catch (IOException e) {
      throw HostErrors.translate(e, path);
    }
  }

  /** The attributes of the entry {@code walk} ended at; {@code NOT_FOUND} if it is missing. */
  private static BasicFileAttributes existing(HostWalk walk, String path) throws IOException {
    BasicFileAttributes a = walk.entryAttributes();
    if (a == null) {
      throw new ResourceException(Reason.NOT_FOUND, path);
    }
    return a;
  }

  private static FileStat fileStat(String name, BasicFileAttributes a) {
    return a.isDirectory()
        ? FileStat.directory(name, a.lastModifiedTime().toInstant())
        : FileStat.file(name, a.size(), a.lastModifiedTime().toInstant());
  }

  private static byte[] readAll(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("File too large");
    }
    byte[] bytes = new byte[(int) size];
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // fill what the size promised
    }
    if (buffer.hasRemaining()) { // shrank while read
      return java.util.Arrays.copyOf(bytes, buffer.position());
    }
    byte[] more = Channels.newInputStream(channel).readAllBytes(); // grew while read
    if (more.length == 0) {
      return bytes;
    }
    byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
    System.arraycopy(more, 0, all, bytes.length, more.length);
    return all;
  }

  private static void deleteDirectoryQuietly(SecureDirectoryStream<Path> dir, Path name) {
    try {
      dir.deleteDirectory(name);
    } catch (IOException e) {
      // a leftover name is hidden from listings
    }
  }
}
