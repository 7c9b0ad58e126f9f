package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workspace's whole tree as one filesystem: each path goes to the mount that owns it, with the
 * mount's {@link Mode} enforced. Paths above the mounts ({@code /} when {@code /data} is mounted)
 * are read-only directories that list the mounts below them. Errors name the workspace path.
 *
 * <pre>{@code
 * WorkspaceFs fs = ws.fs();
 * fs.write("/data/a.txt", "x\n".getBytes(StandardCharsets.UTF_8));
 * fs.list("/").get(0).name(); // "data", the mount, listed under "/"
 * }</pre>
 */
public final class WorkspaceFs {
  private static final Instant EPOCH = Instant.EPOCH;

  private final MountTable mounts;

  public WorkspaceFs(MountTable mounts) {
    this.mounts = mounts;
  }

  public MountTable mounts() {
    return mounts;
  }

  /** The entry at the absolute {@code path}. */
  public FileStat stat(String path) {
    String p = checked(path);
    Optional<Mount> owner = mounts.owner(p);
    if (owner.isPresent()) {
      return call(p, owner.get(), m -> m.resource().stat(m.relative(p)));
    }
    if (isAboveAMount(p)) {
      return FileStat.directory(PathNames.name(p), EPOCH);
    }
    throw new ResourceException(Reason.NOT_FOUND, p);
  }

  /** Whether there is an entry at {@code path}. */
  public boolean exists(String path) {
    try {
      stat(path);
      return true;
    } catch (ResourceException e) {
      return false;
    }
  }

  /** The entries of the directory at {@code path}, mounts directly below it included, by name. */
  public List<FileStat> list(String path) {
    String p = checked(path);
    Map<String, FileStat> entries = new TreeMap<>();
    Optional<Mount> owner = mounts.owner(p);
    if (owner.isPresent()) {
      call(p, owner.get(), m -> m.resource().list(m.relative(p))).forEach(e -> entries.put(e.name(), e));
    } else if (!isAboveAMount(p)) {
      throw new ResourceException(Reason.NOT_FOUND, p);
    }
    for (Mount m : mounts.mounts()) {
      if (!m.prefix().equals(p) && PathNames.parent(m.prefix()).equals(p)) {
        entries.put(PathNames.name(m.prefix()), FileStat.directory(PathNames.name(m.prefix()), EPOCH));
      }
    }
    List<FileStat> sorted = new ArrayList<>(entries.values());
    sorted.sort(Comparator.comparing(FileStat::name));
    return sorted;
  }

  public byte[] read(String path) {
    String p = checked(path);
    return call(p, owner(p), m -> m.resource().read(m.relative(p)));
  }

  /** The file's content as a read-only buffer; see {@link Resource#readBuffer(String)}. */
  public ByteBuffer readBuffer(String path) {
    String p = checked(path);
    return call(p, owner(p), m -> m.resource().readBuffer(m.relative(p)));
  }

  /** The file's content as a stream; see {@link Resource#open(String)}. */
  public InputStream open(String path) {
    String p = checked(path);
    return call(p, owner(p), m -> m.resource().open(m.relative(p)));
  }

  public void write(String path, byte[] data) {
    String p = checked(path);
    call(p, writable(p), m -> {
      m.resource().write(m.relative(p), data);
      return null;
    });
  }

  public void append(String path, byte[] data) {
    String p = checked(path);
    call(p, writable(p), m -> {
      m.resource().append(m.relative(p), data);
      return null;
    });
  }

  public void mkdir(String path) {
    String p = checked(path);
    if (mounts.mounts().stream().anyMatch(m -> m.prefix().equals(p)) || isAboveAMount(p) && mounts.owner(p).isEmpty()) {
      throw new ResourceException(Reason.ALREADY_EXISTS, p);
    }
    call(p, writable(p), m -> {
      m.resource().mkdir(m.relative(p));
      return null;
    });
  }

  /** Removes a file or an empty directory; a mount point itself cannot be removed ({@code BUSY}). */
  public void delete(String path) {
    String p = checked(path);
    if (mounts.mounts().stream().anyMatch(m -> m.prefix().equals(p))) {
      throw new ResourceException(Reason.BUSY, p);
    }
    call(p, writable(p), m -> {
      m.resource().delete(m.relative(p));
      return null;
    });
  }

  /**
   * Moves an entry within one mount; across mounts it is {@code CROSS_DEVICE} (checked first, as
   * Linux does) and nothing changes.
   */
  public void rename(String from, String to) {
    String f = checked(from);
    String t = checked(to);
    if (!mounts.owner(f).equals(mounts.owner(t))) {
      throw new ResourceException(Reason.CROSS_DEVICE, t);
    }
    Mount source = writable(f);
    call(f, source, m -> {
      m.resource().rename(m.relative(f), m.relative(t));
      return null;
    });
  }

  /**
   * The permission bits of the entry at {@code path} as its resource reports them ({@link
   * Resource#permissions}); {@code 0755} for the directories above the mounts.
   */
  public int permissions(String path) {
    String p = checked(path);
    Optional<Mount> owner = mounts.owner(p);
    if (owner.isPresent()) {
      return call(p, owner.get(), m -> m.resource().permissions(m.relative(p)));
    }
    stat(p);
    return 0755;
  }

  /** Sets the permission bits of the entry at {@code path} ({@code chmod}); the mount must be writable. */
  public void setPermissions(String path, int permissions) {
    String p = checked(path);
    call(p, writable(p), m -> {
      m.resource().setPermissions(m.relative(p), permissions);
      return null;
    });
  }

  /** The mode of the mount that owns {@code path}; {@link Mode#READ} above the mounts. */
  public Mode mode(String path) {
    return mounts.owner(PathNames.normalize(path)).map(Mount::mode).orElse(Mode.READ);
  }

  /**
   * The normalised {@code path}, refused ({@code NAME_TOO_LONG}, {@code INVALID_NAME}) when no
   * mount could store it: every operation checks the names it is given, as Linux does.
   */
  private static String checked(String path) {
    String p = PathNames.normalize(path);
    NameLimits.check(p, p);
    return p;
  }

  private boolean isAboveAMount(String p) {
    return mounts.mounts().stream().anyMatch(m -> PathNames.isWithin(m.prefix(), p));
  }

  private Mount owner(String p) {
    return mounts.owner(p).orElseThrow(() -> new ResourceException(
        isAboveAMount(p) ? Reason.IS_A_DIRECTORY : Reason.NOT_FOUND, p));
  }

  private Mount writable(String p) {
    Optional<Mount> owner = mounts.owner(p);
    if (owner.isEmpty()) {
      throw new ResourceException(isAboveAMount(p) ? Reason.READ_ONLY : Reason.NOT_FOUND, p);
    }
    if (!owner.get().mode().allows(Mode.WRITE)) {
      throw new ResourceException(Reason.READ_ONLY, p);
    }
    return owner.get();
  }

  @FunctionalInterface
  private interface MountCall<T> {
    T apply(Mount m);
  }

  /** Runs a resource call, reporting its failures against the workspace path. */
  private static <T> T call(String path, Mount mount, MountCall<T> op) {
    try {
      return op.apply(mount);
    } catch (ResourceException e) {
      throw e.path().equals(path) ? e : new ResourceException(e.reason(), translate(e.path(), mount), e);
    }
  }

  private static String translate(String resourcePath, Mount mount) {
    if (!resourcePath.startsWith("/")) {
      return resourcePath;
    }
    return mount.prefix().equals("/") ? resourcePath : resourcePath.equals("/") ? mount.prefix() : mount.prefix() + resourcePath;
  }
}
