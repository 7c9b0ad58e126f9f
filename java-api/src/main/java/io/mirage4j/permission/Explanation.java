package io.mirage4j.permission;

import java.util.List;

/**
 * What a command line would do, worked out without running any of it ({@code ws.explain(line)}):
 * each command it would run, in the order written, with the verdict of the session's profile.
 * Words the shell can only know by running something ({@code $(…)}, {@code $((…))}, globs, {@code
 * $1}) are shown as written and the step is not {@link Step#exact()}: its verdict is a forecast,
 * and the shell decides again on the real words when it runs.
 *
 * <pre>{@code
 * Explanation e = ws.explain("cat /data/a.txt | grep x > /tmp/out && rm /data/a.txt");
 * e.commands().get(2).argv();     // [rm, /data/a.txt]
 * e.commands().get(2).decision(); // DENY
 * e.commands().get(2).rule();     // "deny rm"
 * e.commands().get(1).paths();    // [/tmp/out]: grep's pattern is not a path, its redirection is
 * }</pre>
 *
 * @param line the command line
 * @param commands the commands, outermost first where one runs another ({@code env rm x}: env, then rm)
 * @param error the syntax error that keeps the line from running, else null
 */
public record Explanation(String line, List<Step> commands, String error) {
  public Explanation {
    commands = List.copyOf(commands);
  }

  /** Whether every command would be allowed to run (an {@code ask} counts as not allowed). */
  public boolean allowed() {
    return error == null && commands.stream().allMatch(c -> c.decision() == Decision.ALLOW);
  }

  /**
   * One command of an {@link Explanation}.
   *
   * <pre>{@code
   * Explanation.Step s = e.commands().get(0);
   * s.command() + ": " + s.decision().word() + " (" + s.rule() + ")"; // "rm /data/a: deny (deny rm)"
   * }</pre>
   *
   * @param command the command as one string, quoted as the shell would read it back
   * @param argv its words, expanded as far as can be known without running anything
   * @param exact whether the words are exactly those it would run with
   * @param decision the verdict
   * @param rule the rule that decided, or why no rule did ({@link Verdict#rule()})
   * @param paths the paths it names: its operands and its redirections' files
   */
  public record Step(String command, List<String> argv, boolean exact, Decision decision, String rule,
      List<String> paths) {
    public Step {
      argv = List.copyOf(argv);
      paths = List.copyOf(paths);
    }
  }
}
