package io.mirage4j.snapshot;

import java.util.Objects;

/**
 * Something a snapshot could not keep, or a restore could not bring back, and why.
 *
 * <pre>{@code
 * for (Omission o : ws.snapshot(out).omitted()) {
 *   System.err.println(o.what() + ": " + o.reason()); // "mount /db: a custom Resource ..."
 * }
 * }</pre>
 *
 * @param what what was left out, e.g. {@code mount /db} or {@code session agent}
 * @param reason why, in a sentence
 */
public record Omission(String what, String reason) {
  public Omission {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(reason, "reason");
  }
}
