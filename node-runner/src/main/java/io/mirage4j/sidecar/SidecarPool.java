package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sidecars started ahead of need, so that a new workspace's first {@code python3} call does not
 * wait for an interpreter to load. The pool fills only once some workspace has started a sidecar
 * of its own (a JVM that never runs Python never starts Node), and refills in the background each
 * time one is taken. Idle sidecars are stopped with the JVM.
 *
 * <p>One pool per runtime, shared by every workspace of the JVM; its size is {@code
 * mirage4j.pool.size} (default 1, {@code 0} turns it off). Each waiting sidecar holds a whole
 * interpreter's memory.
 */
final class SidecarPool {
  static final String SIZE_PROPERTY = "mirage4j.pool.size";
  static final int DEFAULT_SIZE = 1;

  private static final Logger log = LoggerFactory.getLogger(SidecarPool.class);
  private static final Map<NodeRuntime, SidecarPool> shared = new ConcurrentHashMap<>();

  private final int size;
  private final Starter starter;
  private final ConcurrentLinkedDeque<SidecarProcess> ready = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean filling = new AtomicBoolean();

  /** Starts one ready, unbound sidecar. */
  @FunctionalInterface
  interface Starter {
    SidecarProcess start();
  }

  SidecarPool(int size, Starter starter) {
    if (size < 0) {
      throw new IllegalArgumentException(SIZE_PROPERTY + " must be 0 or more: " + size);
    }
    this.size = size;
    this.starter = starter;
  }

  /** The JVM's pool for this runtime, sized by {@code mirage4j.pool.size}. */
  static SidecarPool shared(NodeRuntime runtime, ObjectMapper mapper, Duration startupTimeout, SnapshotStore snapshots) {
    return shared.computeIfAbsent(runtime, key -> new SidecarPool(
        Integer.getInteger(SIZE_PROPERTY, DEFAULT_SIZE),
        () -> SidecarProcess.start(runtime, mapper, startupTimeout, snapshots)));
  }

  /** A ready sidecar, if one is waiting; the caller binds it and owns it from then on. */
  Optional<SidecarProcess> take() {
    for (SidecarProcess p = ready.pollFirst(); p != null; p = ready.pollFirst()) {
      if (p.isAlive()) {
        return Optional.of(p);
      }
      p.kill();
    }
    return Optional.empty();
  }

  /** Starts sidecars in the background until {@code size} are waiting. */
  void replenish() {
    if (size == 0 || ready.size() >= size || !filling.compareAndSet(false, true)) {
      return;
    }
    Thread filler = new Thread(this::fill, "mirage4j-sidecar-pool");
    filler.setDaemon(true);
    filler.start();
  }

  /** The process ids of the sidecars waiting. */
  List<Long> waiting() {
    return ready.stream().map(SidecarProcess::pid).collect(Collectors.toList());
  }

  private void fill() {
    try {
      while (ready.size() < size) {
        ready.addLast(starter.start());
      }
    } catch (RuntimeException e) {
      if (SidecarReaper.exiting()) {
        log.debug("the JVM exits: the pool's sidecar was stopped while it started");
      } else {
        log.warn("cannot start a sidecar for the pool: {}", e.getMessage());
      }
    } finally {
      filling.set(false);
    }
  }
}
