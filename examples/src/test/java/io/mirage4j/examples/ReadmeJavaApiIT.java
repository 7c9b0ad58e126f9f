package io.mirage4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Java API" example, as written there, with a {@code project} folder of three files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeJavaApiIT {
  @Test
  void theReadmeExampleDoesWhatItSays(@TempDir Path dir) throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    for (String name : new String[] {"a.txt", "b.txt", "c.txt"}) {
      Files.writeString(project.resolve(name), name);
    }
    try (Workspace ws = Workspace.builder()
        .mount("/data", Resources.inMemory())
        .mount("/project", Resources.localDir(project), Mode.READ)
        .env("HOME", "/data")
        .pythonTimeout(Duration.ofSeconds(30))
        .build()) {
      ws.execute("cat > /data/count.py <<'EOF'\nimport os\nprint(len(os.listdir('/project')))\nEOF");
      ExecResult r = ws.execute("python3 /data/count.py");
      assertThat(r.stdoutText()).isEqualTo("3\n");
      assertThat(r.exitCode()).isZero();
      assertThat(ws.execute("python3 -c 'import sys; sys.exit(3)'").exitCode()).isEqualTo(3);
    }
  }
}
