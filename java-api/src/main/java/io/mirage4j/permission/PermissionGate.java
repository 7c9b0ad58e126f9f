package io.mirage4j.permission;

import io.mirage4j.audit.AuditEvent;
import io.mirage4j.audit.SessionAudit;
import io.mirage4j.shell.CommandGate;
import io.mirage4j.shell.ShellQuote;
import io.mirage4j.shell.ShellState;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's {@link CommandGate}: applies its profile to each command, asks the {@link
 * ApprovalHandler} for {@code ask} verdicts (one question at a time), remembers the rules approved
 * for the session, and sends refusals and approvals to the audit, if there is one.
 *
 * <pre>{@code
 * PermissionGate gate = new PermissionGate(profile, handler, null, "s1", () -> currentLine);
 * Shell restricted = shell.forSession(fs, python, gate);
 * }</pre>
 */
public final class PermissionGate implements CommandGate {
  private static final Logger log = LoggerFactory.getLogger(PermissionGate.class);

  private final CommandPolicy policy;
  private final ApprovalHandler approvals;
  private final SessionAudit audit;
  private final String session;
  private final Supplier<String> line;
  private final Set<String> approvedForSession = ConcurrentHashMap.newKeySet();
  private final Object asking = new Object();

  /**
   * @param profile the session's profile
   * @param approvals the handler for {@code ask} rules, or null (every ask is then refused)
   * @param audit where refusals and approvals are recorded, or null
   * @param session the session's id
   * @param line the command line the session is running, for approval requests
   */
  public PermissionGate(PermissionProfile profile, ApprovalHandler approvals, SessionAudit audit, String session,
      Supplier<String> line) {
    this.policy = new CommandPolicy(profile);
    this.approvals = profile.approvals() != null ? profile.approvals() : approvals;
    this.audit = audit;
    this.session = session;
    this.line = line;
  }

  /** The rules this gate applies. */
  public CommandPolicy policy() {
    return policy;
  }

  /**
   * The verdict on {@code argv} as this session stands: an {@code ask} already approved for the
   * session is an {@code allow}. Asks nobody.
   */
  public Verdict verdict(List<String> argv, String cwd, boolean function) {
    Verdict v = policy.decide(argv, cwd, function);
    if (v.decision() == Decision.ASK && approvedForSession.contains(approvalKey(v, argv))) {
      return new Verdict(Decision.ALLOW, "approved for the session (" + v.rule() + ")", v.paths());
    }
    return v;
  }

  @Override
  public boolean admits(List<String> argv, ShellState state, boolean function) {
    long start = System.nanoTime();
    Verdict v = verdict(argv, state.cwd(), function);
    switch (v.decision()) {
      case ALLOW:
        return true;
      case DENY:
        refused(argv, v, v.rule(), start);
        return false;
      default:
        return ask(argv, v, start);
    }
  }

  /**
   * Whether the session may call the host function {@code name} with {@code arguments}: the
   * profile's function rules decide, an {@code ask} asks the approval handler (which sees the
   * function and its arguments; {@link Approval#ALLOW_FOR_SESSION} covers the function for the
   * rest of the session). Refusals and approvals are recorded as for commands.
   */
  public boolean admitsFunction(String name, com.fasterxml.jackson.databind.JsonNode arguments) {
    long start = System.nanoTime();
    Verdict v = policy.profile().functionVerdict(name);
    List<String> argv = List.of("function", name);
    String key = "function " + name;
    switch (v.decision()) {
      case ALLOW:
        return true;
      case DENY:
        refused(argv, v, v.rule(), start);
        return false;
      default:
        return asked(argv, v, key, start, "the function call",
            () -> new ApprovalRequest(session, line.get(), "function " + name + " " + arguments, argv, List.of(),
                v.rule(), name, arguments));
    }
  }

  private boolean ask(List<String> argv, Verdict v, long start) {
    return asked(argv, v, approvalKey(v, argv), start, "the command",
        () -> new ApprovalRequest(session, line.get(), quoted(argv), argv, v.paths(), v.rule()));
  }

  /**
   * Asks the approval handler about an {@code ask} verdict, one question at a time, unless the
   * session approved {@code key} already; records the approval or the refusal.
   */
  private boolean asked(List<String> argv, Verdict v, String key, long start, String what,
      Supplier<ApprovalRequest> request) {
    if (approvedForSession.contains(key)) {
      return true;
    }
    if (approvals == null) {
      refused(argv, v, v.rule() + "; no approval handler", start);
      return false;
    }
    Approval answer;
    synchronized (asking) {
      if (approvedForSession.contains(key)) {
        return true;
      }
      try {
        answer = approvals.decide(request.get());
      } catch (RuntimeException e) {
        log.warn("the approval handler failed; {} is refused: {}", what, e.toString());
        answer = null;
      }
      if (answer == Approval.ALLOW_FOR_SESSION) {
        approvedForSession.add(key);
      }
    }
    if (answer == Approval.ALLOW_ONCE || answer == Approval.ALLOW_FOR_SESSION) {
      if (audit != null) {
        audit.record(AuditEvent.Kind.APPROVAL, quoted(argv), v.paths(), 0, start, 0,
            v.rule() + "; " + answer.name().toLowerCase(java.util.Locale.ROOT));
      }
      return true;
    }
    refused(argv, v, v.rule() + "; " + (answer == null ? "no answer" : "the host denied it"), start);
    return false;
  }

  private void refused(List<String> argv, Verdict v, String why, long start) {
    if (audit != null) {
      audit.record(AuditEvent.Kind.REFUSAL, quoted(argv), v.paths(), 126, start, 0, why);
    }
  }

  /** What an approval for the session covers: the rule that asked, or the command name for the default. */
  private static String approvalKey(Verdict v, List<String> argv) {
    return v.rule().startsWith("default:") ? "default " + argv.get(0) : v.rule();
  }

  static String quoted(List<String> argv) {
    StringBuilder b = new StringBuilder();
    for (String word : argv) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(ShellQuote.of(word));
    }
    return b.toString();
  }
}
