package io.mirage4j.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs started together with the same empty cache, each running Python from the runtime and
 * Node artifacts on its classpath (no development js-shim): both succeed, one extracts each
 * bundle, and the cache ends with one directory per bundle.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwoJvmExtractionIT {
  @TempDir Path temp;

  private record Run(int status, String stdout, String stderr) {}

  @Test
  void twoJvmsStartedTogetherShareOneExtraction() throws Exception {
    Path cache = temp.resolve("cache");
    List<Process> jvms = new ArrayList<>();
    List<CompletableFuture<String>> stdouts = new ArrayList<>();
    List<Path> stderrs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path stderr = temp.resolve("jvm-" + i + ".err");
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dmirage4j.cache.dir=" + cache,
          "-Dmirage4j.pool.size=0",
          "-Dorg.slf4j.simpleLogger.log.io.mirage4j.install=info",
          "-cp", System.getProperty("java.class.path"),
          PrintOneMain.class.getName())
          .redirectError(stderr.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("MIRAGE4J_"));
      stderrs.add(stderr);
      jvms.add(builder.start());
    }
    for (Process jvm : jvms) {
      stdouts.add(CompletableFuture.supplyAsync(() -> readAll(jvm)));
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      assertThat(jvms.get(i).waitFor(150, TimeUnit.SECONDS)).isTrue();
      runs.add(new Run(jvms.get(i).exitValue(), stdouts.get(i).get(), Files.readString(stderrs.get(i))));
    }

    for (Run run : runs) {
      assertThat(run.stdout()).as(run.stderr()).isEqualTo("1\n");
      assertThat(run.status()).as(run.stderr()).isZero();
    }
    String logs = runs.get(0).stderr() + runs.get(1).stderr();
    String node = "mirage4j-node-" + Platform.current().id();
    assertThat(logs.lines().filter(l -> l.contains("extracted mirage4j-runtime "))).as(logs).hasSize(1);
    assertThat(logs.lines().filter(l -> l.contains("extracted " + node + " "))).as(logs).hasSize(1);

    List<String> entries = names(CacheDirectory.bundles(cache));
    assertThat(entries.stream().filter(n -> !n.startsWith("."))).as(entries.toString())
        .hasSize(2)
        .anyMatch(n -> n.startsWith("mirage4j-runtime-"))
        .anyMatch(n -> n.startsWith(node + "-"));
    assertThat(entries).noneMatch(n -> n.contains(".tmp-"));
  }

  private static String readAll(Process p) {
    try {
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
