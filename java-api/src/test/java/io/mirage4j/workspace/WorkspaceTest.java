package io.mirage4j.workspace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Resources;
import io.mirage4j.python.PythonProgram;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import io.mirage4j.python.PythonTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The workspace and the python3 front end, over a fake runtime that records what it is asked. */
class WorkspaceTest {

  private static final class FakeRuntime implements PythonRuntime {
    final List<PythonRun> runs = new ArrayList<>();
    Function<PythonRun, PythonResult> behaviour = run -> new PythonResult(0, "ok\n".getBytes(UTF_8), new byte[0]);
    boolean closed;
    int starts;
    RuntimeException startFailure;

    @Override
    public void start() {
      starts++;
      if (startFailure != null) {
        throw startFailure;
      }
    }

    @Override
    public PythonResult run(PythonRun run) {
      runs.add(run);
      return behaviour.apply(run);
    }

    @Override
    public String version() {
      return "3.13.2";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final FakeRuntime fake = new FakeRuntime();
  private int created;

  private Workspace workspace() {
    return Workspace.builder()
        .mount("/data", Resources.inMemory())
        .env("HOME", "/data")
        .pythonRuntime(files -> {
          created++;
          return fake;
        })
        .build();
  }

  @Test
  void aWorkspaceThatNeverCallsPythonNeverStartsIt() {
    try (Workspace ws = workspace()) {
      ws.execute("echo hi");
      ws.execute("pwd");
      assertThat(ws.pythonStarted()).isFalse();
    }
    assertThat(created).isZero();
  }

  @Test
  void handsTheProgramArgvCwdAndEnvToTheRuntime() {
    try (Workspace ws = workspace()) {
      ExecResult r = ws.execute("python3 -c 'print(\"a b\")' first \"second arg\"");
      assertThat(r.stdoutText()).isEqualTo("ok\n");
      assertThat(r.exitCode()).isZero();
    }
    PythonRun run = fake.runs.get(0);
    assertThat(run.program()).isEqualTo(new PythonProgram.Command("print(\"a b\")"));
    assertThat(run.argv()).containsExactly("-c", "first", "second arg");
    assertThat(run.cwd()).isEqualTo("/data");
    assertThat(run.path0()).isEmpty();
    assertThat(run.label()).isEqualTo("python3");
    assertThat(run.env()).isEqualTo(Map.of("HOME", "/data"));
    assertThat(run.timeout()).isNull();
  }

  @Test
  void passesTheRuntimesExitCodeAndBothStreams() {
    fake.behaviour = run -> new PythonResult(3, "out".getBytes(UTF_8), "err".getBytes(UTF_8));
    try (Workspace ws = workspace()) {
      assertThat(ws.execute("python -c x")).isEqualTo(new ExecResult("out".getBytes(UTF_8), "err".getBytes(UTF_8), 3));
    }
  }

  @Test
  void theSessionKeepsExportsAndCdBetweenLines() {
    try (Workspace ws = workspace()) {
      ws.execute("export GREETING=hi");
      ws.execute("cd /data");
      ws.execute("python3 -c pass");
      Session other = ws.newSession();
      other.execute("export GREETING=other");
      assertThat(fake.runs.get(0).env()).containsEntry("GREETING", "hi");
      assertThat(ws.defaultSession().env()).containsEntry("GREETING", "hi");
      assertThat(other.env()).containsEntry("GREETING", "other");
    }
  }

  @Test
  void cdRefusesWhatIsNotADirectory() {
    try (Workspace ws = workspace()) {
      ExecResult r = ws.execute("cd /nowhere");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stderrText()).isEqualTo("cd: /nowhere: No such file or directory\n");
      assertThat(ws.defaultSession().cwd()).isEqualTo("/data");
    }
  }

  @Test
  void reportsSyntaxErrorsAndUnknownCommandsLikeTheShell() {
    try (Workspace ws = workspace()) {
      assertThat(ws.execute("echo 'open")).isEqualTo(new ExecResult(new byte[0], "mirage: syntax error near ''open'\n".getBytes(UTF_8), 2));
      assertThat(ws.execute("frobnicate now")).isEqualTo(new ExecResult(new byte[0], "frobnicate: command not found\n".getBytes(UTF_8), 127));
    }
  }

  @Test
  void aMissingCodeArgumentIsAUsageError() {
    try (Workspace ws = workspace()) {
      ExecResult r = ws.execute("python3 -c");
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.stderrText()).isEqualTo("Argument expected for the -c option\n"
          + "usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
          + "Try `python -h' for more information.\n");
    }
    assertThat(fake.runs).isEmpty();
  }

