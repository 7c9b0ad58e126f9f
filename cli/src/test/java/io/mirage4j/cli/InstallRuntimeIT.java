package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.cli.CliProcess.Run;
import io.mirage4j.install.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar mirage4j-cli.jar install-runtime DIR}, then Python from DIR through {@code
 * MIRAGE4J_RUNTIME_DIR} alone: nothing is extracted to the cache.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InstallRuntimeIT {
  @TempDir Path temp;

  private Run cli(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = CliProcess.command(List.of("-Dmirage4j.cache.dir=" + temp.resolve("cache")), args);
    Path stderr = temp.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MIRAGE4J_"));
    builder.environment().putAll(env);
    Process p = builder.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(stderr));
  }

  @Test
  void installsTheRuntimeForAReadOnlyImage() throws Exception {
    Path dir = temp.resolve("opt/mirage4j");
    String platform = Platform.current().id();

    Run install = cli(Map.of(), "install-runtime", dir.toString());
    assertThat(install.status()).as(install.stderr()).isZero();
    assertThat(install.stdout()).startsWith("installed mirage4j-runtime ")
        .contains("installed mirage4j-node-" + platform + " ", dir.resolve("node").resolve(platform).toString())
        .endsWith("run with MIRAGE4J_RUNTIME_DIR=" + dir + "\n");
    assertThat(cli(Map.of(), "install-runtime", dir.toString()).stdout()).startsWith("already installed mirage4j-runtime ");

    Run python = cli(Map.of("MIRAGE4J_RUNTIME_DIR", dir.toString()), "-c", "python3 -c 'print(1)'");
    assertThat(python).as(python.stderr()).isEqualTo(new Run(0, "1\n", ""));
    assertThat(temp.resolve("cache/runtime")).doesNotExist();
  }

  @Test
  void refusesAPlatformItHasNoNodeFor() throws Exception {
    Run run = cli(Map.of(), "install-runtime", "--platform", "darwin-arm64", temp.resolve("x").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.stderr()).startsWith("--platform darwin-arm64: expected one of linux-x64, linux-arm64");
  }
}
