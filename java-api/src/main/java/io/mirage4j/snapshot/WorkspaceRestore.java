package io.mirage4j.snapshot;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.LocalDirResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.Resources;
import io.mirage4j.shell.ShellState;
import io.mirage4j.MirageException;
import io.mirage4j.workspace.PythonState;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Reads a workspace back from an archive {@link WorkspaceSnapshot} wrote ({@link
 * Workspace.Builder#restore} calls it). The whole archive is read and checked (format, version,
 * part kinds, every entry's SHA-256, that nothing is missing and that it is not cut short) before
 * anything is made; in-memory mounts are filled as their entries stream by, each file read once
 * into the array the restored resource keeps. Host directories are then compared with their
 * fingerprints under the {@link HostDirectoryPolicy}; they are only read, never written. Only
 * then is the workspace built and its sessions put back: any failure before leaves nothing.
 *
 * <pre>{@code
 * RestoreResult r = WorkspaceRestore.read(Workspace.builder(), in, RestoreOptions.defaults());
 * }</pre>
 */
public final class WorkspaceRestore {
  private WorkspaceRestore() {}

  /**
   * The workspace {@code in} holds, built with {@code builder}'s settings and mounts plus the
   * archive's mounts, environment, working directory and sessions. {@code builder} is changed.
   *
   * @throws ArchiveException when the archive is corrupt, truncated, of another version or holds
   *     a part this version does not know
   * @throws HostDirectoryChangedException when host files changed and the policy is STRICT
   * @throws IOException when {@code in} fails
   * @throws IllegalArgumentException when the archive's workspace had a permission profile and
   *     {@code builder} has none, or a mount of the builder has a prefix the archive uses
   */
  public static RestoreResult read(Workspace.Builder builder, InputStream in, RestoreOptions options) throws IOException {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(options, "options");
    Loaded loaded = load(new ArchiveReader(Objects.requireNonNull(in, "in")));
    Manifest manifest = loaded.manifest;

    List<HostChange> changes = new ArrayList<>();
    List<Omission> omitted = new ArrayList<>(manifest.omitted());
    Map<String, LocalDirResource> hostDirs = new HashMap<>();
    for (Manifest.MountRecord m : manifest.mounts()) {
      if (!m.kind().equals(Manifest.HOST_DIRECTORY)) {
        continue;
      }
      List<FileFingerprint> prints = loaded.fingerprints.getOrDefault(m.prefix(), List.of());
      Path root = Path.of(m.hostPath());
      if (!Files.isDirectory(root)) {
        if (options.hostDirectories() != HostDirectoryPolicy.OFF) {
          changes.addAll(HostFingerprints.allMissing(m.prefix(), prints));
        }
        omitted.add(new Omission("mount " + m.prefix(), "the host directory " + root + " is not there any more"));
        continue;
      }
      LocalDirResource dir = Resources.localDir(root);
      hostDirs.put(m.prefix(), dir);
      if (options.hostDirectories() != HostDirectoryPolicy.OFF) {
        try {
          changes.addAll(HostFingerprints.compare(m.prefix(), prints, dir.root()));
        } catch (IOException e) {
          throw new IOException("cannot read the host directory " + root + " of mount " + m.prefix() + ": " + e, e);
        }
      }
    }
    if (!changes.isEmpty() && options.hostDirectories() == HostDirectoryPolicy.STRICT) {
      throw new HostDirectoryChangedException(changes);
    }

    for (Manifest.MountRecord m : manifest.mounts()) {
      Mode mode = Mode.valueOf(m.mode());
      if (m.kind().equals(Manifest.MEMORY)) {
        mountChecked(builder, m.prefix(), loaded.memory.get(m.prefix()), mode);
      } else if (hostDirs.containsKey(m.prefix())) {
        mountChecked(builder, m.prefix(), hostDirs.get(m.prefix()), mode);
      }
    }
    manifest.env().forEach(builder::env);
    builder.cwd(manifest.cwd());
    Workspace ws = builder.build();
    if (manifest.profile() && ws.defaultSession().profile() == null) {
      ws.close();
      throw new IllegalArgumentException("the archive's workspace had a permission profile, which an archive does not"
          + " hold: give the builder one (Workspace.builder().profile(p).restore(...))");
    }
    try {
      for (SessionRecord r : loaded.sessions) {
        Session session = r.id().equals(ws.defaultSession().id())
            ? ws.defaultSession()
            : ws.newSession(r.id(), r.workspaceProfile() ? ws.defaultSession().profile() : null);
        session.load(r.image());
      }
      for (PythonPart p : loaded.python) {
        Session session = ws.session(p.session()).orElse(null);
        if (session == null) {
          omitted.add(new Omission("python session " + p.name(), "its session " + p.session() + " was not restored"));
          continue;
        }
        String what = "python session " + p.name() + " of session " + p.session();
        try {
          PythonState state = session.pythonSession(p.name()).loadState(new ByteArrayInputStream(p.state()));
          state.notKept().forEach((name, why) -> omitted.add(new Omission(what + ": " + name, why)));
        } catch (MirageException e) {
          omitted.add(new Omission(what, "its state could not be loaded: " + e.getMessage()));
        }
      }
    } catch (RuntimeException e) {
      ws.close();
      throw e;
    }
    return new RestoreResult(ws, changes, omitted);
  }

  private static void mountChecked(Workspace.Builder builder, String prefix, io.mirage4j.fs.Resource resource, Mode mode) {
    try {
      builder.mount(prefix, resource, mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the archive has a mount at " + prefix + ", and so does the builder: " + e.getMessage(), e);
    }
  }

  /** What the archive holds, checked. */
  private static final class Loaded {
    Manifest manifest;
    final Map<String, InMemoryResource> memory = new LinkedHashMap<>();
    final Map<String, List<FileFingerprint>> fingerprints = new HashMap<>();
    final List<SessionRecord> sessions = new ArrayList<>();
    final List<PythonPart> python = new ArrayList<>();
  }

  private static Loaded load(ArchiveReader reader) throws IOException {
    Loaded loaded = new Loaded();
    TarArchiveEntry first = reader.next();
    if (first == null || !first.getName().equals(Manifest.ENTRY) || !first.isFile()) {
      throw new ArchiveException("not a workspace archive: it does not start with " + Manifest.ENTRY);
    }
    Manifest manifest = ManifestCheck.checked(Json.read(reader.content(ArchiveReader.MAX_JSON), Manifest.class, Manifest.ENTRY));
    loaded.manifest = manifest;
    Map<String, Manifest.MountRecord> mounts = new HashMap<>();
    manifest.mounts().forEach(m -> mounts.put(m.prefix(), m));

    for (Manifest.Part part : manifest.parts()) {
      switch (part.kind()) {
        case Manifest.MEMORY_MOUNT -> loaded.memory.put(part.name(), readTree(reader, part));
        case Manifest.HOST_FINGERPRINTS -> loaded.fingerprints.put(part.name(),
            Json.read(single(reader, part), HostFingerprintsRecord.class, part.entry()).files());
        case Manifest.SHELL_SESSION -> loaded.sessions.add(session(Json.read(single(reader, part), SessionRecord.class, part.entry()), part));
        case Manifest.PYTHON_SESSION -> loaded.python.add(PythonPart.of(part, pickle(reader, part)));
        default -> throw new IllegalStateException("checked: " + part.kind());
      }
    }
    TarArchiveEntry sums = reader.next();
    if (sums == null) {
      throw new ArchiveException("workspace archive truncated: it ends before " + Manifest.CHECKSUMS);
    }
    if (!sums.getName().equals(Manifest.CHECKSUMS)) {
      throw new ArchiveException("workspace archive corrupt: unexpected entry " + sums.getName() + " where "
          + Manifest.CHECKSUMS + " belongs");
    }
    List<Checksums.Sum> read = reader.sums();
    Checksums expected = Json.read(reader.content(ArchiveReader.MAX_JSON), Checksums.class, Manifest.CHECKSUMS);
    reader.end();
    if (!expected.entries().equals(read)) {
      throw new ArchiveException("workspace archive corrupt: " + ChecksumMismatch.describe(expected.entries(), read));
    }
    return loaded;
  }

  private static SessionRecord session(SessionRecord r, Manifest.Part part) throws ArchiveException {
    if (r.image() == null || !part.name().equals(r.id())) {
      throw new ArchiveException("workspace archive corrupt: entry " + part.entry() + " is not session " + part.name());
    }
    try {
      ShellState.of(r.image());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ArchiveException("workspace archive corrupt: session " + r.id() + ": " + e.getMessage(), e);
    }
    return r;
  }

  private static byte[] single(ArchiveReader reader, Manifest.Part part) throws ArchiveException {
    TarArchiveEntry e = expectEntry(reader, part);
    if (!e.getName().equals(part.entry()) || !e.isFile()) {
      throw new ArchiveException("workspace archive corrupt: entry " + part.entry() + " is missing (found " + e.getName() + ")");
    }
    return reader.content(ArchiveReader.MAX_JSON);
  }

  private static byte[] pickle(ArchiveReader reader, Manifest.Part part) throws ArchiveException {
    TarArchiveEntry e = expectEntry(reader, part);
    if (!e.getName().equals(part.entry()) || !e.isFile()) {
      throw new ArchiveException("workspace archive corrupt: entry " + part.entry() + " is missing (found " + e.getName() + ")");
    }
    if (e.getSize() != part.bytes()) {
      throw new ArchiveException("workspace archive corrupt: entry " + part.entry() + " holds " + e.getSize()
          + " bytes, its manifest says " + part.bytes());
    }
    return reader.content(PythonPart.MAX_BYTES);
  }

  private static TarArchiveEntry expectEntry(ArchiveReader reader, Manifest.Part part) throws ArchiveException {
    TarArchiveEntry e = reader.next();
    if (e == null) {
      throw new ArchiveException("workspace archive truncated: it ends before the " + part.kind() + " " + part.name());
    }
    return e;
  }

  private static InMemoryResource readTree(ArchiveReader reader, Manifest.Part part) throws ArchiveException {
    InMemoryResource ram = Resources.inMemory();
    long bytesLeft = part.bytes();
    for (long i = 0; i < part.entries(); i++) {
      TarArchiveEntry e = expectEntry(reader, part);
      String name = e.getName();
      if (!name.startsWith(part.entry())) {
        throw new ArchiveException("workspace archive corrupt: " + part.kind() + " " + part.name() + " has "
            + part.entries() + " entries, found " + i + " then " + name);
      }
      String rest = name.substring(part.entry().length());
      String path = "/" + (rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
      if (!PathNames.normalize(path).equals(path) || path.contains("\0")) {
        throw new ArchiveException("workspace archive corrupt: entry " + name + " is not a plain path");
      }
      int bits = e.getMode() & 07777;
      try {
        if (e.isDirectory()) {
          reader.directory();
          ram.loadDirectory(path, reader.modified(), bits);
        } else if (e.isFile()) {
          bytesLeft -= e.getSize();
          if (bytesLeft < 0) {
            throw new ArchiveException("workspace archive corrupt: entry " + name + " holds more than the "
                + part.bytes() + " bytes its manifest gives " + part.kind() + " " + part.name());
          }
          ram.loadFile(path, reader.content(Integer.MAX_VALUE - 8), reader.modified(), bits);
        } else {
          throw new ArchiveException("workspace archive corrupt: entry " + name + " is neither a file nor a directory");
        }
      } catch (ResourceException ex) {
        throw new ArchiveException("workspace archive corrupt: entry " + name + " cannot be placed: " + ex.getMessage(), ex);
      }
    }
    return ram;
  }
}
