package io.mirage4j.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each event at INFO as one line of JSON (the format of {@link JsonLinesAuditSink}), to the
 * logger {@code io.mirage4j.audit} unless named otherwise; refusals are logged at WARN.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder().audit(new Slf4jAuditSink()).build();
 * }</pre>
 */
public final class Slf4jAuditSink implements AuditSink {
  private final Logger log;

  /** Logs to {@code io.mirage4j.audit}. */
  public Slf4jAuditSink() {
    this("io.mirage4j.audit");
  }

  /** Logs to the logger of that name. */
  public Slf4jAuditSink(String loggerName) {
    this(LoggerFactory.getLogger(loggerName));
  }

  /** Logs to {@code logger}. */
  public Slf4jAuditSink(Logger logger) {
    this.log = java.util.Objects.requireNonNull(logger, "logger");
  }

  @Override
  public void record(AuditEvent event) {
    if (event.kind() == AuditEvent.Kind.REFUSAL) {
      if (log.isWarnEnabled()) {
        log.warn(AuditJson.line(event));
      }
    } else if (log.isInfoEnabled()) {
      log.info(AuditJson.line(event));
    }
  }
}
