package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.cli.CliProcess.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirage4j conformance}, run as a user runs it, over a user's own case files and the project's. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConformanceCommandIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path temp;
  private Path cases;

  @BeforeEach
  void twoCases() throws IOException {
    cases = Files.createDirectories(temp.resolve("mine/cases/demo"));
    Files.writeString(cases.resolve("adds.json"), """
        {"cmd": "python3 -c 'print(2 + 3)'", "stdout": "5\\n"}
        """);
    Files.writeString(cases.resolve("greets.json"), """
        {"files": {"/data/name.txt": "world\\n"}, "cmd": "echo hello $(cat name.txt)", "stdout": "hi world\\n"}
        """);
  }

  @Test
  void printsATableAndTheCounts() throws Exception {
    Run run = CliProcess.run("", "conformance", temp.resolve("mine").toString());
    assertThat(run.stdout()).isEqualTo("""
        case         result  first difference
        demo/adds    pass
        demo/greets  FAIL    stdout differs at char 1: expected "i world\\n", got "ello world\\n"
        1 passed, 1 failed
        """);
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void jsonHasEveryCaseWithExpectedAndActual() throws Exception {
    Run run = CliProcess.run("", "conformance", "--json", "--host-dirs", cases.getParent().toString());
    JsonNode report = MAPPER.readTree(run.stdout());
    assertThat(report.get("passed").asInt()).isEqualTo(1);
    assertThat(report.get("failed").asInt()).isEqualTo(1);
    JsonNode greets = report.get("cases").get(1);
    assertThat(greets.get("id").asText()).isEqualTo("demo/greets");
    assertThat(greets.get("passed").asBoolean()).isFalse();
    assertThat(greets.get("expected").get("stdout").asText()).isEqualTo("hi world\n");
    assertThat(greets.get("actual").get("stdout").asText()).isEqualTo("hello world\n");
    assertThat(greets.get("actual").get("exit").asInt()).isZero();
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void aRecordingExpectsWhatThisImplementationProduced() throws Exception {
    Path out = temp.resolve("recorded");
    Run record = CliProcess.run("", "conformance", "--record", out.toString(), temp.resolve("mine").toString());
    assertThat(record.status()).isZero();
    assertThat(record.stdout()).endsWith("1 passed, 1 failed\n");
    JsonNode greets = MAPPER.readTree(out.resolve("demo/greets.json").toFile());
    assertThat(greets.get("stdout").asText()).isEqualTo("hello world\n");
    assertThat(greets.get("cmd").asText()).isEqualTo("echo hello $(cat name.txt)");
    assertThat(greets.get("files").get("/data/name.txt").asText()).isEqualTo("world\n");

    Run replay = CliProcess.run("", "conformance", out.toString());
    assertThat(replay.stdout()).endsWith("2 passed, 0 failed\n");
    assertThat(replay.status()).isZero();
  }

  @Test
  void runsTheProjectsOwnCasesFromTheCloneByDefault() throws Exception {
    Path clone = Path.of(System.getProperty("mirage4j.fixtures.dir", "../test-fixtures")).toAbsolutePath().getParent();
    Run run = CliProcess.runIn(clone, "", "conformance", "--filter", "pipes/");
    assertThat(run.stdout()).startsWith("case ").contains("pipes/").doesNotContain("FAIL");
    assertThat(run.stdout().lines().reduce((a, b) -> b)).hasValueSatisfying(last -> assertThat(last).matches("\\d+ passed, 0 failed"));
    assertThat(run.status()).isZero();
  }

  @Test
  void aBadCaseFileIsAUsageErrorNamingIt() throws Exception {
    Files.writeString(cases.resolve("broken.json"), "{\"cmd\": ");
    Run run = CliProcess.run("", "conformance", temp.resolve("mine").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.stderr()).startsWith("bad case file ").contains("broken.json");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void withoutCasesHereItSaysWhatToGive() throws Exception {
    Run run = CliProcess.runIn(temp, "", "conformance");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.stderr()).startsWith("no ./test-fixtures here: give the cases directory (conformance DIR)\n");
  }
}
