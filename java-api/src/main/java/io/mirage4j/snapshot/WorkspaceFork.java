package io.mirage4j.snapshot;

import io.mirage4j.MirageException;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.Resource;
import io.mirage4j.workspace.PythonSession;
import io.mirage4j.workspace.PythonState;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an independent copy of a workspace in this JVM ({@link Workspace#fork} calls it): the same
 * settings and commands, in-memory mounts copied on write ({@link InMemoryResource#fork()}: no
 * file's bytes are copied up front), host directories and other resources shared by reference
 * (they are the same files: a write through either workspace is seen by both), and every session
 * copied with its id and profile. The copy has a Python runtime of its own, started when it first
 * needs one.
 *
 * <pre>{@code
 * Workspace copy = WorkspaceFork.of(ws); // the same as ws.fork()
 * }</pre>
 */
public final class WorkspaceFork {
  private static final Logger log = LoggerFactory.getLogger(WorkspaceFork.class);

  private WorkspaceFork() {}

  /** The copy; the caller closes it. */
  public static Workspace of(Workspace ws) {
    Objects.requireNonNull(ws, "ws");
    Workspace.Builder builder = ws.builderWithSameSettings();
    List<Mount> mounts = new ArrayList<>(ws.mounts());
    mounts.sort(Comparator.comparing(Mount::prefix));
    for (Mount m : mounts) {
      Resource resource = m.resource() instanceof InMemoryResource ram ? ram.fork() : m.resource();
      builder.mount(m.prefix(), resource, m.mode());
    }
    Workspace copy = builder.build();
    for (Session s : ws.sessions()) {
      Session target = s == ws.defaultSession() ? copy.defaultSession() : copy.newSession(s.id(), s.profile());
      target.copyStateFrom(s);
      copyPython(s, target);
    }
    return copy;
  }

  /**
   * Re-creates each Python session of {@code from} that holds state in {@code to}, from its saved
   * namespace (a fork's interpreters are its own): the names a save leaves out are not in the
   * fork, and are logged.
   */
  private static void copyPython(Session from, Session to) {
    for (PythonSession py : from.pythonSessions()) {
      if (!py.holdsState()) {
        continue;
      }
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      try {
        PythonState state = py.saveState(saved);
        to.pythonSession(py.name()).loadState(new ByteArrayInputStream(saved.toByteArray()));
        if (!state.notKept().isEmpty()) {
          log.warn("fork of python session {} of session {}: not kept: {}", py.name(), from.id(), state.notKept());
        }
      } catch (MirageException e) {
        log.warn("fork of python session {} of session {}: its state could not be copied: {}", py.name(), from.id(),
            e.getMessage());
      }
    }
  }
}
