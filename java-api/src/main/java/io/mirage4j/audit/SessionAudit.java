package io.mirage4j.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's way into an {@link AuditSink}: stamps each event with the session's id, and keeps
 * a sink that throws from failing the command it records (the failure is logged).
 *
 * <pre>{@code
 * SessionAudit audit = new SessionAudit(new InMemoryAuditSink(), "s1");
 * audit.record(AuditEvent.Kind.LINE, "echo hi", List.of(), 0, start, 3, null);
 * }</pre>
 */
public final class SessionAudit {
  private static final Logger log = LoggerFactory.getLogger(SessionAudit.class);

  private final AuditSink sink;
  private final String session;

  public SessionAudit(AuditSink sink, String session) {
    this.sink = sink;
    this.session = session;
  }

  /** The id of the session this records for. */
  public String session() {
    return session;
  }

  /**
   * Records one event that started at {@code startNanos} ({@link System#nanoTime()}) and ends now.
   */
  public void record(AuditEvent.Kind kind, String action, List<String> paths, int status, long startNanos, long bytes,
      String detail) {
    long elapsed = System.nanoTime() - startNanos;
    Instant started = Instant.now().minusNanos(elapsed);
    try {
      sink.record(new AuditEvent(started, session, kind, action, paths, status, Duration.ofNanos(elapsed), bytes, detail));
    } catch (RuntimeException e) {
      log.warn("the audit sink failed to record a {} event of session {}: {}", kind, session, e.toString());
    }
  }
}
