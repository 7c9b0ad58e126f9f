package io.mirage4j.permission;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.PathNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one session may see and run. Attach one to every session with {@code
 * Workspace.builder().profile(p)}, or to one session with {@code ws.newSession(p)}.
 *
 * <ul>
 *   <li><b>Mounts</b>: the session sees only the mounts named (all when none are), each at most in
 *       the mode given; for it the others do not exist ({@code No such file or directory}), in the
 *       shell and in Python alike.
 *   <li><b>Commands</b>: the rules are tried in order and the first that matches decides ({@link
 *       CommandRule}); a command no rule matches is allowed if it is one of the shell's own
 *       builtins ({@code cd}, {@code echo}, {@code export}, …, see {@link #SHELL_BUILTINS}) or a
 *       function the session defined, and gets the {@link #defaultDecision()} otherwise.
 *   <li><b>Hidden paths</b> behave as missing: not listed, not readable, not writable.
 *   <li><b>Hidden variables</b> of the workspace's environment are not in the session's
 *       environment at all ({@code env}, {@code $VAR}, {@code printenv}, Python's {@code os.environ}).
 *   <li><b>Host functions</b> ({@link io.mirage4j.function.HostFunction}) Python calls: each is
 *       {@code allow}, {@code ask} (the approval handler sees the function and its arguments) or
 *       {@code deny} by name ({@link Builder#function}), else {@link #functionDefault()} ({@code
 *       allow} unless set).
 * </ul>
 *
 * <pre>{@code
 * PermissionProfile agent = PermissionProfile.builder()
 *     .name("agent")
 *     .mount("/data", Mode.READ)
 *     .mount("/tmp")
 *     .allow("ls", "cat", "grep", "python3")
 *     .rule(CommandRule.allow("rm").under("/tmp"))
 *     .deny("rm")
 *     .ask("git push")
 *     .defaultDecision(Decision.ASK)
 *     .hidePath("/data/secrets")
 *     .hideEnv("API_KEY")
 *     .build();
 * }</pre>
 */
public final class PermissionProfile {
  /**
   * The commands that are part of the shell itself: when no rule names one, it is allowed whatever
   * the default. They run nothing outside the shell but the commands they are given, and those are
   * checked in turn ({@code command rm x} is decided as {@code rm x}).
   */
  public static final Set<String> SHELL_BUILTINS = Set.of(":", "true", "false", "exit", "return", "break", "continue",
      "shift", "set", "local", "declare", "typeset", "unset", "export", "eval", "command", "exec", "source", ".", "cd",
      "pwd", "echo", "printf", "test", "[", "read", "wait", "jobs", "trap", "type", "history");

  private final String name;
  private final Map<String, Mode> mounts;
  private final List<CommandRule> rules;
  private final Decision defaultDecision;
  private final List<String> hiddenPaths;
  private final Set<String> hiddenEnv;
  private final ApprovalHandler approvals;
  private final Map<String, Decision> functions;
  private final Decision functionDefault;

  private PermissionProfile(Builder b) {
    this.name = b.name;
    this.mounts = b.mounts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.mounts));
    this.rules = List.copyOf(b.rules);
    this.defaultDecision = b.defaultDecision;
    this.hiddenPaths = List.copyOf(b.hiddenPaths);
    this.hiddenEnv = Collections.unmodifiableSet(new LinkedHashSet<>(b.hiddenEnv));
    this.approvals = b.approvals;
    this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(b.functions));
    this.functionDefault = b.functionDefault;
  }

  /** The decision for each host function named by a rule. */
  public Map<String, Decision> functions() {
    return functions;
  }

  /** The decision for a host function no rule names. */
  public Decision functionDefault() {
    return functionDefault;
  }

  /**
   * The decision on calling the host function {@code name}, and the rule behind it ({@code deny
   * function delete}, {@code default function: allow}).
   *
   * <pre>{@code
   * PermissionProfile.builder().function("delete", Decision.DENY).build().functionVerdict("delete");
   * // Verdict[DENY, "deny function delete", []]
   * }</pre>
   */
  public Verdict functionVerdict(String name) {
    Decision d = functions.get(name);
    return d != null ? new Verdict(d, d.word() + " function " + name, List.of())
        : new Verdict(functionDefault, "default function: " + functionDefault.word(), List.of());
  }

  /** A profile that allows everything until told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A profile from a tree of maps and lists, as a YAML or JSON file parses to. Every key is
   * optional; an unknown key, a value of the wrong type or a bad decision is an {@link
   * IllegalArgumentException} that names where it is ({@code commands.rules[2].paths[0]}).
   *
   * <pre>{@code
   * PermissionProfile p = PermissionProfile.fromMap(Map.of(
   *     "name", "agent",
   *     "mounts", Map.of("/data", "read", "/tmp", "write"),
   *     "commands", Map.of(
   *         "default", "ask",
   *         "rules", List.of(
   *             Map.of("allow", List.of("ls", "cat")),
   *             Map.of("allow", "rm", "paths", List.of("/tmp")),
   *             Map.of("deny", "rm"))),
   *     "hide", Map.of("paths", List.of("/data/secrets"), "env", List.of("API_KEY")),
   *     "functions", Map.of("default", "ask", "allow", List.of("search"), "deny", List.of("delete"))));
   * }</pre>
   */
  public static PermissionProfile fromMap(Map<String, ?> tree) {
    return ProfileReader.read(tree);
  }

  /** The profile's name, for audit records and messages ({@code default} unless named). */
  public String name() {
    return name;
  }

  /** The mounts the session sees and the most each allows, or null when it sees every mount as it is. */
  public Map<String, Mode> mounts() {
    return mounts;
  }

  /** The command rules, in the order they are tried. */
  public List<CommandRule> rules() {
    return rules;
  }

  /** The decision for a command that no rule matches and that is not part of the shell. */
  public Decision defaultDecision() {
    return defaultDecision;
  }

  /** The paths that behave as missing, normalised. */
  public List<String> hiddenPaths() {
    return hiddenPaths;
  }

  /** The names of the variables left out of the session's environment. */
  public Set<String> hiddenEnv() {
    return hiddenEnv;
  }

  /** The handler for this profile's {@code ask} rules, or null to use the workspace's. */
  public ApprovalHandler approvals() {
    return approvals;
  }

  /** A builder holding this profile's settings, to make a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.mounts = mounts == null ? null : new LinkedHashMap<>(mounts);
    b.rules.addAll(rules);
    b.defaultDecision = defaultDecision;
    b.hiddenPaths.addAll(hiddenPaths);
    b.hiddenEnv.addAll(hiddenEnv);
    b.approvals = approvals;
    b.functions.putAll(functions);
    b.functionDefault = functionDefault;
    return b;
  }

  @Override
  public String toString() {
    return "PermissionProfile[" + name + ", mounts=" + (mounts == null ? "all" : mounts) + ", rules=" + rules
        + ", default=" + defaultDecision.word() + ", hiddenPaths=" + hiddenPaths + ", hiddenEnv=" + hiddenEnv
        + (functions.isEmpty() && functionDefault == Decision.ALLOW ? "" : ", functions=" + functions + ", functionDefault="
            + functionDefault.word()) + "]";
  }

  /**
   * Builds a {@link PermissionProfile}. Setters check their input at once and throw {@link
   * IllegalArgumentException}.
   *
   * <pre>{@code
   * PermissionProfile readOnly = PermissionProfile.builder().mount("/data", Mode.READ).deny("python3").build();
   * }</pre>
   */
  public static final class Builder {
    private String name = "default";
    private Map<String, Mode> mounts;
    private final List<CommandRule> rules = new ArrayList<>();
    private Decision defaultDecision = Decision.ALLOW;
    private final List<String> hiddenPaths = new ArrayList<>();
    private final Set<String> hiddenEnv = new LinkedHashSet<>();
    private ApprovalHandler approvals;
    private final Map<String, Decision> functions = new LinkedHashMap<>();
    private Decision functionDefault = Decision.ALLOW;

    private Builder() {}

    /** The decision on calling the host function {@code name} from Python. */
    public Builder function(String name, Decision decision) {
      if (!io.mirage4j.function.ArgumentSchema.isPythonName(name)) {
        throw new IllegalArgumentException("not a host function's name: '" + name + "'");
      }
      functions.put(name, Objects.requireNonNull(decision, "decision"));
      return this;
    }

    /** The decision on calling a host function no {@link #function} rule names (default {@link Decision#ALLOW}). */
    public Builder functionDefault(Decision decision) {
      this.functionDefault = Objects.requireNonNull(decision, "decision");
      return this;
    }

    /** The profile's name. */
    public Builder name(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a profile's name must not be empty");
      }
      this.name = name;
      return this;
    }

    /** Lets the session see the mount at {@code prefix} in its own mode; the first call hides the others. */
    public Builder mount(String prefix) {
      return mount(prefix, Mode.EXEC);
    }

    /**
     * Lets the session see the mount at {@code prefix}, at most in {@code mode} (a WRITE mount
     * given READ is read-only for the session); the first call hides the mounts not named.
     */
    public Builder mount(String prefix, Mode mode) {
      String p = absolute(prefix, "mount");
      if (mounts == null) {
        mounts = new LinkedHashMap<>();
      }
      mounts.put(p, Objects.requireNonNull(mode, "mode"));
      return this;
    }

    /** Adds a rule at the end: rules are tried in the order they were added. */
    public Builder rule(CommandRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** {@code allow} rules for each command name or leading words. */
    public Builder allow(String... commands) {
      for (String c : commands) {
        rule(CommandRule.allow(c));
      }
      return this;
    }

    /** {@code ask} rules for each command name or leading words. */
    public Builder ask(String... commands) {
      for (String c : commands) {
        rule(CommandRule.ask(c));
      }
      return this;
    }

    /** {@code deny} rules for each command name or leading words. */
    public Builder deny(String... commands) {
      for (String c : commands) {
        rule(CommandRule.deny(c));
      }
      return this;
    }

    /** The decision for commands no rule matches (default {@link Decision#ALLOW}). */
    public Builder defaultDecision(Decision decision) {
      this.defaultDecision = Objects.requireNonNull(decision, "decision");
      return this;
    }

    /** Makes {@code path} and everything below it behave as missing. */
    public Builder hidePath(String path) {
      hiddenPaths.add(absolute(path, "hidden path"));
      return this;
    }

    /** Leaves the variable {@code name} out of the session's environment. */
    public Builder hideEnv(String name) {
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("not a valid variable name: " + name);
      }
      hiddenEnv.add(name);
      return this;
    }

    /** The handler for this profile's {@code ask} rules, instead of the workspace's. */
    public Builder approvals(ApprovalHandler handler) {
      this.approvals = Objects.requireNonNull(handler, "handler");
      return this;
    }

    public PermissionProfile build() {
      return new PermissionProfile(this);
    }

    private static String absolute(String path, String what) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("a " + what + " must be an absolute path, got '" + path + "'");
      }
      return PathNames.normalize(path);
    }
  }
}
