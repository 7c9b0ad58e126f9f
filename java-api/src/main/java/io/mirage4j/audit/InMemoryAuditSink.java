package io.mirage4j.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every event in memory, in the order recorded, for tests and for hosts that show them.
 *
 * <pre>{@code
 * InMemoryAuditSink audit = new InMemoryAuditSink();
 * try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).audit(audit).build()) {
 *   ws.execute("echo hi > /data/a.txt");
 * }
 * audit.events(); // the LINE event, and a FILE event "write" of 3 bytes to /data/a.txt
 * }</pre>
 */
public final class InMemoryAuditSink implements AuditSink {
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized void record(AuditEvent event) {
    events.add(event);
  }

  /** A copy of the events so far, oldest first. */
  public synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  /** Forgets the events so far. */
  public synchronized void clear() {
    events.clear();
  }
}
