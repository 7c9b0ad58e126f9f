package io.mirage4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI prints a command's output as it comes: the program prints a line, flushes it, and waits
 * for a file that the test makes only once it has read that line from the CLI's stdout (a CLI that
 * printed at the end would leave the program to give up and print {@code no go}). {@code --json}
 * still prints one line per command, at its end.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliLiveOutputIT {

  private static final String WAITS_FOR_GO = "python3 -c '"
      + "import os, time\n"
      + "print(\"first\", flush=True)\n"
      + "for _ in range(600):\n"
      + "    if os.path.exists(\"/host/go\"): print(\"go\"); break\n"
      + "    time.sleep(0.05)\n"
      + "else: print(\"no go\")\n"
      + "'";

  @Test
  void printsTheFirstLineWhileTheProgramRuns(@TempDir Path dir) throws Exception {
    Process cli = start(dir, "--mount", "/host=dir:" + dir, "-c", WAITS_FOR_GO);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), UTF_8))) {
      assertThat(out.readLine()).isEqualTo("first");
      assertThat(cli.isAlive()).as("the program still runs when its first line is printed").isTrue();
      Files.createFile(dir.resolve("go"));
      assertThat(out.readLine()).isEqualTo("go");
      assertThat(out.readLine()).isNull();
    }
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).isZero();
  }

  @Test
  void jsonPrintsOneLinePerCommandAtItsEnd(@TempDir Path dir) throws Exception {
    Process cli = start(dir, "--json", "-c", "python3 -c 'import sys; print(1, flush=True); print(2, file=sys.stderr)'");
    String out = new String(cli.getInputStream().readAllBytes(), UTF_8);
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo("{\"command\":\"python3 -c 'import sys; print(1, flush=True); print(2, file=sys.stderr)'\","
        + "\"stdout\":\"1\\n\",\"stderr\":\"2\\n\",\"exitCode\":0}\n");
  }

  private static Process start(Path dir, String... args) throws Exception {
    List<String> command = CliProcess.command(List.of(
        "-Dmirage4j.shim.dir=" + System.getProperty("mirage4j.shim.dir"),
        "-Dmirage4j.cache.dir=" + System.getProperty("mirage4j.cache.dir")), args);
    Process cli = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.PIPE).start();
    cli.getOutputStream().close();
    return cli;
  }
}
