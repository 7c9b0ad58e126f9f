package io.mirage4j.snapshot;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.LocalDirResource;
import io.mirage4j.fs.Mount;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.shell.ShellImage;
import io.mirage4j.MirageException;
import io.mirage4j.workspace.PythonSession;
import io.mirage4j.workspace.PythonState;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link Workspace} as one archive ({@link Workspace#snapshot} calls it): a tar whose
 * first entry is the manifest and whose last lists the SHA-256 of every entry. What it keeps:
 *
 * <ul>
 *   <li>in-memory mounts with their content: every directory and file with its modification time
 *       and permission bits, streamed from the resource's own bytes (no copy is made first);
 *   <li>host directories by path, with a fingerprint of each file (size, modification time,
 *       SHA-256: the snapshot reads every byte of them once) and of each symbolic link (its
 *       target; links are never followed);
 *   <li>every shell session of the workspace: variables, exported names, arrays, functions, working
 *       directory, options, traps, last status, history.
 * </ul>
 *
 * What it leaves out, and says so in the result and the manifest: mounts of other {@link
 * io.mirage4j.fs.Resource}s (their content cannot be copied nor their definition written; mount
 * them again on the restoring builder), sessions with a permission profile of their own (a profile
 * is not written), and functions whose source text does not read back. A workspace's own profile
 * is not written either: the manifest notes it, and a restore then needs a builder with a profile.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("ws.tar"))) {
 *   SnapshotResult r = WorkspaceSnapshot.write(ws, out); // the same as ws.snapshot(out)
 * }
 * }</pre>
 */
public final class WorkspaceSnapshot {
  private WorkspaceSnapshot() {}

  /**
   * Writes {@code ws} to {@code out} (flushed, not closed).
   *
   * @throws IOException when {@code out} fails
   */
  public static SnapshotResult write(Workspace ws, OutputStream out) throws IOException {
    Objects.requireNonNull(ws, "ws");
    Objects.requireNonNull(out, "out");
    List<Omission> omitted = new ArrayList<>();
    List<Manifest.MountRecord> mounts = new ArrayList<>();
    List<Manifest.Part> parts = new ArrayList<>();
    List<PartWriter> writers = new ArrayList<>();

    List<Mount> table = new ArrayList<>(ws.mounts());
    table.sort(Comparator.comparing(Mount::prefix));
    int index = 0;
    for (Mount m : table) {
      String n = Integer.toString(index++);
      if (m.resource() instanceof InMemoryResource ram) {
        List<InMemoryResource.Entry> entries = ram.entries();
        long bytes = entries.stream().mapToLong(InMemoryResource.Entry::size).sum();
        String prefix = "memory/" + n + "/";
        mounts.add(new Manifest.MountRecord(m.prefix(), m.mode().name(), Manifest.MEMORY, null));
        parts.add(new Manifest.Part(Manifest.MEMORY_MOUNT, m.prefix(), prefix, entries.size(), bytes));
        writers.add(w -> writeTree(w, prefix, entries));
      } else if (m.resource() instanceof LocalDirResource dir) {
        List<FileFingerprint> prints;
        try {
          prints = HostFingerprints.of(dir.root());
        } catch (IOException e) {
          throw new IOException("cannot fingerprint the host directory " + dir.root() + " of mount " + m.prefix() + ": " + e, e);
        }
        String entry = "host/" + n + ".json";
        mounts.add(new Manifest.MountRecord(m.prefix(), m.mode().name(), Manifest.HOST_DIRECTORY, dir.root().toString()));
        parts.add(new Manifest.Part(Manifest.HOST_FINGERPRINTS, m.prefix(), entry, 1, 0));
        byte[] json = Json.write(new HostFingerprintsRecord(prints));
        writers.add(w -> w.entry(entry, json));
      } else {
        omitted.add(new Omission("mount " + m.prefix(), "a " + m.resource().getClass().getName()
            + ": only in-memory mounts and host directories can be kept; mount it again on the restoring builder"));
      }
    }

    List<String> sessionIds = new ArrayList<>();
    PermissionProfile workspaceProfile = ws.defaultSession().profile();
    int s = 0;
    for (Session session : ws.sessions()) {
      if (session.profile() != null && session.profile() != workspaceProfile) {
        omitted.add(new Omission("session " + session.id(), "it has a permission profile of its own, which an archive does not hold"));
        continue;
      }
      ShellImage image = SessionImages.keepable(session, omitted);
      String entry = "sessions/" + s++ + ".json";
      byte[] json = Json.write(new SessionRecord(session.id(), session.profile() != null, image));
      parts.add(new Manifest.Part(Manifest.SHELL_SESSION, session.id(), entry, 1, 0));
      sessionIds.add(session.id());
      writers.add(w -> w.entry(entry, json));
      keepPython(session, parts, writers, omitted);
    }

    Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, Instant.now().toString(), ws.env(), ws.cwd(),
        workspaceProfile != null, mounts, parts, omitted);
    ArchiveWriter writer = new ArchiveWriter(out);
    writer.entry(Manifest.ENTRY, Json.write(manifest));
    for (PartWriter w : writers) {
      w.write(writer);
    }
    writer.finish();
    long files = 0;
    long bytes = 0;
    for (Manifest.Part p : parts) {
      if (p.kind().equals(Manifest.MEMORY_MOUNT)) {
        files += p.entries();
        bytes += p.bytes();
      }
    }
    return new SnapshotResult(Manifest.VERSION, mounts.stream().map(Manifest.MountRecord::prefix).toList(), sessionIds,
        omitted, files, bytes);
  }

  /**
   * Each Python session of {@code session} that holds state, saved now (in memory: its size goes
   * in the manifest, which comes first); the names it could not keep are omissions.
   */
  private static void keepPython(Session session, List<Manifest.Part> parts, List<PartWriter> writers,
      List<Omission> omitted) {
    for (PythonSession py : session.pythonSessions()) {
      if (!py.holdsState()) {
        continue;
      }
      String what = "python session " + py.name() + " of session " + session.id();
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      PythonState state;
      try {
        state = py.saveState(saved);
      } catch (MirageException e) {
        omitted.add(new Omission(what, "its state could not be saved: " + e.getMessage()));
        continue;
      }
      state.notKept().forEach((name, why) -> omitted.add(new Omission(what + ": " + name, why)));
      byte[] bytes = saved.toByteArray();
      String entry = "python/" + parts.size() + ".pickle";
      parts.add(new Manifest.Part(Manifest.PYTHON_SESSION, PythonPart.name(session.id(), py.name()), entry, 1,
          bytes.length));
      writers.add(w -> w.entry(entry, bytes));
    }
  }

  private static void writeTree(ArchiveWriter w, String prefix, List<InMemoryResource.Entry> entries) throws IOException {
    for (InMemoryResource.Entry e : entries) {
      String name = prefix + e.path().substring(1);
      if (e.directory()) {
        w.directory(name, e.modified(), e.permissions());
      } else {
        w.file(name, e.content(), e.modified(), e.permissions());
      }
    }
  }

  /** Writes one part's entries. */
  private interface PartWriter {
    void write(ArchiveWriter w) throws IOException;
  }
}
