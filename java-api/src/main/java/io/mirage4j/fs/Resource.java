package io.mirage4j.fs;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A tree of files that a {@link io.mirage4j.workspace.Workspace} mounts under a prefix.
 *
 * <p>Paths given to a resource are absolute within it and already normalised: {@code "/"} is the
 * resource's root, {@code "/a/b.txt"} a file below it; they never contain {@code "."}, {@code ".."}
 * or empty elements. The workspace checks the mount's {@link Mode} before calling a method that
 * changes anything, so a resource need not.
 *
 * <p>Failures are reported as {@link ResourceException} with a {@link ResourceException.Reason}.
 * Implementations must be safe to call from several threads.
 *
 * <pre>{@code
 * Resource notes = Resources.inMemory();
 * notes.write("/todo.txt", "buy milk\n".getBytes(StandardCharsets.UTF_8));
 * try (Workspace ws = Workspace.builder().mount("/notes", notes).build()) {
 *   ws.execute("python3 -c 'print(open(\"/notes/todo.txt\").read())'");
 * }
 * }</pre>
 */
public interface Resource {

  /** The entry at {@code path}; {@code NOT_FOUND} if there is none. */
  FileStat stat(String path);

  /** The entries of the directory at {@code path}, sorted by name. */
  List<FileStat> list(String path);

  /** The whole content of the file at {@code path}. */
  byte[] read(String path);

  /**
   * The content of the file at {@code path} as a stream, for commands that need not hold a whole
   * file ({@code cat}, {@code head}). The default reads the whole file; resources that can stream
   * should.
   */
  default InputStream open(String path) {
    return new ByteArrayInputStream(read(path));
  }

  /**
   * The whole content of the file at {@code path} as a read-only buffer, for callers that pass the
   * bytes on without changing them (the {@code python3} runtime sends them to its interpreter). The
   * default wraps {@link #read}; a resource that keeps files in memory can return a view of its own
   * bytes instead of a copy, if those bytes never change afterwards.
   */
  default ByteBuffer readBuffer(String path) {
    return ByteBuffer.wrap(read(path)).asReadOnlyBuffer();
  }

  /** Creates or replaces the file at {@code path}; its parent directory must exist. */
  void write(String path, byte[] data);

  /** Appends to the file at {@code path}, creating it when missing. */
  void append(String path, byte[] data);

  /** Creates the directory at {@code path}; its parent must exist and the path must be free. */
  void mkdir(String path);

  /** Removes the file or empty directory at {@code path}. */
  void delete(String path);

  /** Moves the entry at {@code from} to {@code to}, replacing a file there. */
  void rename(String from, String to);

  /**
   * The permission bits of the entry at {@code path} ({@code 0644}, {@code 0755}: the low 12 bits
   * of {@code st_mode}), which {@code test -x}, {@code ls -l} and Python's {@code os.stat} show. A
   * resource whose storage has modes reports them (a host directory: the file's real mode); the
   * default, for storage without modes, is {@code 0755} for directories and {@code 0644} for files.
   *
   * <pre>{@code
   * int bits = resource.permissions("/run.sh");          // 0644
   * boolean executable = (bits & 0111) != 0;              // what test -x asks
   * }</pre>
   *
   * @throws ResourceException {@code NOT_FOUND} if there is no entry
   */
  default int permissions(String path) {
    return stat(path).isDirectory() ? 0755 : 0644;
  }

  /**
   * Sets the permission bits of the entry at {@code path} ({@code chmod}); {@code permissions} holds
   * only the low 12 bits. The default, for storage without modes, refuses with {@code
   * PERMISSION_DENIED}, so that {@code chmod} fails rather than pretending.
   *
   * <pre>{@code
   * resource.setPermissions("/run.sh", 0755);
   * resource.permissions("/run.sh"); // 0755
   * }</pre>
   *
   * @throws ResourceException {@code NOT_FOUND} if there is no entry, {@code PERMISSION_DENIED} when
   *     the storage keeps no modes
   */
  default void setPermissions(String path, int permissions) {
    stat(path);
    throw new ResourceException(ResourceException.Reason.PERMISSION_DENIED, path);
  }
}
