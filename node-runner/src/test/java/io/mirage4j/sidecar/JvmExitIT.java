package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A JVM that exits without closing its workspace leaves no Node process behind. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JvmExitIT {

  @Test
  void theSidecarDiesWithTheJvm() throws Exception {
    Process jvm = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmirage4j.shim.dir=" + System.getProperty("mirage4j.shim.dir"),
            "-Dmirage4j.cache.dir=" + System.getProperty("mirage4j.cache.dir"),
            "-Dmirage4j.pool.size=0",
            "-cp", System.getProperty("java.class.path"),
            UnclosedWorkspaceMain.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<Long> pids = out.lines().map(Long::parseLong).collect(Collectors.toList());
    assertThat(pids).as("the child JVM started one sidecar").hasSize(1);

    ProcessHandle sidecar = ProcessHandle.of(pids.get(0)).orElse(null);
    if (sidecar != null) {
      sidecar.onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(pids.get(0)).filter(ProcessHandle::isAlive)).isEmpty();
  }
}
