package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A {@link Resource} held in memory: a scratch tree that nothing writes to the host's disk.
 * Thread-safe; every operation is atomic. Create one with {@link Resources#inMemory()}; fill
 * it from Java before mounting it, or from the shell after.
 *
 * <pre>{@code
 * InMemoryResource ram = Resources.inMemory();
 * ram.mkdir("/in");
 * ram.write("/in/a.txt", "x\n".getBytes(StandardCharsets.UTF_8));
 * ram.list("/in"); // [FileStat[name=a.txt, kind=FILE, size=2, ...]]
 * }</pre>
 */
public final class InMemoryResource implements Resource {

  /**
   * A directory ({@code data} null) or a file: its first {@code length} bytes of {@code data}, which
   * may have room to spare so that appends in small pieces cost time in proportion to their size.
   */
  private record Node(byte[] data, int length, Instant modified, boolean shared) {
    Node(byte[] data, Instant modified) {
      this(data, data == null ? 0 : data.length, modified, false);
    }

    /** This node as one that two trees share: an append then copies the array instead of writing past its length. */
    Node sharing() {
      return isDirectory() || shared ? this : new Node(data, length, modified, true);
    }

    boolean isDirectory() {
      return data == null;
    }

    byte[] content() {
      return Arrays.copyOf(data, length);
    }

    /**
     * This file with {@code more} after its content; the array is reused when it has room. A file
     * in memory holds at most 2 GiB: past that, {@code No space left on device}.
     */
    Node plus(byte[] more, Instant now, String path) {
      byte[] room = data;
      long needed = (long) length + more.length;
      if (needed > Integer.MAX_VALUE - 8) {
        throw new ResourceException(Reason.NO_SPACE, path);
      }
      if (shared || needed > room.length) {
        room = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * length)));
      }
      System.arraycopy(more, 0, room, length, more.length);
      return new Node(room, (int) needed, now, false);
    }

    FileStat stat(String name) {
      return isDirectory()
          ? FileStat.directory(name, modified)
          : FileStat.file(name, length, modified);
    }
  }

  /**
   * One entry of the tree as {@link #entries()} lists it.
   *
   * <pre>{@code
   * for (InMemoryResource.Entry e : ram.entries()) {
   *   System.out.println(e.path() + " " + e.size() + " " + Integer.toOctalString(e.permissions()));
   * }
   * }</pre>
   *
   * @param path the path in the resource ({@code /} first)
   * @param directory whether it is a directory
   * @param modified its modification time
   * @param permissions its permission bits
   * @param content a read-only view of a file's bytes as they were when listed (empty for a
   *     directory); not a copy
   */
  public record Entry(String path, boolean directory, Instant modified, int permissions, ByteBuffer content) {
    /** The file's size in bytes, 0 for a directory. */
    public long size() {
      return content.remaining();
    }
  }

  private final NavigableMap<String, Node> nodes;
  /** Permission bits set by {@link #setPermissions}; the others have the default ones. */
  private final Map<String, Integer> permissions;
  private final Clock clock;

  InMemoryResource(Clock clock) {
    this.clock = clock;
    this.nodes = new TreeMap<>();
    this.permissions = new HashMap<>();
    nodes.put("/", new Node(null, clock.instant()));
  }

  private InMemoryResource(Clock clock, NavigableMap<String, Node> nodes, Map<String, Integer> permissions) {
    this.clock = clock;
    this.nodes = nodes;
    this.permissions = permissions;
  }

  /**
   * An independent copy of this tree, made without copying any file's bytes: both trees share
   * them until one side changes a file (copy on write), and a change on either side is never seen
   * by the other. It costs time in proportion to the number of entries, not their size.
   *
   * <pre>{@code
   * InMemoryResource copy = ram.fork();
   * copy.write("/a.txt", "new".getBytes(StandardCharsets.UTF_8));
   * ram.read("/a.txt"); // the old bytes
   * }</pre>
   */
  public synchronized InMemoryResource fork() {
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      e.setValue(e.getValue().sharing());
    }
    return new InMemoryResource(clock, new TreeMap<>(nodes), new HashMap<>(permissions));
  }

  /**
   * Every entry of the tree, in order of path (a directory before what it holds), taken at one instant: the files'
   * bytes are views, not copies, and stay as they were whatever is written afterwards.
   *
   * <pre>{@code
   * ram.entries().get(0).path(); // "/"
   * }</pre>
   */
  public synchronized List<Entry> entries() {
    List<Entry> entries = new ArrayList<>(nodes.size());
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      Node node = e.getValue();
      ByteBuffer content = node.isDirectory()
          ? ByteBuffer.allocate(0).asReadOnlyBuffer()
          : ByteBuffer.wrap(node.data(), 0, node.length()).slice().asReadOnlyBuffer();
      entries.add(new Entry(e.getKey(), node.isDirectory(), node.modified(),
          permissions.getOrDefault(e.getKey(), node.isDirectory() ? 0755 : 0644), content));
    }
    return entries;
  }

  /**
   * Creates or replaces the file at {@code path} with {@code data}, which the resource takes as it
   * is, without a copy (the caller must not change the array afterwards), and the given
   * modification time and permission bits: for loading a tree saved elsewhere.
   */
  public synchronized void loadFile(String path, byte[] data, Instant modified, int bits) {
    putFile(path, java.util.Objects.requireNonNull(data, "data"));
    nodes.put(path, new Node(data, java.util.Objects.requireNonNull(modified, "modified")));
    permissions.put(path, bits & 07777);
  }

  /**
   * Creates the directory at {@code path} when missing (its parent must exist) and gives it the
   * modification time and permission bits: for loading a tree saved elsewhere.
   */
  public synchronized void loadDirectory(String path, Instant modified, int bits) {
    Node node = nodes.get(path);
    if (node == null) {
      directory(PathNames.parent(path));
    } else if (!node.isDirectory()) {
      throw new ResourceException(Reason.NOT_A_DIRECTORY, path);
    }
    nodes.put(path, new Node(null, java.util.Objects.requireNonNull(modified, "modified")));
    permissions.put(path, bits & 07777);
  }

  @Override
  public synchronized int permissions(String path) {
    Node node = existing(path);
    return permissions.getOrDefault(path, node.isDirectory() ? 0755 : 0644);
  }

  @Override
  public synchronized void setPermissions(String path, int bits) {
    existing(path);
    permissions.put(path, bits & 07777);
  }

  @Override
  public synchronized FileStat stat(String path) {
    return existing(path).stat(PathNames.name(path));
  }

  @Override
  public synchronized List<FileStat> list(String path) {
    directory(path);
    String prefix = path.equals("/") ? "/" : path + "/";
    List<FileStat> entries = new ArrayList<>();
    for (Map.Entry<String, Node> e : nodes.tailMap(prefix, false).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      String rest = key.substring(prefix.length());
      if (rest.indexOf('/') < 0) {
        entries.add(e.getValue().stat(rest));
      }
    }
    return entries;
  }

  @Override
  public synchronized byte[] read(String path) {
    Node node = existing(path);
    if (node.isDirectory()) {
      throw new ResourceException(Reason.IS_A_DIRECTORY, path);
    }
    return node.content();
  }

  /**
   * A view of the file's bytes, not a copy: bytes below a file's length never change (an append
   * writes past them, a write replaces the array), so the view stays what the file was.
   */
  @Override
  public synchronized ByteBuffer readBuffer(String path) {
    Node node = existing(path);
    if (node.isDirectory()) {
      throw new ResourceException(Reason.IS_A_DIRECTORY, path);
    }
    return ByteBuffer.wrap(node.data(), 0, node.length()).slice().asReadOnlyBuffer();
  }

  @Override
  public synchronized void write(String path, byte[] data) {
    putFile(path, data.clone());
  }

  @Override
  public synchronized void append(String path, byte[] data) {
    Node node = nodes.get(path);
    if (node == null) {
      putFile(path, data.clone());
      return;
    }
    if (node.isDirectory()) {
      throw new ResourceException(Reason.IS_A_DIRECTORY, path);
    }
    nodes.put(path, node.plus(data, clock.instant(), path));
  }

  @Override
  public synchronized void mkdir(String path) {
    if (nodes.containsKey(path)) {
      throw new ResourceException(Reason.ALREADY_EXISTS, path);
    }
    directory(PathNames.parent(path));
    nodes.put(path, new Node(null, clock.instant()));
  }

  @Override
  public synchronized void delete(String path) {
    Node node = existing(path);
    if (path.equals("/")) {
      throw new ResourceException(Reason.PERMISSION_DENIED, path);
    }
    if (node.isDirectory() && hasChildren(path)) {
      throw new ResourceException(Reason.NOT_EMPTY, path);
    }
    nodes.remove(path);
    permissions.remove(path);
  }

  @Override
  public synchronized void rename(String from, String to) {
    Node node = existing(from);
    if (from.equals(to)) {
      return;
    }
    if (PathNames.isWithin(to, from)) {
      throw new ResourceException(Reason.PERMISSION_DENIED, to);
    }
    directory(PathNames.parent(to));
    Node target = nodes.get(to);
    if (target != null) {
      if (target.isDirectory() != node.isDirectory()) {
        throw new ResourceException(
            target.isDirectory() ? Reason.IS_A_DIRECTORY : Reason.NOT_A_DIRECTORY, to);
      }
      if (target.isDirectory() && hasChildren(to)) {
        throw new ResourceException(Reason.NOT_EMPTY, to);
      }
    }
    NavigableMap<String, Node> moved = new TreeMap<>();
    moved.put(to, node);
    String prefix = from + "/";
    for (Map.Entry<String, Node> e : nodes.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      moved.put(to + e.getKey().substring(from.length()), e.getValue());
    }
    Map<String, Integer> movedBits = new HashMap<>();
    permissions.forEach((key, bits) -> {
      if (PathNames.isWithin(key, from)) {
        movedBits.put(to + key.substring(from.length()), bits);
      }
    });
    nodes.keySet().removeIf(key -> PathNames.isWithin(key, from));
    permissions.keySet().removeIf(key -> PathNames.isWithin(key, from) || PathNames.isWithin(key, to));
    nodes.putAll(moved);
    permissions.putAll(movedBits);
  }

  private void putFile(String path, byte[] data) {
    Node existing = nodes.get(path);
    if (existing != null && existing.isDirectory()) {
      throw new ResourceException(Reason.IS_A_DIRECTORY, path);
    }
    directory(PathNames.parent(path));
    nodes.put(path, new Node(data, clock.instant()));
  }

  private Node existing(String path) {
    Node node = nodes.get(path);
    if (node == null) {
      throw new ResourceException(missingReason(path), path);
    }
    return node;
  }

  private void directory(String path) {
    Node node = existing(path);
    if (!node.isDirectory()) {
      throw new ResourceException(Reason.NOT_A_DIRECTORY, path);
    }
  }

  /** NOT_A_DIRECTORY when some ancestor is a file, as POSIX reports it; NOT_FOUND otherwise. */
  private Reason missingReason(String path) {
    for (String p = PathNames.parent(path); !p.equals("/"); p = PathNames.parent(p)) {
      Node ancestor = nodes.get(p);
      if (ancestor != null) {
        return ancestor.isDirectory() ? Reason.NOT_FOUND : Reason.NOT_A_DIRECTORY;
      }
    }
    return Reason.NOT_FOUND;
  }

  private boolean hasChildren(String path) {
    String prefix = path.equals("/") ? "/" : path + "/";
    String next = nodes.higherKey(prefix);
    return next != null && next.startsWith(prefix);
  }
}
