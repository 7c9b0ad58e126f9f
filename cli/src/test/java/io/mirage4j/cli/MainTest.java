package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's own behaviour, with commands that need no Python runtime. */
class MainTest {
  private CliRunner.Result last;

  private int run(String stdin, String... args) {
    last = CliRunner.run(stdin, args);
    return last.status();
  }

  private String out() {
    return last.stdout();
  }

  private String err() {
    return last.stderr();
  }

  @Test
  void runsEveryCommandInOneSessionAndExitsWithTheLastStatus() {
    int status = run("", "-c", "export X=1", "-c", "cd /data", "-c", "pwd", "-c", "nosuch");
    assertThat(out()).isEqualTo("/data\n");
    assertThat(err()).isEqualTo("nosuch: command not found\n");
    assertThat(status).isEqualTo(127);
  }

  @Test
  void jsonPrintsOneObjectPerCommandAndExitsZero() {
    int status = run("", "--json", "-c", "echo hi", "-c", "nosuch");
    assertThat(out()).isEqualTo(
        "{\"command\":\"echo hi\",\"stdout\":\"hi\\n\",\"stderr\":\"\",\"exitCode\":0}\n"
            + "{\"command\":\"nosuch\",\"stdout\":\"\",\"stderr\":\"nosuch: command not found\\n\",\"exitCode\":127}\n");
    assertThat(status).isZero();
  }

  @Test
  void withoutCReadsCommandLinesFromStdin() {
    int status = run("cd /w\npwd\necho done\n", "--mount", "/w=ram");
    assertThat(out()).isEqualTo("/w\ndone\n");
    assertThat(status).isZero();
  }

  @Test
  void exitStopsReadingLinesAsAShellReadingAScriptStops() {
    int status = run("echo a\nexit 3\necho b\n");
    assertThat(out()).isEqualTo("a\n");
    assertThat(status).isEqualTo(3);
    status = run("", "-c", "echo c", "-c", "exit 4", "-c", "echo d");
    assertThat(out()).isEqualTo("c\n");
    assertThat(status).isEqualTo(4);
    status = run("", "-c", "(exit 5)", "-c", "echo e");
    assertThat(out()).isEqualTo("e\n");
    assertThat(status).isZero();
  }

  @Test
  void theDefaultWorkspaceIsDataInMemory() {
    run("", "-c", "pwd");
    assertThat(out()).isEqualTo("/data\n");
  }

  @Test
  void mountsAHostDirectory(@TempDir Path dir) throws Exception {
    Files.createDirectory(dir.resolve("sub"));
    int status = run("", "--mount", "/host=dir:" + dir, "--cwd", "/host", "-c", "cd sub", "-c", "pwd");
    assertThat(out()).isEqualTo("/host/sub\n");
    assertThat(status).isZero();
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("", "--mount", "data=ram")).isEqualTo(2);
    assertThat(err()).contains("mount prefix must be absolute, got 'data'");
    assertThat(run("", "--mount", "/d=s3:bucket")).isEqualTo(2);
    assertThat(err()).contains("expected 'ram' or 'dir:PATH' after '/d=', got 's3:bucket'");
    assertThat(run("", "--mode", "/other=read", "-c", "pwd")).isEqualTo(2);
    assertThat(err()).contains("--mode names /other, which is not mounted");
    assertThat(run("", "--mode", "/data=fast", "-c", "pwd")).isEqualTo(2);
    assertThat(err()).contains("--mode /data=fast: expected read, write or exec");
    assertThat(run("", "--frobnicate")).isEqualTo(2);
    assertThat(err()).contains("Unknown option: '--frobnicate'");
    assertThat(out()).isEmpty();
  }

  @Test
  void helpDescribesTheContract() {
    assertThat(run("", "--help")).isZero();
    assertThat(out()).contains("--mount=PREFIX=ram|PREFIX=dir:PATH", "--json", "-c=COMMAND_LINE", "--timeout=SECONDS");
  }
}
