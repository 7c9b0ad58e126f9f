package io.mirage4j.audit;

/**
 * Where a workspace sends its {@link AuditEvent}s: set one with {@code
 * Workspace.builder().audit(sink)}. Without a sink nothing is recorded. Calls come from the
 * threads that run the commands, several at once, so an implementation must be thread-safe and
 * should be quick; one that throws is logged and the command goes on.
 *
 * <pre>{@code
 * AuditSink printer = event -> System.err.println(event.session() + " " + event.kind() + " " + event.action());
 * Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).audit(printer).build();
 * }</pre>
 */
@FunctionalInterface
public interface AuditSink {

  /** Takes one event. */
  void record(AuditEvent event);
}
