package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ready interpreters wait for new workspaces; a workspace can start its runtime ahead of its first call. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final NodeRuntime runtime = NodeRuntimeLocator.fromSystem().locate();
  private final SnapshotStore snapshots = SnapshotStore.fromSystem();

  private NodeSidecar sidecar(SidecarPool pool, WorkspaceFs fs) {
    return new NodeSidecar(() -> runtime, NodeSidecar.SidecarSettings.DEFAULTS, MAPPER, new MountBridge(fs, MAPPER),
        snapshots, found -> pool);
  }

  /** How many sidecars the pools of this test have started. */
  private final AtomicInteger starts = new AtomicInteger();

  private SidecarPool pool(int size) {
    SidecarHost host = new SidecarHost(NodeSidecar.SidecarSettings.DEFAULTS.interpretersPerProcess(),
        capacity -> SidecarProcess.start(runtime, MAPPER, Duration.ofSeconds(30), snapshots, capacity), Duration.ofSeconds(1));
    return new SidecarPool(size, () -> {
      starts.incrementAndGet();
      return host.open(Duration.ofSeconds(30));
    });
  }

  private static WorkspaceFs filesWith(String name, String content) {
    Resource resource = Resources.inMemory();
    resource.write("/" + name, content.getBytes(StandardCharsets.UTF_8));
    return new WorkspaceFs(new MountTable(List.of(new Mount("/data", resource, Mode.EXEC))));
  }

  private static String run(NodeSidecar sidecar, String code) {
    PythonResult result = sidecar.run(PythonRun.command(code, "/data", Map.of()));
    assertThat(new String(result.stderr(), StandardCharsets.UTF_8)).isEmpty();
    return new String(result.stdout(), StandardCharsets.UTF_8);
  }

  @Test
  void aNewWorkspaceTakesTheWaitingInterpreterAndSeesItsOwnMounts() throws Exception {
    SidecarPool pool = pool(1);
    try (NodeSidecar first = sidecar(pool, filesWith("a.txt", "first"))) {
      assertThat(run(first, "print(open('/data/a.txt').read())")).isEqualTo("first\n");
      waitFor(() -> pool.waiting().size() == 1);
      SidecarInterpreter waiting = pool.waiting().get(0);

      try (NodeSidecar second = sidecar(pool, filesWith("a.txt", "second"))) {
        assertThat(run(second, "print(open('/data/a.txt').read())")).isEqualTo("second\n");
        assertThat(second.interpreter()).containsSame(waiting);
        waitFor(() -> pool.waiting().size() == 1 && pool.waiting().get(0) != waiting);
      }
      assertThat(run(first, "print(open('/data/a.txt').read())")).isEqualTo("first\n");
    } finally {
      pool.take().ifPresent(SidecarInterpreter::killProcess);
    }
  }

  @Test
  void aPoolOfSizeZeroKeepsNothingWaiting() throws Exception {
    SidecarPool pool = pool(0);
    try (NodeSidecar only = sidecar(pool, filesWith("a.txt", "x"))) {
      assertThat(run(only, "print(1)")).isEqualTo("1\n");
      pool.replenish();
      Thread.sleep(200);
      assertThat(pool.waiting()).isEmpty();
      assertThat(starts).as("interpreters started: the workspace's own only").hasValue(1);
    }
  }

  @Test
  void aPrewarmedWorkspaceStartsItsSidecarBeforeTheFirstCall() throws Exception {
    List<ProcessHandle> before = Sidecars.running();
    try (Workspace ws = Workspace.builder().pythonRuntime(Sidecars.onePerProcess()).prewarm().build()) {
      waitFor(() -> Sidecars.running().size() == before.size() + 1);
      List<ProcessHandle> started = Sidecars.running();
      started.removeAll(before);

      assertThat(ws.execute("python3 -c 'print(\"warm\")'").stdoutText()).isEqualTo("warm\n");
      List<ProcessHandle> after = Sidecars.running();
      after.removeAll(before);
      assertThat(after).isEqualTo(started);
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
