package io.mirage4j.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing a session did, as an {@link AuditSink} receives it.
 *
 * <pre>{@code
 * AuditEvent e = sink.events().get(0);
 * e.kind();     // Kind.LINE
 * e.action();   // "cat /data/a.txt"
 * e.status();   // 0
 * e.bytes();    // bytes the line wrote to stdout and stderr
 * }</pre>
 *
 * @param time when it started
 * @param session the id of the session that did it ({@link io.mirage4j.workspace.Session#id()})
 * @param kind what sort of event it is
 * @param action a {@link Kind#LINE}'s command line; a {@link Kind#FILE} operation's name ({@code
 *     read}, {@code open}, {@code list}, {@code write}, {@code append}, {@code mkdir}, {@code delete},
 *     {@code rename}, {@code chmod}); the command of a {@link Kind#REFUSAL} or {@link Kind#APPROVAL}
 * @param paths the workspace paths it touched (a rename: from, then to)
 * @param status a line's exit status; 0 for a file operation that succeeded and 1 for one that
 *     failed; 126 for a refusal; 0 for an approval
 * @param duration how long it took
 * @param bytes the bytes a line wrote (stdout and stderr), or a file operation read or wrote
 * @param detail the failure of a file operation (its POSIX message), the rule behind a refusal or
 *     an approval and the answer given, else null
 */
public record AuditEvent(Instant time, String session, Kind kind, String action, List<String> paths, int status,
    Duration duration, long bytes, String detail) {

  /**
   * The sorts of {@link AuditEvent}.
   *
   * <pre>{@code
   * events.stream().filter(e -> e.kind() == AuditEvent.Kind.REFUSAL).count();
   * }</pre>
   */
  public enum Kind {
    /** A command line the session was given (its top level; not the commands inside it). */
    LINE,
    /** One operation on the workspace's files, by a shell command or by Python. */
    FILE,
    /** A command that a permission profile did not let run. */
    REFUSAL,
    /** A command that a profile's {@code ask} rule let run once the host approved it. */
    APPROVAL,
    /**
     * A call of a host function from Python: {@code action} is its name, {@code status} 0 when it
     * returned, 1 when it failed (its message in {@code detail}), 126 when it was refused; {@code
     * bytes} counts its arguments and result.
     */
    FUNCTION
  }

  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    paths = List.copyOf(paths);
    Objects.requireNonNull(duration, "duration");
  }
}
