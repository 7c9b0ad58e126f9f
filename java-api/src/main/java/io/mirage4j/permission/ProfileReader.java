package io.mirage4j.permission;

import io.mirage4j.fs.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a {@link PermissionProfile} from the tree a YAML or JSON file parses to; see {@link PermissionProfile#fromMap}. */
final class ProfileReader {
  private static final Set<String> TOP = Set.of("name", "mounts", "commands", "hide", "functions");
  private static final Set<String> FUNCTIONS = Set.of("default", "allow", "ask", "deny");
  private static final Set<String> COMMANDS = Set.of("default", "rules");
  private static final Set<String> RULE = Set.of("allow", "ask", "deny", "paths");
  private static final Set<String> HIDE = Set.of("paths", "env");

  private ProfileReader() {}

  static PermissionProfile read(Map<String, ?> tree) {
    if (tree == null) {
      throw new IllegalArgumentException("permission profile: expected a map, got nothing");
    }
    PermissionProfile.Builder b = PermissionProfile.builder();
    keys(tree, TOP, "");
    guarded("name", () -> {
      if (tree.containsKey("name")) {
        b.name(string(tree.get("name"), "name"));
      }
    });
    Object mounts = tree.get("mounts");
    if (mounts instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String where = "mounts." + e.getKey();
        String mode = e.getValue() == null ? "exec" : string(e.getValue(), where);
        guarded(where, () -> b.mount(string(e.getKey(), "mounts"), mode(mode)));
      }
    } else if (mounts != null) {
      List<?> list = list(mounts, "mounts", "a list of mount prefixes or a map of prefix to mode");
      for (int i = 0; i < list.size(); i++) {
        String where = "mounts[" + i + "]";
        String prefix = string(list.get(i), where);
        guarded(where, () -> b.mount(prefix));
      }
    }
    Object commands = tree.get("commands");
    if (commands != null) {
      Map<?, ?> c = map(commands, "commands");
      keys(c, COMMANDS, "commands.");
      if (c.containsKey("default")) {
        String d = string(c.get("default"), "commands.default");
        guarded("commands.default", () -> b.defaultDecision(Decision.parse(d)));
      }
      if (c.containsKey("rules")) {
        List<?> rules = list(c.get("rules"), "commands.rules", "a list of rules");
        for (int i = 0; i < rules.size(); i++) {
          rule(b, map(rules.get(i), "commands.rules[" + i + "]"), "commands.rules[" + i + "]");
        }
      }
    }
    Object functions = tree.get("functions");
    if (functions != null) {
      Map<?, ?> f = map(functions, "functions");
      keys(f, FUNCTIONS, "functions.");
      if (f.containsKey("default")) {
        String d = string(f.get("default"), "functions.default");
        guarded("functions.default", () -> b.functionDefault(Decision.parse(d)));
      }
      for (String word : List.of("allow", "ask", "deny")) {
        List<String> names = strings(f.get(word), "functions." + word);
        for (int i = 0; i < names.size(); i++) {
          String name = names.get(i);
          guarded("functions." + word + "[" + i + "]", () -> b.function(name, Decision.parse(word)));
        }
      }
    }
    Object hide = tree.get("hide");
    if (hide != null) {
      Map<?, ?> h = map(hide, "hide");
      keys(h, HIDE, "hide.");
      List<String> paths = strings(h.get("paths"), "hide.paths");
      for (int i = 0; i < paths.size(); i++) {
        String path = paths.get(i);
        guarded("hide.paths[" + i + "]", () -> b.hidePath(path));
      }
      List<String> env = strings(h.get("env"), "hide.env");
      for (int i = 0; i < env.size(); i++) {
        String name = env.get(i);
        guarded("hide.env[" + i + "]", () -> b.hideEnv(name));
      }
    }
    return b.build();
  }

  private static void rule(PermissionProfile.Builder b, Map<?, ?> rule, String where) {
    keys(rule, RULE, where + ".");
    List<String> decisions = rule.keySet().stream().map(String::valueOf).filter(k -> !k.equals("paths")).toList();
    if (decisions.size() != 1) {
      throw new IllegalArgumentException("permission profile: " + where + ": expected exactly one of allow, ask, deny, got "
          + (decisions.isEmpty() ? "none" : String.join(", ", decisions)));
    }
    String key = decisions.get(0);
    Decision decision = Decision.parse(key);
    Object commands = rule.get(key);
    List<String> names = commands instanceof List<?> ? strings(commands, where + "." + key)
        : List.of(string(commands, where + "." + key));
    if (names.isEmpty()) {
      throw new IllegalArgumentException("permission profile: " + where + "." + key + ": expected a command, got an empty list");
    }
    List<String> paths = strings(rule.get("paths"), where + ".paths");
    for (int i = 0; i < paths.size(); i++) {
      if (!paths.get(i).startsWith("/")) {
        throw new IllegalArgumentException("permission profile: " + where + ".paths[" + i
            + "]: a rule's path must be absolute, got '" + paths.get(i) + "'");
      }
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String at = commands instanceof List<?> ? where + "." + key + "[" + i + "]" : where + "." + key;
      guarded(at, () -> b.rule(new CommandRule(decision, CommandRule.split(name), paths)));
    }
  }

  private static Mode mode(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "read" -> Mode.READ;
      case "write" -> Mode.WRITE;
      case "exec" -> Mode.EXEC;
      default -> throw new IllegalArgumentException("expected read, write or exec, got '" + name + "'");
    };
  }

  private static void keys(Map<?, ?> map, Set<String> known, String prefix) {
    for (Object k : map.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        throw new IllegalArgumentException("permission profile: " + prefix + k + ": unknown key (expected one of "
            + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  private static void guarded(String where, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("permission profile: " + where + ": " + e.getMessage(), e);
    }
  }

  private static String string(Object value, String where) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("permission profile: " + where + ": expected a string, got " + describe(value));
  }

  private static Map<?, ?> map(Object value, String where) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException("permission profile: " + where + ": expected a map, got " + describe(value));
  }

  private static List<?> list(Object value, String where, String expected) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException("permission profile: " + where + ": expected " + expected + ", got "
        + describe(value));
  }

  private static List<String> strings(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    List<?> l = list(value, where, "a list of strings");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      out.add(string(l.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
  }
}
