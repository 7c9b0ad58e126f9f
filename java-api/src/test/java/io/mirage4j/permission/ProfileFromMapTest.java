package io.mirage4j.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Mode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** A profile read from the tree of maps and lists a YAML file parses to. */
class ProfileFromMapTest {

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @Test
  void readsEveryPart() {
    PermissionProfile p = PermissionProfile.fromMap(map(
        "name", "agent",
        "mounts", map("/data", "read", "/tmp", "write"),
        "commands", map(
            "default", "ask",
            "rules", List.of(
                map("allow", List.of("ls", "cat")),
                map("allow", "rm", "paths", List.of("/tmp")),
                map("deny", "rm"),
                map("ask", "git push"))),
        "hide", map("paths", List.of("/data/secrets"), "env", List.of("API_KEY"))));
    assertThat(p.name()).isEqualTo("agent");
    assertThat(p.mounts()).containsExactly(Map.entry("/data", Mode.READ), Map.entry("/tmp", Mode.WRITE));
    assertThat(p.defaultDecision()).isEqualTo(Decision.ASK);
    assertThat(p.rules()).extracting(CommandRule::toString)
        .containsExactly("allow ls", "allow cat", "allow rm under /tmp", "deny rm", "ask git push");
    assertThat(p.hiddenPaths()).containsExactly("/data/secrets");
    assertThat(p.hiddenEnv()).containsExactly("API_KEY");
  }

  @Test
  void mountsCanBeAListAndEverythingIsOptional() {
    PermissionProfile p = PermissionProfile.fromMap(map("mounts", List.of("/data")));
    assertThat(p.mounts()).containsExactly(Map.entry("/data", Mode.EXEC));
    PermissionProfile empty = PermissionProfile.fromMap(Map.of());
    assertThat(empty.mounts()).isNull();
    assertThat(empty.rules()).isEmpty();
    assertThat(empty.defaultDecision()).isEqualTo(Decision.ALLOW);
  }

  static Stream<Arguments> badTrees() {
    return Stream.of(
        Arguments.of(map("nmae", "x"), "permission profile: nmae: unknown key (expected one of commands, functions, hide, mounts, name)"),
        Arguments.of(map("functions", map("permit", List.of("f"))),
            "permission profile: functions.permit: unknown key (expected one of allow, ask, default, deny)"),
        Arguments.of(map("functions", map("deny", List.of("no-name"))),
            "permission profile: functions.deny[0]: not a host function's name: 'no-name'"),
        Arguments.of(map("mounts", "/data"),
            "permission profile: mounts: expected a list of mount prefixes or a map of prefix to mode, got string /data"),
        Arguments.of(map("mounts", map("/data", "rw")), "permission profile: mounts./data: expected read, write or exec, got 'rw'"),
        Arguments.of(map("mounts", List.of("data")), "permission profile: mounts[0]: a mount must be an absolute path, got 'data'"),
        Arguments.of(map("commands", map("default", "maybe")),
            "permission profile: commands.default: expected allow, ask or deny, got 'maybe'"),
        Arguments.of(map("commands", map("rules", List.of(map("allow", "ls"), map("alow", "rm")))),
            "permission profile: commands.rules[1].alow: unknown key (expected one of allow, ask, deny, paths)"),
        Arguments.of(map("commands", map("rules", List.of(map("allow", "ls", "deny", "rm")))),
            "permission profile: commands.rules[0]: expected exactly one of allow, ask, deny, got allow, deny"),
        Arguments.of(map("commands", map("rules", List.of(map("paths", List.of("/tmp"))))),
            "permission profile: commands.rules[0]: expected exactly one of allow, ask, deny, got none"),
        Arguments.of(map("commands", map("rules", List.of(map("deny", 5)))),
            "permission profile: commands.rules[0].deny: expected a string, got integer 5"),
        Arguments.of(map("commands", map("rules", List.of(map("deny", List.of("rm", " "))))),
            "permission profile: commands.rules[0].deny[1]: a rule needs a command, got an empty one"),
        Arguments.of(map("commands", map("rules", List.of(map("allow", "rm", "paths", List.of("tmp"))))),
            "permission profile: commands.rules[0].paths[0]: a rule's path must be absolute, got 'tmp'"),
        Arguments.of(map("commands", map("rules", "allow ls")),
            "permission profile: commands.rules: expected a list of rules, got string allow ls"),
        Arguments.of(map("hide", map("env", List.of("NOT-A-NAME"))),
            "permission profile: hide.env[0]: not a valid variable name: NOT-A-NAME"),
        Arguments.of(map("hide", map("paths", List.of(3))), "permission profile: hide.paths[0]: expected a string, got integer 3"),
        Arguments.of(map("hide", map("files", List.of())), "permission profile: hide.files: unknown key (expected one of env, paths)"));
  }

  @ParameterizedTest
  @MethodSource("badTrees")
  void aBadTreeIsRefusedWithAMessageNamingWhere(Map<String, Object> tree, String message) {
    assertThatThrownBy(() -> PermissionProfile.fromMap(tree))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
