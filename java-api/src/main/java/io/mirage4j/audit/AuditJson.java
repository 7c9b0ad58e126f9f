package io.mirage4j.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** An {@link AuditEvent} as one line of JSON, without the newline. */
final class AuditJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditJson() {}

  static String line(AuditEvent e) {
    ObjectNode node = MAPPER.createObjectNode()
        .put("time", e.time().toString())
        .put("session", e.session())
        .put("kind", e.kind().name().toLowerCase(Locale.ROOT))
        .put("action", e.action());
    e.paths().forEach(node.putArray("paths")::add);
    node.put("status", e.status())
        .put("durationMicros", e.duration().toNanos() / 1000)
        .put("bytes", e.bytes());
    if (e.detail() != null) {
      node.put("detail", e.detail());
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("an audit event could not be written as JSON", ex);
    }
  }
}
