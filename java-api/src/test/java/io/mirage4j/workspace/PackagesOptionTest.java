package io.mirage4j.workspace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Workspace.Builder#packages(Path)}: what reaches the runtime provider, and what is refused. */
class PackagesOptionTest {
  @TempDir Path dir;

  private static final class Echo implements PythonRuntime {
    @Override
    public PythonResult run(PythonRun run) {
      return new PythonResult(0, "ran\n".getBytes(UTF_8), new byte[0]);
    }

    @Override
    public String version() {
      return "3.13.2";
    }

    @Override
    public void close() {}
  }

  /** Records the directory each workspace's runtime is created with. */
  private static final class Recording implements PythonRuntimeProvider {
    final List<Path> packages = new ArrayList<>();

    @Override
    public PythonRuntime create(WorkspaceFs files) {
      throw new AssertionError("the workspace asks for create(files, packages)");
    }

    @Override
    public PythonRuntime create(WorkspaceFs files, Path packages) {
      this.packages.add(packages);
      return new Echo();
    }
  }

  @Test
  void theProviderGetsTheDirectoryAbsoluteAndNormalised() throws Exception {
    Recording provider = new Recording();
    Path given = Files.createDirectory(dir.resolve("sub")).resolve("..");
    try (Workspace ws = Workspace.builder().packages(given).pythonRuntime(provider).build()) {
      assertThat(ws.execute("python3 -c 'pass'").stdoutText()).isEqualTo("ran\n");
    }
    try (Workspace ws = Workspace.builder().pythonRuntime(provider).build()) {
      ws.execute("python3 -c 'pass'");
    }
    assertThat(provider.packages).containsExactly(dir.toAbsolutePath().normalize(), null);
  }

  @Test
  void aProviderThatCannotInstallPackagesRefusesThemWhenPythonRuns() {
    PythonRuntimeProvider plain = files -> new Echo();
    try (Workspace ws = Workspace.builder().packages(dir).pythonRuntime(plain).build()) {
      ExecResult r = ws.execute("python3 -c 'pass'; echo $?");
      assertThat(r.stderrText()).isEqualTo("python3: this Python runtime cannot install packages (" + dir + ")\n");
      assertThat(r.stdoutText()).isEqualTo("127\n");
    }
    try (Workspace ws = Workspace.builder().pythonRuntime(plain).build()) {
      assertThat(ws.execute("python3 -c 'pass'").stdoutText()).isEqualTo("ran\n");
    }
  }

  @Test
  void somethingThatIsNotADirectoryIsRefusedAtOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("a.whl"), "x");
    assertThatThrownBy(() -> Workspace.builder().packages(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("packages: not a directory: " + file);
    assertThatThrownBy(() -> Workspace.builder().packages(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("packages: not a directory: " + dir.resolve("missing"));
  }
}
