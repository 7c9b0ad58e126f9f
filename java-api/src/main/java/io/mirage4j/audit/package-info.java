/**
 * Audit history: what each session of a workspace ran and which files it touched, sent to an
 * {@link io.mirage4j.audit.AuditSink} (in memory, a JSON-lines file, an SLF4J logger, or the
 * host's own).
 */
package io.mirage4j.audit;
