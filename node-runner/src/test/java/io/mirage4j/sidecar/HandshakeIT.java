package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A js-shim other than the one this build expects is refused when it reports its versions in
 * {@code $/ready}, with one line that says what it is and what was expected, long before the
 * startup timeout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HandshakeIT {
  private static final Path SHIM = Path.of(System.getProperty(NodeRuntimeLocator.SHIM_PROPERTY));

  @TempDir Path temp;

  /** A copy of the js-shim, sharing the build's node_modules, with one file changed. */
  private NodeRuntime modifiedShim(String file, String from, String to) throws IOException {
    Path copy = Files.createDirectories(temp.resolve("shim"));
    for (String name : List.of("index.js", "package.json")) {
      Files.copy(SHIM.resolve(name), copy.resolve(name));
    }
    for (String dir : List.of("lib", "python")) {
      Files.createDirectories(copy.resolve(dir));
      try (Stream<Path> files = Files.list(SHIM.resolve(dir))) {
        for (Path f : files.collect(Collectors.toList())) {
          Files.copy(f, copy.resolve(dir).resolve(f.getFileName()));
        }
      }
    }
    Files.createSymbolicLink(copy.resolve("node_modules"), SHIM.resolve("node_modules"));
    String text = Files.readString(copy.resolve(file));
    assertThat(text).contains(from);
    Files.writeString(copy.resolve(file), text.replace(from, to));
    return new NodeRuntime(NodeRuntimeLocator.bundledNode(SHIM), copy);
  }

  private Throwable start(NodeRuntime runtime) {
    return catchThrowable(() -> SidecarProcess.start(runtime, new ObjectMapper(), Duration.ofSeconds(60),
        new SnapshotStore(temp.resolve("snapshots")), 1).stop(Duration.ofSeconds(1)));
  }

  @Test
  void anotherShimVersionIsRefused() throws IOException {
    NodeRuntime runtime = modifiedShim("package.json", "\"version\": \"" + ExpectedRuntime.BUILT.shim() + "\"",
        "\"version\": \"0.0.1\"");
    List<ProcessHandle> before = Sidecars.running();
    long started = System.nanoTime();
    Throwable refused = start(runtime);
    assertThat(refused).isInstanceOf(SidecarStartException.class)
        .hasMessage("the Python runtime in " + runtime.shimDir() + " reports protocol 2, js-shim 0.0.1, pyodide "
            + ExpectedRuntime.BUILT.pyodide() + "; this mirage4j " + ExpectedRuntime.BUILT.mirage4j() + " needs protocol 2,"
            + " js-shim " + ExpectedRuntime.BUILT.shim() + ", pyodide " + ExpectedRuntime.BUILT.pyodide()
            + "; use the mirage4j-runtime of the same version as mirage4j-node-runner (or rebuild the js-shim)");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(Sidecars.running()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void anotherProtocolIsRefused() throws IOException {
    NodeRuntime runtime = modifiedShim("index.js", "const PROTOCOL_VERSION = 2;", "const PROTOCOL_VERSION = 3;");
    List<ProcessHandle> before = Sidecars.running();
    assertThat(start(runtime)).isInstanceOf(SidecarStartException.class)
        .hasMessageContaining(" reports protocol 3, js-shim " + ExpectedRuntime.BUILT.shim())
        .hasMessageContaining(" needs protocol 2,");
    assertThat(Sidecars.running()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void theBuildsOwnShimIsAccepted() {
    NodeRuntime runtime = new NodeRuntime(NodeRuntimeLocator.bundledNode(SHIM), SHIM);
    assertThat(start(runtime)).isNull();
  }
}
