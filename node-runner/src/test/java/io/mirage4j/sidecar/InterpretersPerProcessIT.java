package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several workspaces whose interpreters share one Node process, each in a worker thread of its
 * own: they see nothing of each other, a stuck one is stopped alone, and when the process dies
 * each fails its call in flight and starts afresh.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InterpretersPerProcessIT {
  private final Sidecars.Capturing runtimeA = new Sidecars.Capturing(NodeSidecarProvider.builder().interpretersPerProcess(4).build());
  private final Sidecars.Capturing runtimeB = new Sidecars.Capturing(NodeSidecarProvider.builder().interpretersPerProcess(4).build());
  private Workspace a;
  private Workspace b;

  @BeforeEach
  void open() {
    a = Workspace.builder().pythonRuntime(runtimeA).mount("/data", withFile("a.txt")).build();
    b = Workspace.builder().pythonRuntime(runtimeB).mount("/data", withFile("b.txt")).build();
    assertThat(a.execute("python3 -c 'print(1)'").stdoutText()).isEqualTo("1\n");
    assertThat(b.execute("python3 -c 'print(2)'").stdoutText()).isEqualTo("2\n");
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  @Test
  void twoWorkspacesInOneProcessSeeNothingOfEachOther() {
    assertThat(runtimeA.last().pid()).isEqualTo(runtimeB.last().pid());
    assertThat(runtimeA.last().interpreter().orElseThrow()).isNotSameAs(runtimeB.last().interpreter().orElseThrow());

    ExecResult planted = a.execute("python3 -c '"
        + "import sys, json, os\n"
        + "json.planted = 1\n"
        + "sys.modules[\"planted\"] = json\n"
        + "import builtins; builtins.planted = 1\n"
        + "open(\"/tmp/planted\", \"w\").write(\"a\")\n"
        + "print(sorted(os.listdir(\"/data\")), os.environ.get(\"ONLY_A\"))'", ExecOptions.defaults().withEnv("ONLY_A", "1"));
    assertThat(planted).isEqualTo(result("['a.txt'] 1\n", "", 0));

    ExecResult seen = b.execute("python3 -c '"
        + "import sys, json, os, builtins\n"
        + "print(hasattr(json, \"planted\"), \"planted\" in sys.modules, hasattr(builtins, \"planted\"),"
        + " os.path.exists(\"/tmp/planted\"), sorted(os.listdir(\"/data\")), os.environ.get(\"ONLY_A\"),"
        + " os.path.exists(\"/data/a.txt\"))'");
    assertThat(seen).isEqualTo(result("False False False False ['b.txt'] None False\n", "", 0));
  }

  @Test
  void aProgramThatOverwritesTheSharedStandardLibraryChangesOnlyItsOwnCopy() {
    assertThat(runtimeA.last().pid()).isEqualTo(runtimeB.last().pid());
    ExecResult overwritten = a.execute("python3 -c '"
        + "import os, sys\n"
        + "zip = next(p for p in sys.path if p.endswith(\".zip\"))\n"
        + "os.chmod(zip, 0o666)\n"
        + "f = open(zip, \"r+b\"); f.write(b\"\\0\" * os.path.getsize(zip)); f.close()\n"
        + "print(open(zip, \"rb\").read(4))'");
    assertThat(overwritten).isEqualTo(result("b'\\x00\\x00\\x00\\x00'\n", "", 0));
    // Modules b has not imported yet come from the zip, which it still reads whole.
    ExecResult imported = b.execute("python3 -c '"
        + "import colorsys, fractions, sys\n"
        + "zip = next(p for p in sys.path if p.endswith(\".zip\"))\n"
        + "print(colorsys.rgb_to_hls(1, 0, 0), fractions.Fraction(3, 6), open(zip, \"rb\").read(4))'");
    assertThat(imported).isEqualTo(result("(0.0, 0.5, 1.0) 1/2 b'PK\\x03\\x04'\n", "", 0));
  }

  @Test
  void aProgramWaitingForItsInputHoldsUpNoOtherWorkspace() throws Exception {
    PipedOutputStream typed = new PipedOutputStream();
    PipedInputStream input = new PipedInputStream(typed);
    CompletableFuture<ExecResult> waiting = CompletableFuture.supplyAsync(
        () -> a.execute("python3 -c 'import sys; print(sys.stdin.readline().strip())'", ExecOptions.defaults().withStdin(input)));
    Thread.sleep(1000);

    for (int i = 0; i < 3; i++) {
      CompletableFuture<ExecResult> reads = CompletableFuture.supplyAsync(
          () -> b.execute("python3 -c 'import os; print(open(\"/data/b.txt\").read(), os.listdir(\"/data\"))'"));
      assertThat(reads.get(20, TimeUnit.SECONDS)).isEqualTo(result("b ['b.txt']\n", "", 0));
    }
    assertThat(waiting).isNotDone();
    typed.write("typed\n".getBytes(StandardCharsets.UTF_8));
    typed.close();
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(result("typed\n", "", 0));
  }

  @Test
  void aProgramThatCannotBeInterruptedIsStoppedAloneItsNeighbourRunsOn() throws Exception {
    long pid = runtimeA.last().pid().orElseThrow();
    SidecarInterpreter neighbour = runtimeB.last().interpreter().orElseThrow();
    CompletableFuture<ExecResult> slow = CompletableFuture.supplyAsync(
        () -> b.execute("python3 -c 'import time; time.sleep(3); print(\"done\")'"));

    ExecResult stuck = a.execute("python3 -c '\nwhile True:\n  try:\n    while True: pass\n  except KeyboardInterrupt:\n    pass'",
        ExecOptions.defaults().withPythonTimeout(Duration.ofSeconds(1)));

    assertThat(stuck).isEqualTo(result("", "python3: timed out after 1s\n", 124));
    assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(result("done\n", "", 0));
    assertThat(runtimeB.last().interpreter()).containsSame(neighbour);
    assertThat(a.execute("python3 -c 'print(\"again\")'")).isEqualTo(result("again\n", "", 0));
    assertThat(runtimeA.last().pid()).as("the process was not replaced").hasValue(pid);
  }

  @Test
  void aKilledProcessFailsTheCallInFlightOfEachWorkspaceInItAndEachStartsAfresh() throws Exception {
    ProcessHandle process = ProcessHandle.of(runtimeA.last().pid().orElseThrow()).orElseThrow();
    CompletableFuture<ExecResult> inA = CompletableFuture.supplyAsync(() -> a.execute("python3 -c 'while True: pass'"));
    CompletableFuture<ExecResult> inB = CompletableFuture.supplyAsync(() -> b.execute("python3 -c 'while True: pass'"));
    Thread.sleep(1000);

    process.destroyForcibly();

    for (ExecResult crashed : new ExecResult[] {inA.get(30, TimeUnit.SECONDS), inB.get(30, TimeUnit.SECONDS)}) {
      assertThat(crashed.exitCode()).isEqualTo(1);
      assertThat(crashed.stderrText()).startsWith("python3: runtime crashed: the Python sidecar was killed by signal 9");
    }
    assertThat(a.execute("python3 -c 'print(\"back\")'")).isEqualTo(result("back\n", "", 0));
    assertThat(b.execute("python3 -c 'print(open(\"/data/b.txt\").read())'")).isEqualTo(result("b\n", "", 0));
  }

  @Test
  void anInterpreterWhoseWorkerDiesFailsItsCallAloneAndStartsAfresh() {
    long pid = runtimeA.last().pid().orElseThrow();

    ExecResult crashed = a.execute(
        "python3 -c 'from pyodide.ffi import to_js\nkeep = []\nwhile True: keep.append(to_js([0] * 10**7))'");

    assertThat(crashed.exitCode()).isEqualTo(1);
    assertThat(crashed.stderrText()).startsWith("python3: runtime crashed: the Python interpreter failed: ")
        .contains("ERR_WORKER_OUT_OF_MEMORY");
    assertThat(b.execute("python3 -c 'print(\"fine\")'")).isEqualTo(result("fine\n", "", 0));
    assertThat(runtimeB.last().pid()).as("the process was not replaced").hasValue(pid);
    assertThat(a.execute("python3 -c 'print(\"again\")'")).isEqualTo(result("again\n", "", 0));
  }

  @Test
  void closingAWorkspaceStopsItsInterpreterOnly() {
    SidecarInterpreter closed = runtimeA.last().interpreter().orElseThrow();

    a.close();

    assertThat(closed.isAlive()).isFalse();
    assertThat(b.execute("python3 -c 'print(\"still\")'")).isEqualTo(result("still\n", "", 0));
    assertThat(runtimeB.last().pid()).hasValue(closed.pid());
  }

  private static ExecResult result(String out, String err, int code) {
    return new ExecResult(out.getBytes(StandardCharsets.UTF_8), err.getBytes(StandardCharsets.UTF_8), code);
  }

  private static Resource withFile(String name) {
    Resource resource = Resources.inMemory();
    resource.write("/" + name, name.substring(0, 1).getBytes(StandardCharsets.UTF_8));
    return resource;
  }
}
