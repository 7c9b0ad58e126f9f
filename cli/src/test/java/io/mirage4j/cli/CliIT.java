package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.cli.CliProcess.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI jar, run as a user runs it, with the real sidecar. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliIT {
  private static Run cli(String stdin, String... args) throws IOException, InterruptedException {
    return CliProcess.run(stdin, args);
  }

  @Test
  void aPythonScriptEditsAMountedLocalFolder(@TempDir Path notes) throws Exception {
    Files.writeString(notes.resolve("list.txt"), "b\na\nb\n");
    Files.writeString(notes.resolve("dedupe.py"), "lines = sorted(set(open(\"list.txt\")))\nopen(\"list.txt\", \"w\").writelines(lines)\n");
    Run run = cli("", "--mount", "/notes=dir:" + notes, "--cwd", "/notes", "-c", "python3 dedupe.py");
    assertThat(run).isEqualTo(new Run(0, "", ""));
    assertThat(Files.readString(notes.resolve("list.txt"))).isEqualTo("a\nb\n");
  }

  @Test
  void theMainJob() throws Exception {
    assertThat(cli("", "-c", "python3 -c 'print(6*7)'")).isEqualTo(new Run(0, "42\n", ""));
  }

  @Test
  void jsonReportsThePythonExitCode() throws Exception {
    Run run = cli("", "--json", "-c", "python3 -c \"import sys; sys.exit(3)\"");
    assertThat(run.status()).isZero();
    JsonNode line = new ObjectMapper().readTree(run.stdout());
    assertThat(line.get("exitCode").asInt()).isEqualTo(3);
    assertThat(line.get("command").asText()).isEqualTo("python3 -c \"import sys; sys.exit(3)\"");
    assertThat(run.stdout().lines()).hasSize(1);
  }

  @Test
  void theExitStatusIsTheLastCommands() throws Exception {
    Run run = cli("", "-c", "export X=from-the-session", "-c", "python3 -c 'import os, sys; print(os.environ[\"X\"]); sys.exit(5)'");
    assertThat(run).isEqualTo(new Run(5, "from-the-session\n", ""));
  }

  @Test
  void readsCommandLinesFromStdinWhenNotOnATerminal() throws Exception {
    Run run = cli("export N=7\npython3 -c 'import os; print(int(os.environ[\"N\"]) * 6)'\n");
    assertThat(run).isEqualTo(new Run(0, "42\n", ""));
  }

  @Test
  void envCwdAndHostDirectoryMounts(@TempDir Path dir) throws Exception {
    Files.createDirectory(dir.resolve("work"));
    Run run = cli("", "--mount", "/host=dir:" + dir, "--cwd", "/host/work", "--env", "WHO=me",
        "-c", "python3 -c 'import os; print(os.getcwd(), os.environ[\"WHO\"], dict(os.environ))'");
    assertThat(run).isEqualTo(new Run(0, "/host/work me {'WHO': 'me'}\n", ""));
  }

  @Test
  void aTimeoutIsExit124AndTheNextCommandRuns() throws Exception {
    Run run = cli("", "--timeout", "1", "-c", "python3 -c 'while True: pass'", "-c", "python3 -c 'print(1)'");
    assertThat(run).isEqualTo(new Run(0, "1\n", "python3: timed out after 1s\n"));
  }
}
