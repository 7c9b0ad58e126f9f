package io.mirage4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConformanceRunIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(Path dir, String prefix) {
    return ConformanceRun.run(dir, prefix, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void theProjectsQuotingCasesPass() {
    int status = run(DataCleanupIT.FIXTURES, "quoting/");
    assertThat(out.toString(StandardCharsets.UTF_8)).matches("\\d+ passed, 0 failed\n").doesNotStartWith("0 ");
    assertThat(status).isZero();
  }

  @Test
  void aFailingCaseIsReportedWithItsFirstDifference(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("mine"));
    Files.writeString(dir.resolve("mine/sum.json"), "{\"cmd\": \"python3 -c 'print(1 + 1)'\", \"stdout\": \"3\\n\"}");
    int status = run(dir, "");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
        FAIL mine/sum: stdout differs at char 0: expected "3\\n", got "2\\n"
        0 passed, 1 failed
        """);
    assertThat(status).isEqualTo(1);
  }
}
