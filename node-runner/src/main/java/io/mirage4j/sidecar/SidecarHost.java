package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sidecar processes of one runtime in this JVM, and where each new interpreter goes: into the
 * fullest process that has room, or a new process when none has. With {@code capacity} 1 every
 * interpreter has a process of its own, which ends with it; with more, a process that comes to
 * host no interpreter keeps running only while it is the host's last one.
 *
 * <p>Shared by every workspace of the JVM that uses the same runtime and capacity.
 */
final class SidecarHost {
  private static final Map<Key, SidecarHost> shared = new ConcurrentHashMap<>();

  private final int capacity;
  private final Starter starter;
  private final Duration shutdownGrace;
  private final List<SidecarProcess> processes = new CopyOnWriteArrayList<>();

  /** Starts one ready process that hosts up to {@code capacity} interpreters. */
  @FunctionalInterface
  interface Starter {
    SidecarProcess start(int capacity);
  }

  private record Key(NodeRuntime runtime, int capacity, SnapshotStore snapshots) {}

  SidecarHost(int capacity, Starter starter, Duration shutdownGrace) {
    if (capacity < 1) {
      throw new IllegalArgumentException("interpreters per process must be 1 or more: " + capacity);
    }
    this.capacity = capacity;
    this.starter = starter;
    this.shutdownGrace = shutdownGrace;
  }

  /** The JVM's host for this runtime, capacity and store of snapshots. */
  static SidecarHost shared(NodeRuntime runtime, ObjectMapper mapper, NodeSidecar.SidecarSettings settings,
      SnapshotStore snapshots) {
    return shared.computeIfAbsent(new Key(runtime, settings.interpretersPerProcess(), snapshots), key -> new SidecarHost(
        key.capacity(), capacity -> SidecarProcess.start(runtime, mapper, settings.startupTimeout(), snapshots, capacity),
        settings.shutdownGrace()));
  }

  /** A new interpreter, ready to run programs; the caller binds it and owns it from then on. */
  SidecarInterpreter open(Duration startupTimeout) {
    while (true) {
      SidecarProcess process = place();
      try {
        SidecarInterpreter opened = process.open(startupTimeout);
        if (opened != null) {
          return opened;
        }
        // Another thread took the last place: the next try finds another process.
      } catch (SidecarStartException e) {
        if (process.isAlive()) {
          throw e;
        }
        // The process died while the interpreter started: the next try starts another.
      }
    }
  }

  /** The fullest live process with room, or a new one. */
  private synchronized SidecarProcess place() {
    processes.removeIf(p -> !p.isAlive());
    SidecarProcess best = null;
    for (SidecarProcess p : processes) {
      if (p.hasRoom() && (best == null || p.interpreterCount() > best.interpreterCount())) {
        best = p;
      }
    }
    if (best == null) {
      best = starter.start(capacity).onIdle(this::idle);
      processes.add(best);
    }
    return best;
  }

  /**
   * A process came to host no interpreter: it stops, on the caller's thread, unless it is the last
   * one that can take more.
   */
  private void idle(SidecarProcess process) {
    boolean keep;
    synchronized (this) {
      keep = process.hasRoom() && processes.stream().filter(p -> p != process && p.isAlive()).findAny().isEmpty();
      if (!keep) {
        processes.remove(process);
      }
    }
    if (!keep) {
      process.stop(shutdownGrace);
    }
  }

  /** The process ids of this host's processes. */
  List<Long> pids() {
    return processes.stream().filter(SidecarProcess::isAlive).map(SidecarProcess::pid).toList();
  }
}
