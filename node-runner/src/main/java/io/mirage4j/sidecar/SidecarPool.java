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
 * Interpreters started ahead of need, so that a new workspace's first {@code python3} call does not
 * wait for one to load. The pool fills only once some workspace has started an interpreter of its
 * own (a JVM that never runs Python never starts Node), and refills in the background each time
 * one is taken. Waiting interpreters are stopped with the JVM.
 *
 * <p>One pool per runtime, shared by every workspace of the JVM; its size is {@code
 * mirage4j.pool.size} (default 1, {@code 0} turns it off). Each waiting sidecar holds a whole
 * interpreter's memory, in a process of the {@link SidecarHost}.
 */
final class SidecarPool {
  static final String SIZE_PROPERTY = "mirage4j.pool.size";
  static final int DEFAULT_SIZE = 1;

  private static final Logger log = LoggerFactory.getLogger(SidecarPool.class);
  private static final Map<SidecarHost, SidecarPool> shared = new ConcurrentHashMap<>();

  private final int size;
  private final Starter starter;
  private final ConcurrentLinkedDeque<SidecarInterpreter> ready = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean filling = new AtomicBoolean();

  /** Starts one ready, unbound interpreter. */
  @FunctionalInterface
  interface Starter {
    SidecarInterpreter start();
  }

  SidecarPool(int size, Starter starter) {
    if (size < 0) {
      throw new IllegalArgumentException(SIZE_PROPERTY + " must be 0 or more: " + size);
    }
    this.size = size;
    this.starter = starter;
  }

  /** The JVM's pool for this runtime, sized by {@code mirage4j.pool.size}. */
  static SidecarPool shared(NodeRuntime runtime, ObjectMapper mapper, NodeSidecar.SidecarSettings settings,
      SnapshotStore snapshots) {
    SidecarHost host = SidecarHost.shared(runtime, mapper, settings, snapshots);
    return shared.computeIfAbsent(host, key -> new SidecarPool(
        Integer.getInteger(SIZE_PROPERTY, DEFAULT_SIZE), () -> host.open(settings.startupTimeout())));
  }

  /** A ready interpreter, if one is waiting; the caller binds it and owns it from then on. */
  Optional<SidecarInterpreter> take() {
    for (SidecarInterpreter p = ready.pollFirst(); p != null; p = ready.pollFirst()) {
      if (p.isAlive()) {
        return Optional.of(p);
      }
      p.kill();
    }
    return Optional.empty();
  }

  /** A ready interpreter: one that waits, or else one started now. */
  SidecarInterpreter takeOrStart() {
    return take().orElseGet(starter::start);
  }

  /** Starts interpreters in the background until {@code size} are waiting. */
  void replenish() {
    if (size == 0 || ready.size() >= size || !filling.compareAndSet(false, true)) {
      return;
    }
    Thread filler = new Thread(this::fill, "mirage4j-sidecar-pool");
    filler.setDaemon(true);
    filler.start();
  }

  /** The interpreters waiting. */
  List<SidecarInterpreter> waiting() {
    return List.copyOf(ready);
  }

  private void fill() {
    try {
      while (ready.size() < size) {
        ready.addLast(starter.start());
      }
    } catch (RuntimeException e) {
      if (SidecarReaper.exiting()) {
        log.debug("the JVM exits: the pool's interpreter was stopped while it started");
      } else {
        log.warn("cannot start an interpreter for the pool: {}", e.getMessage());
      }
    } finally {
      filling.set(false);
    }
  }
}
