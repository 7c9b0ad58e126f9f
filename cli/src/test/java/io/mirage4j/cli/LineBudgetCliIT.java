package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI, given one-line bombs among its {@code -c} lines: each bomb fails on its own
 * with a clear message, and every later line still runs in the same workspace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LineBudgetCliIT {
  private static final String NAME = "a".repeat(40);
  private static final String PATTERN = "/data/*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
  private static final int CAP = 16 << 20;

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError(line, e);
    }
  }

  @Test
  void bombLinesFailOneByOneAndTheLaterLinesRun() throws Exception {
    Run run = CliProcess.run("", "--json", "--line-timeout", "1",
        "-c", "f(){ f|f; }; f",
        "-c", "printf '%*d' 2147483647 1",
        "-c", "x=$(seq 1 300000000)",
        "-c", "touch /data/" + NAME,
        "-c", "echo " + PATTERN,
        "-c", "printf '%.2000000000f' 1",
        "-c", "while true; do true; done",
        "-c", "echo ok");
    assertThat(run.status()).isZero();
    List<JsonNode> lines = run.stdout().lines().map(LineBudgetCliIT::json).toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0).get("exitCode").asInt()).isEqualTo(126);
    assertThat(lines.get(0).get("stderr").asText()).endsWith("mirage: fork: Resource temporarily unavailable\n");
    String truncated = "mirage: output truncated: the command line wrote more than " + CAP + " bytes\n";
    for (int i : new int[] {1, 5}) {
      assertThat(lines.get(i).get("exitCode").asInt()).isEqualTo(1);
      assertThat(lines.get(i).get("stderr").asText()).isEqualTo(truncated);
      assertThat(lines.get(i).get("stdout").asText()).hasSize(CAP);
    }
    assertThat(lines.get(2).get("exitCode").asInt()).isEqualTo(1);
    assertThat(lines.get(2).get("stderr").asText())
        .isEqualTo("mirage: command substitution: output longer than " + CAP + " bytes\n");
    assertThat(lines.get(4).get("stdout").asText()).isEqualTo(PATTERN + "\n");
    assertThat(lines.get(6).get("exitCode").asInt()).isEqualTo(124);
    assertThat(lines.get(6).get("stderr").asText()).isEqualTo("mirage: timed out after 1s\n");
    assertThat(lines.get(7).get("stdout").asText()).isEqualTo("ok\n");
  }

  @Test
  void theConfigFileSetsTheLineTimeout(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("workspace.yaml");
    Files.writeString(config, "limits:\n  line-timeout: 0.5\n");
    Run run = CliProcess.run("", "--config", config.toString(),
        "-c", "while true; do true; done", "-c", "echo after $?");
    assertThat(run).isEqualTo(new Run(0, "after 124\n", "mirage: timed out after 0.5s\n"));
  }
}
