package io.mirage4j.permission;

import java.util.List;

/**
 * A profile's command rules applied to one command: the first rule that matches decides; else the
 * shell's own builtins and the session's functions are allowed, and anything else gets the
 * profile's default.
 *
 * <pre>{@code
 * CommandPolicy policy = new CommandPolicy(PermissionProfile.builder().deny("rm").build());
 * policy.decide(List.of("rm", "x"), "/data", false).decision(); // DENY
 * }</pre>
 */
public final class CommandPolicy {
  private final PermissionProfile profile;

  public CommandPolicy(PermissionProfile profile) {
    this.profile = profile;
  }

  /** The profile it applies. */
  public PermissionProfile profile() {
    return profile;
  }

  /**
   * The verdict on {@code argv} run in {@code cwd}.
   *
   * @param function whether {@code argv.get(0)} is a function the session defined
   */
  public Verdict decide(List<String> argv, String cwd, boolean function) {
    List<String> paths = PathArguments.of(argv, cwd);
    for (CommandRule rule : profile.rules()) {
      if (rule.matches(argv, paths)) {
        return new Verdict(rule.decision(), rule.toString(), paths);
      }
    }
    if (function) {
      return new Verdict(Decision.ALLOW, "shell function", paths);
    }
    if (PermissionProfile.SHELL_BUILTINS.contains(argv.get(0))) {
      return new Verdict(Decision.ALLOW, "shell builtin", paths);
    }
    return new Verdict(profile.defaultDecision(), "default: " + profile.defaultDecision().word(), paths);
  }
}
