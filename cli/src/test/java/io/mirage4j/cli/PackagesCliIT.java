package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.cli.CliProcess.Run;
import io.mirage4j.sidecar.Wheels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --packages DIR}: the packaged CLI jar, run as a user runs it, with the real sidecar. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackagesCliIT {
  @TempDir Path wheels;

  private static Run cli(String... args) throws IOException, InterruptedException {
    return CliProcess.run("", args);
  }

  @Test
  void everyPythonCallImportsTheWheelsOfTheDirectory() throws Exception {
    Wheels.tinypkg(wheels);
    Run run = cli("--packages", wheels.toString(),
        "-c", "python3 -c 'import tinypkg; print(tinypkg.f())'",
        "-c", "python3 -c 'import importlib.metadata as m; print(m.version(\"tinypkg\"))'",
        "-c", "python3 -c 'import nosuchpkg'");
    assertThat(run).isEqualTo(new Run(1, Wheels.GREETING + "\n1.0\n",
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n"
            + "    import nosuchpkg\n"
            + "ModuleNotFoundError: No module named 'nosuchpkg'\n"));
  }

  @Test
  void aBadWheelIsNamedAndTheShellKeepsWorking() throws Exception {
    Path broken = Files.writeString(wheels.resolve("broken-1.0-py3-none-any.whl"), "not a zip");
    Run run = cli("--packages", wheels.toString(), "-c", "python3 -c 'print(1)'", "-c", "echo after");
    assertThat(run).isEqualTo(new Run(0, "after\n",
        "python3: cannot install " + broken + ": not a zip file (zip END header not found)\n"));
  }

  @Test
  void aMissingDirectoryIsAUsageError() throws Exception {
    Run run = cli("--packages", wheels.resolve("nothing").toString(), "-c", "echo never");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).startsWith("packages: not a directory: " + wheels.resolve("nothing") + "\n");
  }
}
