package io.mirage4j.permission;

import java.util.List;

/**
 * What a profile says about one command, and why.
 *
 * <pre>{@code
 * Verdict v = policy.decide(List.of("rm", "/data/a"), "/data", false);
 * v.decision(); // DENY
 * v.rule();     // "deny rm"
 * v.paths();    // [/data/a]
 * }</pre>
 *
 * @param decision the decision
 * @param rule the rule that decided ({@code allow rm under /tmp}), or how it was decided when no
 *     rule did: {@code default: ask}, {@code shell builtin}, {@code shell function}, {@code no
 *     permission profile}, {@code approved for the session (ask git push)}
 * @param paths the absolute paths the command names
 */
public record Verdict(Decision decision, String rule, List<String> paths) {
  public Verdict {
    paths = List.copyOf(paths);
  }
}
