package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirage4j --config workspace.yaml}, run as a user runs it, with the real sidecar. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConfigFileIT {
  @TempDir Path temp;

  @Test
  void aConfiguredFolderIsEditedByAPythonScript() throws Exception {
    Path project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(project.resolve("names.txt"), "  Ada \nGRACE\n");
    Files.writeString(temp.resolve("workspace.yaml"), """
        mounts:
          /work:
            dir: ${PROJECT_DIR}
            mode: write
          /tools:
            dir: tools
            mode: exec
        env:
          CASE: ${NAME_CASE:-title}
        cwd: /work
        limits:
          python-timeout: 30
        """);
    Path tools = Files.createDirectories(temp.resolve("tools"));
    Files.writeString(tools.resolve("clean.py"), """
        import os
        with open("names.txt") as f:
            names = [getattr(line.strip(), os.environ["CASE"])() for line in f]
        with open("names.txt", "w") as f:
            f.write("\\n".join(names) + "\\n")
        print("cleaned", len(names))
        """);
    Run run = CliProcess.runWith(Map.of("PROJECT_DIR", project.toString()), temp, "",
        "--config", "workspace.yaml", "-c", "python3 /tools/clean.py", "-c", "pwd; cat names.txt");
    assertThat(run).isEqualTo(new Run(0, "cleaned 2\n/work\nAda\nGrace\n", ""));
    assertThat(Files.readString(project.resolve("names.txt"))).isEqualTo("Ada\nGrace\n");
  }

  @Test
  void optionsOverrideTheFile() throws Exception {
    Files.writeString(temp.resolve("workspace.yaml"), """
        mounts:
          /data: {dir: ., mode: write}
        env: {WHO: file}
        """);
    Run run = CliProcess.runIn(temp, "", "--config", "workspace.yaml", "--mode", "/data=read", "--env", "WHO=option",
        "-c", "echo $WHO", "-c", "touch x");
    assertThat(run.stdout()).isEqualTo("option\n");
    assertThat(run.stderr()).isEqualTo("touch: cannot touch 'x': Read-only file system\n");
  }

  @Test
  void missingVariablesAreListedInOneError() throws Exception {
    Files.writeString(temp.resolve("workspace.yaml"), """
        mounts:
          /data: {dir: "${DATA_DIR}"}
        env: {TOKEN: "${API_TOKEN}"}
        """);
    Run run = CliProcess.runIn(temp, "", "--config", "workspace.yaml", "-c", "echo never");
    assertThat(run).isEqualTo(new Run(2, "",
        "mirage4j: workspace.yaml: environment variables not set: DATA_DIR, API_TOKEN (set them, or write ${NAME:-default})\n"));
  }
}
