package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A path of a {@link LocalDirResource} walked one name at a time from a handle on its root: each
 * directory is opened relative to the one before with {@code NOFOLLOW_LINKS}, so no rename or link
 * swapped in by anyone can lead the walk anywhere but where it looked. It ends holding an open
 * handle on the directory that contains the last name, on which the operation then works.
 *
 * <p>Symbolic links are followed by reading their target and walking it the same way from the
 * directory the link is in (from the root, for an absolute target that names a place under the
 * root's real path). A link that leads above the root, even to come back, an absolute link to
 * anywhere else and a chain of more than {@value #MAX_LINKS} links (Linux's {@code ELOOP} limit)
 * are refused with {@code PERMISSION_DENIED}. The target text is the only thing read by host path,
 * and it is only ever walked from the handles: whatever it says, it cannot lead outside.
 *
 * <p>The walk owns its handles; close it when the operation is done.
 */
final class HostWalk implements AutoCloseable {
  /** The most links one walk follows, as Linux's path resolution allows. */
  static final int MAX_LINKS = 40;

  private final HostRoot root;
  private final String path;
  private final Deque<SecureDirectoryStream<Path>> handles = new ArrayDeque<>();
  private final Deque<String> names = new ArrayDeque<>();
  private Path name;
  private BasicFileAttributes attributes;
  private int links;

  private HostWalk(HostRoot root, String path) {
    this.root = root;
    this.path = path;
  }

  /**
   * Walks the resource path {@code path}, normalised first: its own {@code ..} never climbs above
   * the root, as {@link PathNames#normalize} says. The last name is followed when it
   * is a link only if {@code followLast}; it may be missing (about to be created).
   */
  static HostWalk to(HostRoot root, String path, boolean followLast) {
    return along(root, path, parts(PathNames.normalize(path)), followLast);
  }

  /**
   * Walks {@code target}, the text of a link that would sit in the directory {@code dir} (a resource
   * path), as the link would be followed there; {@code path} names it in errors.
   */
  static HostWalk linkTarget(HostRoot root, String path, String dir, String target) {
    List<String> parts = new ArrayList<>();
    if (target.startsWith("/")) {
      parts.addAll(below(root, path, target));
    } else {
      parts.addAll(parts(dir));
      parts.addAll(parts(target));
    }
    return along(root, path, parts, true);
  }

  private static HostWalk along(HostRoot root, String path, List<String> parts, boolean follow) {
    HostWalk walk = new HostWalk(root, path);
    try {
      walk.handles.push(root.open(path));
      walk.walk(new ArrayDeque<>(parts), follow);
      return walk;
    } catch (IOException e) {
      walk.close();
      throw HostErrors.translate(e, path);
    } catch (RuntimeException e) {
      walk.close();
      throw e;
    }
  }

  /** The directory holding {@link #name()}, or the root itself when the walk ended there. */
  SecureDirectoryStream<Path> dir() {
    return handles.peek();
  }

  /** The handle on the root this walk started from. */
  SecureDirectoryStream<Path> rootHandle() {
    return handles.peekLast();
  }

  /** Whether the walk ended at the root itself ({@link #name()} is then null). */
  boolean isRoot() {
    return name == null;
  }

  /** The last name, in {@link #dir()}. */
  Path name() {
    return name;
  }

  /** The last entry's own attributes (a link's, when it was not followed); null if it is missing. */
  BasicFileAttributes attributes() {
    return attributes;
  }

  /** The attributes of the entry the walk ended at, the root's when it ended there; null if missing. */
  BasicFileAttributes entryAttributes() throws IOException {
    return isRoot() ? dir().getFileAttributeView(BasicFileAttributeView.class).readAttributes() : attributes;
  }

  /** The target of the link the walk ended at (not followed), read by its host path. */
  String linkText() throws IOException {
    return Files.readSymbolicLink(hostPath(name.toString())).toString();
  }

  @Override
  public void close() {
    while (!handles.isEmpty()) {
      try {
        handles.pop().close();
      } catch (IOException e) {
        // a directory handle that fails to close has nothing left to lose
      }
    }
  }

  private void walk(Deque<String> pending, boolean followLast) throws IOException {
    while (!pending.isEmpty()) {
      String part = pending.pop();
      if (part.equals("..")) {
        if (names.isEmpty()) {
          throw refused("a symbolic link leads above the mounted directory");
        }
        names.pop();
        handles.pop().close();
        continue;
      }
      boolean last = pending.isEmpty();
      Path entry = Path.of(part);
      BasicFileAttributes found = lstat(entry);
      if (found == null) {
        if (!last) {
          throw new ResourceException(Reason.NOT_FOUND, path);
        }
        name = entry;
        return;
      }
      if (found.isSymbolicLink() && (!last || followLast)) {
        countLink();
        follow(part, pending);
        continue;
      }
      if (last) {
        name = entry;
        attributes = found;
        return;
      }
      if (!found.isDirectory()) {
        throw new ResourceException(Reason.NOT_A_DIRECTORY, path);
      }
      enter(part, pending);
    }
    if (!names.isEmpty()) { // ended in a directory entered last (a link's target ending in "..")
      name = Path.of(names.pop());
      handles.pop().close();
      attributes = lstat(name);
    }
  }

  private void enter(String part, Deque<String> pending) throws IOException {
    try {
      handles.push(dir().newDirectoryStream(Path.of(part), LinkOption.NOFOLLOW_LINKS));
      names.push(part);
    } catch (IOException e) {
      if (!HostErrors.isLink(e)) {
        throw e;
      }
      countLink(); // replaced by a link since it was looked at: look again
      pending.push(part);
    }
  }

  private void follow(String part, Deque<String> pending) throws IOException {
    String target;
    try {
      target = Files.readSymbolicLink(hostPath(part)).toString();
    } catch (NotLinkException e) {
      pending.push(part); // no longer a link: look again
      return;
    }
    List<String> parts;
    if (target.startsWith("/")) {
      parts = below(root, path, target);
      while (!names.isEmpty()) {
        names.pop();
        handles.pop().close();
      }
    } else {
      parts = parts(target);
    }
    for (int i = parts.size() - 1; i >= 0; i--) {
      pending.push(parts.get(i));
    }
  }

  /**
   * The names of the absolute link target {@code target} below the root's real path; refused when
   * it does not name a place there.
   */
  private static List<String> below(HostRoot root, String path, String target) {
    List<String> names = parts(target);
    List<String> rootNames = root.components();
    if (names.size() < rootNames.size() || !names.subList(0, rootNames.size()).equals(rootNames)) {
      throw refused(path, "a symbolic link leads out of the mounted directory");
    }
    return names.subList(rootNames.size(), names.size());
  }

  /** Where {@code part} is now by host path: only a link's target is ever read this way. */
  private Path hostPath(String part) {
    Path p = root.path();
    for (var it = names.descendingIterator(); it.hasNext(); ) {
      p = p.resolve(it.next());
    }
    return p.resolve(part);
  }

  private BasicFileAttributes lstat(Path entry) throws IOException {
    try {
      return dir().getFileAttributeView(entry, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void countLink() {
    if (++links > MAX_LINKS) {
      throw refused("more than " + MAX_LINKS + " symbolic links");
    }
  }

  private ResourceException refused(String why) {
    return refused(path, why);
  }

  private static ResourceException refused(String path, String why) {
    return new ResourceException(Reason.PERMISSION_DENIED, path, new IOException(why));
  }

  /** The names of a path or link target, without empty ones and {@code "."}: {@code "/a//./b"} is {@code [a, b]}. */
  private static List<String> parts(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }
}
