package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** python3 through a real Node 26 sidecar running real Pyodide. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeSidecarIT {
  private static Workspace ws;

  @BeforeAll
  static void start() {
    ws = Workspace.builder().mount("/data", Resources.inMemory()).build();
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  private static ExecResult run(String line) {
    return ws.execute(line);
  }

  @Test
  void printsToStdout() {
    assertThat(run("python3 -c 'print(6*7)'")).isEqualTo(result("42\n", "", 0));
  }

  @Test
  void keepsStderrApart() {
    assertThat(run("python3 -c 'import sys; print(\"out\"); sys.stderr.write(\"err\\n\")'"))
        .isEqualTo(result("out\n", "err\n", 0));
  }

  @Test
  void exitsWithTheProgramsStatus() {
    assertThat(run("python3 -c 'import sys; sys.exit(3)'")).isEqualTo(result("", "", 3));
  }

  @Test
  void anUncaughtExceptionExits1WithCPythonsTraceback() {
    assertThat(run("python3 -c '1/0'")).isEqualTo(result("",
        "Traceback (most recent call last):\n"
            + "  File \"<string>\", line 1, in <module>\n"
            + "    1/0\n"
            + "    ~^~\n"
            + "ZeroDivisionError: division by zero\n", 1));
  }

  @Test
  void seesTheSessionsArgvEnvAndCwdButNotTheHosts() {
    ws.execute("export GREETING=hello");
    ExecResult r = run("python3 -c 'import os, sys; print(sys.argv, os.environ.get(\"GREETING\"), os.getcwd(), \"PATH\" in os.environ)' a 'b c'");
    assertThat(r.stdoutText()).isEqualTo("['-c', 'a', 'b c'] hello /data False\n");
  }

  @Test
  void topLevelNamesDoNotLeakIntoTheNextCall() {
    run("python3 -c 'leaked = 1'");
    assertThat(run("python3 -c 'print(\"leaked\" in globals())'").stdoutText()).isEqualTo("False\n");
  }

  @Test
  void twoWorkspacesRunAtOnceInSeparateInterpreters() throws Exception {
    try (Workspace a = Workspace.builder().build(); Workspace b = Workspace.builder().build()) {
      CompletableFuture<ExecResult> fromA = CompletableFuture.supplyAsync(
          () -> a.execute("python3 -c 'open(\"/tmp/marker\", \"w\").write(\"A\"); print(open(\"/tmp/marker\").read())'"));
      CompletableFuture<ExecResult> fromB = CompletableFuture.supplyAsync(
          () -> b.execute("python3 -c 'open(\"/tmp/marker\", \"w\").write(\"B\"); print(open(\"/tmp/marker\").read())'"));
      assertThat(fromA.get(60, TimeUnit.SECONDS).stdoutText()).isEqualTo("A\n");
      assertThat(fromB.get(60, TimeUnit.SECONDS).stdoutText()).isEqualTo("B\n");
      assertThat(a.execute("python3 -c 'print(open(\"/tmp/marker\").read())'").stdoutText()).isEqualTo("A\n");
      assertThat(b.execute("python3 -c 'print(open(\"/tmp/marker\").read())'").stdoutText()).isEqualTo("B\n");
    }
  }

  @Test
  void eightConcurrentCallsEachSeeTheirOwnEnvironmentAndLeaveNothing() throws Exception {
    List<CompletableFuture<ExecResult>> calls = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(ws.newSession().executeAsync("VAR=v" + i + " python3 -c 'import os; os.environ[\"OTHER\"] = \"x\"; "
          + "print(os.environ[\"VAR\"])'", io.mirage4j.workspace.ExecOptions.defaults()));
    }
    for (int i = 0; i < 8; i++) {
      assertThat(calls.get(i).get(60, TimeUnit.SECONDS).stdoutText()).isEqualTo("v" + i + "\n");
    }
    assertThat(run("python3 -c 'import os; print(sorted(k for k in os.environ if k in (\"VAR\", \"OTHER\")))'").stdoutText())
        .isEqualTo("[]\n");
  }

  @Test
  void modulesInjectedInOneWorkspaceAreNotSeenInAnother() {
    try (Workspace a = Workspace.builder().build(); Workspace b = Workspace.builder().build()) {
      a.execute("python3 -c 'import sys, types; sys.modules[\"injected\"] = types.ModuleType(\"injected\"); import colorsys'");
      assertThat(b.execute("python3 -c 'import sys; print(\"injected\" in sys.modules, \"colorsys\" in sys.modules)'").stdoutText())
          .isEqualTo("False False\n");
      assertThat(a.execute("python3 -c 'import sys; print(\"injected\" in sys.modules, \"colorsys\" in sys.modules)'").stdoutText())
          .isEqualTo("False True\n");
    }
  }

  @Test
  void aMissingNodeIs127WithARemedyAndTheWorkspaceKeepsWorking() {
    String before = System.setProperty("mirage4j.node", "/nonexistent/node");
    try (Workspace w = Workspace.builder().build()) {
      ExecResult r = w.execute("python3 -c 'print(1)'");
      assertThat(r.exitCode()).isEqualTo(127);
      assertThat(r.stderrText()).isEqualTo("python3: no Node.js executable at /nonexistent/node (set by -Dmirage4j.node);"
          + " install Node.js 26 or newer and set MIRAGE4J_NODE (or -Dmirage4j.node, or"
          + " NodeSidecarProvider.builder().node(...)) to its node executable\n");
      assertThat(w.execute("echo still here").stdoutText()).isEqualTo("still here\n");
    } finally {
      if (before == null) {
        System.clearProperty("mirage4j.node");
      } else {
        System.setProperty("mirage4j.node", before);
      }
    }
  }

  @Test
  void closeLeavesNoProcessBehind() {
    Sidecars.Capturing runtime = new Sidecars.Capturing(NodeSidecarProvider.builder().interpretersPerProcess(1).build());
    Workspace extra = Workspace.builder().pythonRuntime(runtime).build();
    extra.execute("python3 -c pass");
    ProcessHandle process = ProcessHandle.of(runtime.last().pid().orElseThrow()).orElseThrow();
    assertThat(process.isAlive()).isTrue();

    extra.close();

    assertThat(process.isAlive()).as("its process, which hosted its interpreter alone").isFalse();
    assertThat(runtime.last().interpreter()).isEmpty();
  }

  @Test
  void aCrashedSidecarFailsTheCallAndTheNextCallGetsAFreshOne() throws Exception {
    try (Workspace w = Workspace.builder().pythonRuntime(Sidecars.onePerProcess()).build()) {
      List<ProcessHandle> before = Sidecars.running();
      w.execute("python3 -c pass");
      ProcessHandle sidecar = Sidecars.running().stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();

      CompletableFuture<ExecResult> busy = CompletableFuture.supplyAsync(() -> w.execute("python3 -c 'while True: pass'"));
      Thread.sleep(500);
      sidecar.destroyForcibly();
      ExecResult crashed = busy.get(30, TimeUnit.SECONDS);

      assertThat(crashed.exitCode()).isEqualTo(1);
      assertThat(crashed.stderrText()).startsWith("python3: runtime crashed: the Python sidecar was killed by signal 9 (exit code 137)");
      assertThat(w.execute("python3 -c 'print(\"back\")'")).isEqualTo(result("back\n", "", 0));
    }
  }

  @Test
  void aRunawayProgramTimesOutWith124AndTheWorkspaceKeepsWorking() {
    try (Workspace w = Workspace.builder().pythonTimeout(Duration.ofSeconds(1)).build()) {
      long started = System.nanoTime();
      ExecResult r = w.execute("python3 -c 'while True: pass'");
      assertThat(r).isEqualTo(result("", "python3: timed out after 1s\n", 124));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(w.execute("python3 -c 'print(2)'")).isEqualTo(result("2\n", "", 0));
    }
  }

  private static ExecResult result(String out, String err, int code) {
    return new ExecResult(out.getBytes(java.nio.charset.StandardCharsets.UTF_8), err.getBytes(java.nio.charset.StandardCharsets.UTF_8), code);
  }
}
