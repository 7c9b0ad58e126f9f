package io.mirage4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Mode;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceConfigFileTest {
  @TempDir Path temp;

  private WorkspaceConfig read(String yaml, Map<String, String> env) throws IOException {
    Path file = temp.resolve("workspace.yaml");
    Files.writeString(file, yaml);
    return WorkspaceConfigFile.read(file, env::get);
  }

  private String error(String yaml, Map<String, String> env) {
    Path file = temp.resolve("workspace.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return assertThatThrownBy(() -> WorkspaceConfigFile.read(file, env::get))
        .isInstanceOf(ConfigException.class)
        .actual().getMessage().replace(file.toString(), "workspace.yaml");
  }

  @Test
  void readsMountsEnvCwdAndLimits() throws IOException {
    Files.createDirectories(temp.resolve("project/data"));
    Files.createDirectories(temp.resolve("wheels"));
    WorkspaceConfig config = read("""
        mounts:
          /data:
            dir: ${PROJECT}/data
            mode: write
          /scratch: {}
          /ro:
            dir: project
            mode: read
        env:
          GREETING: hello ${WHO:-you}
          PORT: 8080
          PRICE: $$5
        cwd: /data
        limits:
          python-timeout: 2.5
          output-limit: 16MiB
        packages: wheels
        """, Map.of("PROJECT", temp.resolve("project").toString()));
    assertThat(config.mounts().keySet()).containsExactly("/data", "/scratch", "/ro");
    assertThat(config.mounts().get("/data")).isEqualTo(new MountConfig(Optional.of(temp.resolve("project/data")), Mode.WRITE));
    assertThat(config.mounts().get("/scratch")).isEqualTo(new MountConfig(Optional.empty(), Mode.EXEC));
    assertThat(config.mounts().get("/ro")).isEqualTo(new MountConfig(Optional.of(temp.resolve("project")), Mode.READ));
    assertThat(config.env()).containsExactly(
        Map.entry("GREETING", "hello you"), Map.entry("PORT", "8080"), Map.entry("PRICE", "$5"));
    assertThat(config.cwd()).hasValue("/data");
    assertThat(config.pythonTimeout()).hasValue(Duration.ofMillis(2500));
    assertThat(config.outputLimit()).isEqualTo(OptionalLong.of(16L << 20));
    assertThat(config.packages()).hasValue(temp.resolve("wheels"));
  }

  @Test
  void readsHowManyInterpretersAProcessHosts() throws IOException {
    assertThat(read("runtime:\n  interpreters-per-process: 1\n", Map.of()).interpretersPerProcess()).hasValue(1);
    assertThat(read("runtime:\n  interpreters-per-process: ${N}\n", Map.of("N", "32")).interpretersPerProcess()).hasValue(32);
    assertThat(read("cwd: /\n", Map.of()).interpretersPerProcess()).isEmpty();
    assertThat(error("runtime: {interpreters-per-process: 0}", Map.of()))
        .isEqualTo("workspace.yaml: runtime.interpreters-per-process: expected a whole number of 1 or more, got '0'");
    assertThat(error("runtime: {interpreters-per-process: many}", Map.of()))
        .isEqualTo("workspace.yaml: runtime.interpreters-per-process: expected a whole number of 1 or more, got 'many'");
    assertThat(error("runtime: {workers: 2}", Map.of()))
        .isEqualTo("workspace.yaml: unknown key 'runtime.workers' (expected interpreters-per-process)");
  }

  @Test
  void readsThePermissionProfileOfEverySession() throws IOException {
    WorkspaceConfig config = read("""
        mounts:
          /project: {mode: write}
          /scratch: {}
          /secrets: {}
        env: {API_TOKEN: t0ken}
        permissions:
          name: agent
          mounts: {/project: read, /scratch: write}
          commands:
            default: deny
            rules:
              - allow: [ls, cat, echo]
              - allow: rm
                paths: [/scratch]
              - deny: rm
          hide:
            env: [API_TOKEN]
        """, Map.of());
    assertThat(config.permissions()).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("agent"));
    try (Workspace ws = config.applyTo(Workspace.builder()).build()) {
      assertThat(ws.execute("ls /").stdoutText()).isEqualTo("project\nscratch\n");
      ExecResult refused = ws.execute("rm /project/x");
      assertThat(refused.exitCode()).isEqualTo(126);
      assertThat(refused.stderrText()).isEqualTo("rm: Permission denied\n");
      assertThat(ws.execute("echo x > /scratch/t && rm /scratch/t && echo \"[$API_TOKEN]\"").stdoutText()).isEqualTo("[]\n");
      assertThat(ws.execute("sort /scratch").stderrText()).isEqualTo("sort: Permission denied\n");
    }
    assertThat(read("cwd: /\n", Map.of()).permissions()).isEmpty();
    assertThat(error("permissions: {commands: {rules: [{alow: rm}]}}\n", Map.of()))
        .startsWith("workspace.yaml: permissions: commands.rules[0]");
    assertThat(error("permissions: deny\n", Map.of()))
        .isEqualTo("workspace.yaml: permissions: expected a mapping (name, mounts, commands, hide)");
  }

  @Test
  void anEmptyFileSetsNothing() throws IOException {
    assertThat(read("", Map.of())).isEqualTo(WorkspaceConfig.empty());
  }

  @Test
  void everyMissingVariableIsListedInOneError() {
    assertThat(error("""
        mounts:
          /data: {dir: "${PROJECT}"}
        env:
          A: ${TOKEN}
          B: ${PROJECT}-${REGION}
          C: ${OPTIONAL:-}
        """, Map.of()))
        .isEqualTo("workspace.yaml: environment variables not set: PROJECT, TOKEN, REGION"
            + " (set them, or write ${NAME:-default})");
  }

  @Test
  void aVariableSetToEmptyIsEmpty() throws IOException {
    assertThat(read("env: {A: \"[${EMPTY}]\"}", Map.of("EMPTY", "")).env()).containsEntry("A", "[]");
  }

  @Test
  void mistakesNameTheKeyAndWhatIsExpected() {
    assertThat(error("mount:\n  /data: {}\n", Map.of()))
        .isEqualTo("workspace.yaml: unknown key 'mount' (expected mounts, env, cwd, limits, packages, runtime, permissions)");
    assertThat(error("mounts:\n  /data: {path: x}\n", Map.of()))
        .isEqualTo("workspace.yaml: unknown key 'mounts./data.path' (expected dir, mode)");
    assertThat(error("mounts:\n  /data: {mode: rw}\n", Map.of()))
        .isEqualTo("workspace.yaml: mounts./data.mode: expected read, write or exec, got 'rw'");
    assertThat(error("mounts:\n  data: {}\n", Map.of()))
        .isEqualTo("workspace.yaml: mounts.data: a mount prefix must be absolute, like /data");
    assertThat(error("mounts:\n  /data: {dir: nowhere}\n", Map.of()))
        .isEqualTo("workspace.yaml: mounts./data.dir: not a directory: " + temp.resolve("nowhere"));
    assertThat(error("packages: nowhere\n", Map.of()))
        .isEqualTo("workspace.yaml: packages: not a directory: " + temp.resolve("nowhere"));
    assertThat(error("limits: {output-limit: 16MB}\n", Map.of()))
        .isEqualTo("workspace.yaml: limits.output-limit: expected bytes, like 1048576 or 16MiB, got '16MB'");
    assertThat(error("limits: {python-timeout: soon}\n", Map.of()))
        .isEqualTo("workspace.yaml: limits.python-timeout: expected a number of seconds above 0, got 'soon'");
    assertThat(error("env:\n  A: ${1x}\n", Map.of()))
        .isEqualTo("workspace.yaml: bad variable reference '${1x}': expected ${NAME} or ${NAME:-default}");
    assertThat(error("- a\n- b\n", Map.of()))
        .isEqualTo("workspace.yaml: expected a mapping of mounts, env, cwd, limits, packages, runtime, permissions");
  }

  @Test
  void aKeyGivenTwiceIsAnErrorNamingIt() {
    assertThat(error("""
        mounts:
          /data:
            dir: .
          /data:
            dir: /etc
        """, Map.of()))
        .isEqualTo("workspace.yaml: duplicate key 'mounts./data' at line 4");
    assertThat(error("mounts:\n  /data: {mode: read, mode: write}\n", Map.of()))
        .isEqualTo("workspace.yaml: duplicate key 'mounts./data.mode' at line 2");
    assertThat(error("env: {A: 1}\nenv: {B: 2}\n", Map.of()))
        .isEqualTo("workspace.yaml: duplicate key 'env' at line 2");
    assertThat(error("limits:\n  output-limit: 1\n  output-limit: 2\n", Map.of()))
        .isEqualTo("workspace.yaml: duplicate key 'limits.output-limit' at line 3");
  }

  @Test
  void doubledDollarIsALiteralDollarEverywhere() throws IOException {
    Map<String, String> env = read("""
        env:
          A: $$HOME
          B: ${UNSET:-a$$b}
          C: ${UNSET:-$$}
          D: ${SET:-$$x}
          E: $${SET}
          F: ${UNSET:-$${SET}}
        """, Map.of("SET", "v")).env();
    assertThat(env).containsExactly(
        Map.entry("A", "$HOME"), Map.entry("B", "a$b"), Map.entry("C", "$"), Map.entry("D", "v"),
        Map.entry("E", "${SET}"), Map.entry("F", "${SET}"));
  }

  @Test
  void readsTheLineTimeout() throws IOException {
    assertThat(read("limits: {line-timeout: 1.5}\n", Map.of()).lineTimeout()).hasValue(Duration.ofMillis(1500));
    assertThat(read("", Map.of()).lineTimeout()).isEmpty();
    assertThat(error("limits: {line-timeout: 0}\n", Map.of()))
        .isEqualTo("workspace.yaml: limits.line-timeout: expected a number of seconds above 0, got '0'");
  }

  @Test
  void badYamlSaysWhichLine() {
    assertThat(error("env:\n  A: [1,\n", Map.of()))
        .isEqualTo("workspace.yaml: not valid YAML: expected the node content, but found '<stream end>' at line 3, column 1");
  }

  @Test
  void aMissingFileSaysSo() {
    Path file = temp.resolve("absent.yaml");
    assertThatThrownBy(() -> WorkspaceConfigFile.read(file, name -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": no such file");
  }
}
