package io.mirage4j.permission;

import io.mirage4j.fs.PathNames;
import java.util.Arrays;
import java.util.List;

/**
 * One rule of a {@link PermissionProfile}: a decision for the commands whose first words are
 * {@code words} ({@code rm}; {@code git push}), optionally only when the command names at least
 * one path and every path it names is under one of {@code paths}. Words are compared whole, after the shell's expansion:
 * {@code git push} matches {@code git push origin main} and {@code git  "push"}, not {@code git
 * pushx} nor {@code git status}. A rule for {@code python3} is also one for {@code python}, and
 * one for {@code test} also one for {@code [}: each pair is one command with two names.
 *
 * <pre>{@code
 * CommandRule rmInTmp = CommandRule.allow("rm").under("/tmp");   // rm only under /tmp
 * CommandRule push = CommandRule.ask("git push");                 // leading words
 * }</pre>
 *
 * @param decision what happens to a matching command
 * @param words the leading words a command must have, at least one
 * @param paths the scope: absolute, normalised paths; empty for any path
 */
public record CommandRule(Decision decision, List<String> words, List<String> paths) {

  public CommandRule {
    if (decision == null) {
      throw new IllegalArgumentException("a rule needs a decision");
    }
    words = List.copyOf(words);
    if (words.isEmpty() || words.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("a rule needs a command: one word or more, got " + words);
    }
    paths = List.copyOf(paths);
    for (String p : paths) {
      if (!p.startsWith("/")) {
        throw new IllegalArgumentException("a rule's path must be absolute, got '" + p + "'");
      }
    }
    paths = paths.stream().map(PathNames::normalize).toList();
  }

  /** {@code allow} for a command name or leading words ({@code "git status"}). */
  public static CommandRule allow(String command) {
    return new CommandRule(Decision.ALLOW, split(command), List.of());
  }

  /** {@code ask} for a command name or leading words. */
  public static CommandRule ask(String command) {
    return new CommandRule(Decision.ASK, split(command), List.of());
  }

  /** {@code deny} for a command name or leading words. */
  public static CommandRule deny(String command) {
    return new CommandRule(Decision.DENY, split(command), List.of());
  }

  /** This rule, applying only when every path the command touches is under one of {@code scope}. */
  public CommandRule under(String... scope) {
    return new CommandRule(decision, words, Arrays.asList(scope));
  }

  static List<String> split(String command) {
    String trimmed = command.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("a rule needs a command, got an empty one");
    }
    return List.of(trimmed.split("\\s+"));
  }

  /** The commands that have two names: a rule for one is a rule for both. */
  private static final java.util.Map<String, String> SAME_COMMAND = java.util.Map.of(
      "python", "python3", "python3", "python", "[", "test", "test", "[", "js", "node", "node", "js");

  /** Whether {@code argv}, touching {@code touched}, is a command this rule is about. */
  boolean matches(List<String> argv, List<String> touched) {
    if (argv.size() < words.size() || !argv.subList(1, words.size()).equals(words.subList(1, words.size()))) {
      return false;
    }
    String name = argv.get(0);
    if (!name.equals(words.get(0)) && !words.get(0).equals(SAME_COMMAND.get(name))) {
      return false;
    }
    if (paths.isEmpty()) {
      return true;
    }
    if (touched.isEmpty()) {
      return false; // a scope is about paths: a command that names none is not in it
    }
    for (String p : touched) {
      if (paths.stream().noneMatch(scope -> PathNames.isWithin(p, scope))) {
        return false;
      }
    }
    return true;
  }

  /** The rule as a profile writes it: {@code allow rm under /tmp}. */
  @Override
  public String toString() {
    return decision.word() + " " + String.join(" ", words) + (paths.isEmpty() ? "" : " under " + String.join(", ", paths));
  }
}