  @Test
  void withoutARuntimePython3Exits127AndTheWorkspaceKeepsWorking() {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ExecResult r = ws.execute("python3 -c 'print(1)'");
      assertThat(r.exitCode()).isEqualTo(127);
      assertThat(r.stderrText())
          .isEqualTo("python3: no Python runtime on the classpath; add the dependency io.mirage4j:mirage4j-node-runner"
              + " (it brings the runtime and Node.js)\n");
      assertThat(ws.execute("echo still here").stdoutText()).isEqualTo("still here\n");
    }
  }

  @Test
  void anUnavailableRuntimeIsOneLineWithTheInvokedName() {
    fake.behaviour = run -> {
      throw new PythonRuntimeUnavailableException("Node.js not found at /x; set MIRAGE4J_NODE");
    };
    try (Workspace ws = workspace()) {
      ExecResult r = ws.execute("python -c 1");
      assertThat(r.exitCode()).isEqualTo(127);
      assertThat(r.stderrText()).isEqualTo("python: Node.js not found at /x; set MIRAGE4J_NODE\n");
    }
  }

  @Test
  void aTimedOutCallExits124() {
    fake.behaviour = run -> {
      throw new PythonTimeoutException(run.timeout());
    };
    try (Workspace ws = Workspace.builder().pythonTimeout(Duration.ofMillis(1500)).pythonRuntime(files -> fake).build()) {
      ExecResult r = ws.execute("python3 -c 'while True: pass'");
      assertThat(r.exitCode()).isEqualTo(124);
      assertThat(r.stderrText()).isEqualTo("python3: timed out after 1.5s\n");
    }
    assertThat(fake.runs.get(0).timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void startPythonStartsTheRuntimeOnceAndTellsWhenItIsReady() throws Exception {
    try (Workspace ws = workspace()) {
      ws.startPython().toCompletableFuture().get(10, TimeUnit.SECONDS);
      ws.startPython().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(ws.pythonStarted()).isTrue();
    }
    assertThat(fake.starts).isEqualTo(1);
  }

  @Test
  void aRuntimeThatCannotStartFailsTheStage() {
    fake.startFailure = new PythonRuntimeUnavailableException("Node.js not found");
    try (Workspace ws = workspace()) {
      assertThatThrownBy(() -> ws.startPython().toCompletableFuture().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(PythonRuntimeUnavailableException.class);
    }
  }

  @Test
  void startPythonOnAClosedWorkspaceFails() {
    Workspace ws = workspace();
    ws.close();
    assertThatThrownBy(() -> ws.startPython().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeStopsTheRuntimeAndLaterCallsAreRefused() {
    Workspace ws = workspace();
    ws.execute("python3 -c pass");
    ws.close();
    ws.close();
    assertThat(fake.closed).isTrue();
    assertThatThrownBy(() -> ws.execute("echo x")).isInstanceOf(IllegalStateException.class).hasMessage("Workspace is closed");
  }

  @Test
  void theBuilderChecksItsInput() {
    assertThatThrownBy(() -> Workspace.builder().env("1BAD", "x")).hasMessageContaining("1BAD");
    assertThatThrownBy(() -> Workspace.builder().cwd("relative")).hasMessageContaining("relative");
    assertThatThrownBy(() -> Workspace.builder().pythonTimeout(Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Workspace.builder().mount("/a", Resources.inMemory()).mount("/a", Resources.inMemory()))
        .hasMessageContaining("a mount exists at /a");
  }

  @Test
  void argumentsLargerThanArgMaxAreRefusedAsBashReportsE2big() {
    String big = "y".repeat(io.mirage4j.python.ArgumentSize.MAX_BYTES);
    try (Workspace ws = workspace()) {
      for (String line : List.of("python3 -c \"$BIG\"", "python3 -c pass \"$BIG\"", "export BIG; python3 -c pass",
          "python3 -m \"$BIG\"")) {
        ExecResult r = ws.execute("BIG=" + big + "; " + line);
        assertThat(r.stderrText()).as(line).isEqualTo("python3: Argument list too long\n");
        assertThat(r.exitCode()).as(line).isEqualTo(126);
      }
      assertThat(fake.runs).isEmpty();
      String underHalf = big.substring(big.length() / 2 + 100);
      assertThat(ws.newSession().execute("H=" + underHalf + "; python3 -c \"$H\" \"$H\"").exitCode()).isZero();
      assertThat(fake.runs).hasSize(1);
    }
  }

  @Test
  void argumentSizeCountsUtf8BytesAndTerminatorsAsLinuxDoes() {
    assertThat(io.mirage4j.python.ArgumentSize.of("python3", new PythonProgram.Command("é"), List.of("-c", "😀"),
        Map.of("K", "\ud800"))).isEqualTo(8 + 3 + 3 + 5 + 2 + 4);
  }

  @Test
  void theEnvironmentReachesTheProgramAsExecveWouldPassIt() {
    try (Workspace ws = workspace()) {
      ExecOptions env = ExecOptions.defaults().withEnv("NUL", "before\0after").withEnv("LONE", "x\ud800y\udc80z")
          .withEnv("PAIR", "\ud83d\ude00").withEnv("A\0B", "v");
      assertThat(ws.execute("python3 -c pass", env).exitCode()).isZero();
    }
    Map<String, String> seen = fake.runs.get(0).env();
    assertThat(seen).containsEntry("NUL", "before").containsEntry("LONE", "x?y?z").containsEntry("PAIR", "😀")
        .containsEntry("A", "v").containsEntry("HOME", "/data");
    assertThat(seen.keySet()).noneMatch(name -> name.contains("\0"));
  }
}
