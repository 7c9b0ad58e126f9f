package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonFlags;
import io.mirage4j.python.PythonProgram;
import io.mirage4j.python.PythonRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child process that is not a well-behaved sidecar: every way it misbehaves is a clear error,
 * never a hang, and leaves no process behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UntrustedSidecarIT {
  /** The versions a ready message must carry besides the protocol. */
  private static final String VERSIONS = ",\"shim\":\"" + ExpectedRuntime.BUILT.shim() + "\",\"pyodide\":\""
      + ExpectedRuntime.BUILT.pyodide() + "\"";

  /**
   * Shell code that answers Java's {@code interpreter/start} (request 1) and returns once the
   * header line of its next request has arrived. A frame ends without a newline, so the line read
   * after the blank one holds the start request's JSON and the next frame's first header line.
   */
  private static final String STARTS_INTERPRETER;

  static {
    String started = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"python\":\"3.14.2\",\"snapshot\":\"loaded\"}}";
    STARTS_INTERPRETER = "read -r line; printf 'Content-Length: " + started.length() + "\\r\\n\\r\\n%s' '" + started
        + "'; read -r blank; read -r next; ";
  }

  @TempDir Path temp;

  private NodeSidecar sidecarRunning(String script) throws IOException {
    Path fake = temp.resolve("fake-node");
    Files.writeString(fake, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    return new NodeSidecar(
        () -> new NodeRuntime(fake, temp),
        NodeSidecar.SidecarSettings.DEFAULTS.withStartupTimeout(Duration.ofSeconds(3), Duration.ofMillis(500)),
        new ObjectMapper(),
        new MountBridge(new WorkspaceFs(new MountTable(List.of())), new ObjectMapper()));
  }

  private static PythonRun program() {
    return PythonRun.command("pass", "/", Map.of());
  }

  @Test
  void aMalformedFrameIsAClearError() throws IOException {
    try (NodeSidecar sidecar = sidecarRunning("printf 'Content-Length: 1x\\r\\n\\r\\n{}'; sleep 30")) {
      assertThatThrownBy(() -> sidecar.run(program()))
          .isInstanceOf(SidecarStartException.class)
          .hasMessageContaining("malformed message")
          .hasMessageContaining("bad Content-Length value: '1x'");
    }
  }

  @Test
  void aChildThatNeverSaysReadyTimesOut() throws IOException {
    try (NodeSidecar sidecar = sidecarRunning("echo starting >&2; sleep 30")) {
      assertThatThrownBy(() -> sidecar.run(program()))
          .isInstanceOf(SidecarStartException.class)
          .hasMessageContaining("did not become ready within 3 s")
          .hasMessageContaining("starting");
    }
    assertThat(Sidecars.running()).noneMatch(p -> p.info().commandLine().orElse("").contains("fake-node"));
  }

  @Test
  void aChildThatExitsAtOnceReportsItsCodeAndLastWords() throws IOException {
    try (NodeSidecar sidecar = sidecarRunning("echo 'cannot load pyodide' >&2; exit 7")) {
      assertThatThrownBy(() -> sidecar.run(program()))
          .isInstanceOf(SidecarStartException.class)
          .hasMessageContaining("exited with code 7")
          .hasMessageContaining("cannot load pyodide");
    }
  }

  @Test
  void anotherProtocolVersionIsRefused() throws IOException {
    String ready = "{\"jsonrpc\":\"2.0\",\"method\":\"$/ready\",\"params\":{\"protocol\":99" + VERSIONS + "}}";
    try (NodeSidecar sidecar = sidecarRunning(
        "printf 'Content-Length: " + ready.length() + "\\r\\n\\r\\n%s' '" + ready + "'; sleep 30")) {
      assertThatThrownBy(() -> sidecar.run(program()))
          .isInstanceOf(SidecarStartException.class)
          .hasMessageContaining("reports protocol 99, js-shim " + ExpectedRuntime.BUILT.shim())
          .hasMessageContaining("needs protocol 2,");
    }
  }

  @Test
  void aForgedResultIsRefused() throws IOException {
    String ready = "{\"jsonrpc\":\"2.0\",\"method\":\"$/ready\",\"params\":{\"protocol\":2" + VERSIONS + "}}";
    String forged = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"exitCode\":999,\"stdout\":\"x\",\"stderr\":\"y\"}}";
    try (NodeSidecar sidecar = sidecarRunning(
        "printf 'Content-Length: " + ready.length() + "\\r\\n\\r\\n%s' '" + ready + "'; " + STARTS_INTERPRETER
            + "printf 'Content-Length: " + forged.length() + "\\r\\n\\r\\n%s' '" + forged + "'; sleep 30")) {
      assertThatThrownBy(() -> sidecar.run(program()))
          .hasMessageContaining("malformed python/run result");
      assertThat(sidecar.pid()).as("a sidecar that forged a result is stopped").isEmpty();
    }
  }

  @Test
  void outputPastTheCallsLimitIsRefused() throws IOException {
    String ready = "{\"jsonrpc\":\"2.0\",\"method\":\"$/ready\",\"params\":{\"protocol\":2" + VERSIONS + "}}";
    String flood = "{\"jsonrpc\":\"2.0\",\"method\":\"$/output\",\"params\":{\"interpreter\":1,\"stdout\":{\"$bin\":[0,3]},"
        + "\"stderr\":{\"$bin\":[3,0]}}}";
    PythonRun limited = new PythonRun(new PythonProgram.Command("pass"), List.of("-c"), "", "python3", PythonFlags.NONE,
        "/", Map.of(), new byte[0], null, 1);
    try (NodeSidecar sidecar = sidecarRunning(
        "printf 'Content-Length: " + ready.length() + "\\r\\n\\r\\n%s' '" + ready + "'; " + STARTS_INTERPRETER
            + "printf 'Content-Length: " + flood.length() + "\\r\\nBinary-Length: 3\\r\\n\\r\\n%sxyz' '" + flood + "'; "
            + "sleep 30")) {
      assertThatThrownBy(() -> sidecar.run(limited))
          .hasMessageContaining("the sidecar sent more output than the call's limit of 1 bytes");
      assertThat(sidecar.pid()).as("a sidecar that sent too much is stopped").isEmpty();
    }
  }
}
