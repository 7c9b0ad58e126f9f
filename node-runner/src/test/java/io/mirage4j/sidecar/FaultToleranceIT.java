package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.Resources;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRun;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runaway, stuck, crashing, hanging and flooding programs against a real sidecar: each ends with a
 * clear result in bounded time, and the workspace answers the next call.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultToleranceIT {
  // A file in the interpreter's own /tmp lives as long as the interpreter; its state does not (every
  // call sees a fresh process's).
  private static final String MARK = "python3 -c 'open(\"/tmp/mark\", \"w\").close()'";
  private static final String MARKED = "python3 -c 'import os; print(os.path.exists(\"/tmp/mark\"))'";

  private static Workspace ws;

  @BeforeAll
  static void start() {
    ws = Workspace.builder()
        .mount("/data", Resources.inMemory())
        .pythonTimeout(Duration.ofSeconds(1))
        .outputLimit(1 << 20)
        .build();
    ws.execute("python3 -c pass");
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  /** The line ends at the 1 s limit, exit 124 with exactly the timeout message, within 3 s. */
  private static void assertTimesOut(String line) {
    long started = System.nanoTime();
    ExecResult r = ws.execute(line);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(r).isEqualTo(result("", "python3: timed out after 1s\n", 124));
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aBusyLoopIsInterruptedAtItsLimitAndTheInterpreterIsKept() {
    ws.execute(MARK);
    assertTimesOut("python3 -c 'while True: pass'");
    assertThat(ws.execute(MARKED)).isEqualTo(result("True\n", "", 0));
  }

  @Test
  void aSleepingProgramIsInterruptedAtItsLimit() {
    assertTimesOut("python3 -c 'import time; time.sleep(30)'");
    assertThat(ws.execute("python3 -c 'import time; time.sleep(0.01); print(\"slept\")'"))
        .isEqualTo(result("slept\n", "", 0));
  }

  @Test
  void aProgramThatSwallowsTheInterruptIsStoppedByReplacingItsInterpreter() {
    ws.execute(MARK);
    assertTimesOut("python3 -c '\nwhile True:\n  try:\n    while True: pass\n  except KeyboardInterrupt:\n    pass'");
    assertThat(ws.execute(MARKED)).isEqualTo(result("False\n", "", 0));
  }

  @Test
  void aProgramStuckInCCodeIsStoppedByReplacingItsInterpreter() {
    assertTimesOut("python3 -c 'sum(range(10**12))'");
    assertThat(ws.execute("python3 -c 'print(7)'")).isEqualTo(result("7\n", "", 0));
  }

  @Test
  void aLineCanSetItsOwnPythonLimit() {
    ExecResult quick = ws.execute("python3 -c 'while True: pass'", ExecOptions.defaults().withPythonTimeout(Duration.ofMillis(300)));
    ExecResult patient = ws.execute("python3 -c 'import time; time.sleep(1.5); print(\"done\")'",
        ExecOptions.defaults().withPythonTimeout(Duration.ofSeconds(5)));

    assertThat(quick).isEqualTo(result("", "python3: timed out after 0.3s\n", 124));
    assertThat(patient).isEqualTo(result("done\n", "", 0));
  }

  @Test
  void aFloodOfOutputIsCutAtTheLimitAndTheProgramStopped() {
    ExecResult r = ws.execute("python3 -c 'while True: print(\"x\" * 1000)'");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).hasSize(1 << 20);
    assertThat(r.stderrText()).isEqualTo(
        "python3: output truncated: the program wrote more than 1048576 bytes to stdout and was stopped\n");
    assertThat(ws.execute("python3 -c 'print(8)'")).isEqualTo(result("8\n", "", 0));
  }

  @Test
  void aGigabyteWrittenAtOnceNeverCrossesToJava() {
    ExecOptions patient = ExecOptions.defaults().withPythonTimeout(Duration.ofSeconds(60));
    ExecResult printed = ws.execute("python3 -c 'print(\"y\" * 10**9)' | wc -c", patient);
    ExecResult written = ws.execute("python3 -c 'import os\nfor _ in range(1000): os.write(1, b\"z\" * 10**6)' | wc -c", patient);

    assertThat(printed.stdoutText()).as("stderr: %s", printed.stderrText()).isEqualTo("1048576\n");
    assertThat(printed.stderrText()).isEqualTo(
        "python3: output truncated: the program wrote more than 1048576 bytes to stdout and was stopped\n");
    assertThat(written.stdoutText()).as("stderr: %s", written.stderrText()).isEqualTo("1048576\n");
    assertThat(ws.execute("python3 -c 'print(9)'")).isEqualTo(result("9\n", "", 0));
  }

  @Test
  void aFloodOfErrorOutputIsCutToo() {
    ExecResult r = ws.execute("python3 -c 'import sys\nwhile True: sys.stderr.write(\"e\" * 1000)' 2>/dev/null; echo $?");

    assertThat(r.stdoutText()).isEqualTo("1\n");
    assertThat(ws.execute("python3 -c 'print(10)'")).isEqualTo(result("10\n", "", 0));
  }

  @Test
  void runningOutOfMemoryIsAMemoryErrorAndTheGrownInterpreterIsRetired() {
    ws.execute(MARK);
    ExecResult r = ws.execute("python3 -c 'x = []\nwhile True: x.append(bytearray(10**8))'",
        ExecOptions.defaults().withPythonTimeout(Duration.ofSeconds(60)));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).endsWith("MemoryError\n");
    assertThat(ws.execute(MARKED)).isEqualTo(result("False\n", "", 0));
  }

  @Test
  void aKilledSidecarFailsTheCallKeepsFlushedWritesAndIsReplaced(@TempDir Path dir) throws Exception {
    try (Workspace w = Workspace.builder().pythonRuntime(Sidecars.onePerProcess())
        .mount("/work", Resources.localDir(dir)).build()) {
      ProcessHandle sidecar = sidecarOf(() -> w.execute("python3 -c pass"));
      CompletableFuture<ExecResult> call = CompletableFuture.supplyAsync(() -> w.execute(
          "python3 -c 'open(\"/work/done.txt\", \"w\").write(\"kept\")\n"
              + "f = open(\"/work/open.txt\", \"w\"); f.write(\"never closed\")\n"
              + "open(\"/work/started\", \"w\").close()\nwhile True: pass'"));
      waitFor(() -> Files.exists(dir.resolve("started")));

      sidecar.destroyForcibly();
      ExecResult crashed = call.get(30, TimeUnit.SECONDS);

      assertThat(crashed.exitCode()).isEqualTo(1);
      assertThat(crashed.stderrText()).startsWith("python3: runtime crashed: the Python sidecar was killed by signal 9");
      assertThat(Files.readString(dir.resolve("done.txt"))).isEqualTo("kept");
      assertThat(dir.resolve("open.txt")).doesNotExist();
      assertThat(w.execute("python3 -c 'print(open(\"/work/done.txt\").read())'")).isEqualTo(result("kept\n", "", 0));
    }
  }

  @Test
  void aSidecarThatStopsAnsweringIsDetectedAndReplaced() throws Exception {
    NodeSidecar sidecar = new NodeSidecar(
        NodeRuntimeLocator.fromSystem()::locate,
        new NodeSidecar.SidecarSettings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(1), 1L << 30, false, 1),
        new ObjectMapper(),
        new MountBridge(new WorkspaceFs(new MountTable(List.of())), new ObjectMapper()));
    try (sidecar) {
      ProcessHandle process = sidecarOf(() -> sidecar.run(program("pass")));
      signal("STOP", process);

      long started = System.nanoTime();
      Throwable hung = catchThrowable(() -> sidecar.run(program("print(1)")));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(hung).isInstanceOf(SidecarCrashedException.class)
          .hasMessage("runtime not responding: the Python sidecar did not start the program within 2 s and was stopped;"
              + " the next call starts a new one");
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(process.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
      assertThat(new String(sidecar.run(program("print(2)")).stdout(), StandardCharsets.UTF_8)).isEqualTo("2\n");
    }
  }

  private static PythonRun program(String code) {
    return PythonRun.command(code, "/", Map.of());
  }

  /** The sidecar process that appears while {@code action} runs. */
  private static ProcessHandle sidecarOf(Runnable action) {
    List<ProcessHandle> before = Sidecars.running();
    action.run();
    List<ProcessHandle> after = Sidecars.running();
    after.removeAll(before);
    assertThat(after).hasSize(1);
    return after.get(0);
  }

  private static void signal(String name, ProcessHandle process) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor()).isZero();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static ExecResult result(String out, String err, int code) {
    return new ExecResult(out.getBytes(StandardCharsets.UTF_8), err.getBytes(StandardCharsets.UTF_8), code);
  }
}
