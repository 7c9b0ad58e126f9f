package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Interpreters start from a memory snapshot of the runtime that made it, and from no other. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SnapshotIT {
  @TempDir Path cache;

  private SnapshotStore store() {
    return new SnapshotStore(cache);
  }
  private final NodeRuntime runtime = NodeRuntimeLocator.fromSystem().locate();

  private String startAndRun() {
    try (NodeSidecar sidecar = new NodeSidecar(() -> runtime, NodeSidecar.SidecarSettings.DEFAULTS, new ObjectMapper(),
        new MountBridge(new WorkspaceFs(new MountTable(List.of())), new ObjectMapper()), store())) {
      String status = sidecar.snapshotStatus();
      assertThat(new String(sidecar.run(PythonRun.command("import json; print(json.dumps([6 * 7]))", "/", Map.of()))
          .stdout(), StandardCharsets.UTF_8)).isEqualTo("[42]\n");
      return status;
    }
  }

  private Path snapshotFile() {
    return store().snapshotFor(runtime).orElseThrow().file();
  }

  private void awaitStored() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(snapshotFile())) {
      assertThat(System.nanoTime()).as("the snapshot was stored within 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void theFirstStartMakesTheSnapshotAndTheNextStartsFromIt() throws Exception {
    assertThat(startAndRun()).isEqualTo("made");
    awaitStored();
    assertThat(snapshotFile().getFileName().toString()).matches("pyodide-314\\.0\\.8-[0-9a-f]{16}\\.snapshot");

    assertThat(startAndRun()).isEqualTo("loaded");
  }

  @Test
  void aSnapshotMadeByAnotherRuntimeIsRefusedAndRebuiltNeverLoaded() throws Exception {
    Files.createDirectories(snapshotFile().getParent());
    byte[] foreign = ("mirage4j-snapshot 1\n0.28.0-0123456789abcdef\n" + "x".repeat(1000)).getBytes(StandardCharsets.UTF_8);
    Files.write(snapshotFile(), foreign);

    assertThat(startAndRun()).isEqualTo("made; refused: made for \"0.28.0-0123456789abcdef\", not "
        + store().snapshotFor(runtime).orElseThrow().key());
    awaitRewritten(foreign.length);
    assertThat(startAndRun()).isEqualTo("loaded");
  }

  /**
   * A snapshot holds what the Node that made it reported (Python's {@code sys._emscripten_info}
   * names its major version), so another Node makes its own. The other Node here is the same
   * binary behind a script that reports another version to the Node check.
   */
  @Test
  void aSnapshotMadeUnderAnotherNodeVersionIsNotLoaded() throws Exception {
    assertThat(startAndRun()).isEqualTo("made");
    awaitStored();
    Path otherNode = cache.resolve("other-node");
    Files.writeString(otherNode, "#!/bin/sh\n"
        + "[ \"$1\" = -p ] && { echo '27.0.0 function'; exit 0; }\n"
        + "exec '" + runtime.node() + "' \"$@\"\n");
    Files.setPosixFilePermissions(otherNode, PosixFilePermissions.fromString("rwx------"));
    NodeRuntime other = new NodeRuntime(otherNode, runtime.shimDir());

    assertThat(store().snapshotFor(other).orElseThrow().key()).isNotEqualTo(store().snapshotFor(runtime).orElseThrow().key());
    try (NodeSidecar sidecar = new NodeSidecar(() -> other, NodeSidecar.SidecarSettings.DEFAULTS, new ObjectMapper(),
        new MountBridge(new WorkspaceFs(new MountTable(List.of())), new ObjectMapper()), store())) {
      assertThat(sidecar.snapshotStatus()).isEqualTo("made");
    }
  }

  @Test
  void aFileThatIsNoSnapshotIsRefused() throws Exception {
    Files.createDirectories(snapshotFile().getParent());
    Files.writeString(snapshotFile(), "garbage");

    assertThat(startAndRun()).isEqualTo("made; refused: not a snapshot file");
    awaitRewritten(7);
    assertThat(startAndRun()).isEqualTo("loaded");
  }

  @Test
  void withoutAWritableCacheEveryStartLoadsInFull() throws IOException {
    Files.writeString(cache.resolve("not-a-dir"), "");
    try (NodeSidecar sidecar = new NodeSidecar(() -> runtime, NodeSidecar.SidecarSettings.DEFAULTS, new ObjectMapper(),
        new MountBridge(new WorkspaceFs(new MountTable(List.of())), new ObjectMapper()),
        new SnapshotStore(cache.resolve("not-a-dir")))) {
      assertThat(sidecar.snapshotStatus()).isEqualTo("made");
      assertThat(new String(sidecar.run(PythonRun.command("print(1)", "/", Map.of())).stdout(), StandardCharsets.UTF_8))
          .isEqualTo("1\n");
    }
  }

  private void awaitRewritten(long oldSize) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.size(snapshotFile()) == oldSize) {
      assertThat(System.nanoTime()).as("the snapshot was rebuilt within 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
