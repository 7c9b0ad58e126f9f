package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.Resources;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A workspace's directory of wheels, installed in its own interpreter by the real sidecar. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PackagesIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String IMPORT = "python3 -c 'import tinypkg; print(tinypkg.f())'";
  private static final String NOT_FOUND = "Traceback (most recent call last):\n"
      + "  File \"<string>\", line 1, in <module>\n"
      + "    import tinypkg\n"
      + "ModuleNotFoundError: No module named 'tinypkg'\n";

  @TempDir Path wheels;

  private Workspace workspace() {
    return Workspace.builder().mount("/data", Resources.inMemory()).packages(wheels).build();
  }

  private static void assertOutput(ExecResult result, int exitCode, String stdout, String stderr) {
    assertThat(result.stderrText()).isEqualTo(stderr);
    assertThat(result.stdoutText()).isEqualTo(stdout);
    assertThat(result.exitCode()).isEqualTo(exitCode);
  }

  @Test
  void aPurePythonWheelIsImportableInEveryCallWithItsMetadata() throws Exception {
    Wheels.tinypkg(wheels);
    try (Workspace ws = workspace()) {
      assertOutput(ws.execute(IMPORT), 0, Wheels.GREETING + "\n", "");
      assertOutput(ws.execute("python3 -c 'import importlib.metadata as m; d = m.distribution(\"tinypkg\");"
          + " print(m.version(\"tinypkg\"), d.read_text(\"INSTALLER\"))'"), 0, "1.0 mirage4j\n", "");
      assertOutput(ws.execute(IMPORT), 0, Wheels.GREETING + "\n", "");
      assertOutput(ws.execute("python3 -c 'from tinypkg import f; print(f())' | grep -c tinypkg"), 0, "1\n", "");
      assertOutput(ws.execute("python3 -c 'import tinypkg; tinypkg.fail()'"), 1, "", "Traceback (most recent call last):\n"
          + "  File \"<string>\", line 1, in <module>\n"
          + "    import tinypkg; tinypkg.fail()\n"
          + "                    ~~~~~~~~~~~~^^\n"
          + "  File \"/lib/python3.14/site-packages/tinypkg/__init__.py\", line 9, in fail\n"
          + "    raise ValueError('boom')\n"
          + "ValueError: boom\n");
    }
  }

  @Test
  void anImportedPackageStaysLoadedAndTheNextCallFindsItAsImportLeavesIt() throws Exception {
    // Like the standard library, a package stays imported between calls; the call that first
    // imported it is followed by a fresh import, so what that call did to it does not show.
    Wheels.tinypkg(wheels);
    String count = "python3 -c 'import tinypkg; tinypkg.calls.append(1); print(len(tinypkg.calls))'";
    try (Workspace ws = workspace()) {
      assertOutput(ws.execute(count), 0, "1\n", "");
      assertOutput(ws.execute("python3 -c 'import sys; print(\"tinypkg\" in sys.modules)'"), 0, "True\n", "");
      assertOutput(ws.execute(count), 0, "1\n", "");
    }
  }

  @Test
  void aMissingModuleIsPythonsOwnModuleNotFoundError() throws Exception {
    Wheels.tinypkg(wheels);
    try (Workspace ws = workspace()) {
      assertOutput(ws.execute("python3 -c 'import nosuchpkg'"), 1, "",
          NOT_FOUND.replace("tinypkg", "nosuchpkg"));
      assertOutput(ws.execute(IMPORT), 0, Wheels.GREETING + "\n", "");
    }
  }

  @Test
  void aFileThatIsNotAZipFailsEachCallNamingItAndTheShellKeepsWorking() throws Exception {
    Wheels.tinypkg(wheels);
    Path broken = Files.writeString(wheels.resolve("broken-1.0-py3-none-any.whl"), "not a zip");
    String error = "python3: cannot install " + broken + ": not a zip file (zip END header not found)\n";
    try (Workspace ws = workspace()) {
      assertOutput(ws.execute(IMPORT), 1, "", error);
      assertOutput(ws.execute("echo still here; python3 -c 'print(1)'; echo $?"), 0, "still here\n1\n", error);
      Files.delete(broken);
      assertOutput(ws.execute(IMPORT), 0, Wheels.GREETING + "\n", "");
    }
  }

  @Test
  void filesThatAreNotWheelsAreRefusedByName() throws Exception {
    Path notes = Files.writeString(wheels.resolve("notes.txt"), "wheels go here\n");
    assertRefused(notes, "not a wheel (*.whl); the packages directory holds wheels only");
    Files.delete(notes);

    Path unnamed = Files.move(Wheels.tinypkg(wheels), wheels.resolve("tinypkg.whl"));
    assertRefused(unnamed, "not a wheel's file name, NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl");
    Files.delete(unnamed);

    Path hollow = Wheels.write(wheels, "hollow", "1.0", "py3-none-any", Map.of());
    Path renamed = Files.move(hollow, wheels.resolve("other-1.0-py3-none-any.whl"));
    assertRefused(renamed, "not a wheel: no other-1.0.dist-info/METADATA and WHEEL in it");
    Files.delete(renamed);

    Files.writeString(wheels.resolve(".DS_Store"), "skipped");
    Wheels.tinypkg(wheels);
    try (Workspace ws = workspace()) {
      assertOutput(ws.execute(IMPORT), 0, Wheels.GREETING + "\n", "");
    }
  }

  @Test
  void wheelsForAnotherPlatformOrPythonAreRefusedNamingTheTag() throws Exception {
    String use = "; use a pure-Python wheel (py3-none-any) or one built for this Pyodide"
        + " (cp314-cp314-pyemscripten_2026_0_wasm32; pyodide_2026_0_wasm32 and emscripten_5_0_3_wasm32 work too)";
    Path linux = Wheels.write(wheels, "fastpkg", "2.0", "cp314-cp314-manylinux_2_17_x86_64",
        Map.of("fastpkg/__init__.py", ""));
    assertRefused(linux, "tagged cp314-cp314-manylinux_2_17_x86_64, for platform manylinux_2_17_x86_64,"
        + " which Pyodide cannot load" + use);
    Files.delete(linux);

    Path windows = Wheels.write(wheels, "fastpkg", "2.0", "cp314-cp314-win_amd64", Map.of("fastpkg/__init__.py", ""));
    assertRefused(windows, "tagged cp314-cp314-win_amd64, for platform win_amd64, which Pyodide cannot load" + use);
    Files.delete(windows);

    Path older = Wheels.write(wheels, "fastpkg", "2.0", "cp312-cp312-pyodide_2024_0_wasm32",
        Map.of("fastpkg/__init__.py", ""));
    assertRefused(older, "tagged cp312-cp312-pyodide_2024_0_wasm32, for platform pyodide_2024_0_wasm32,"
        + " which Pyodide cannot load" + use);
    Files.delete(older);

    Path otherPython = Wheels.write(wheels, "fastpkg", "2.0", "cp313-cp313-pyemscripten_2026_0_wasm32",
        Map.of("fastpkg/__init__.py", ""));
    assertRefused(otherPython, "tagged cp313-cp313-pyemscripten_2026_0_wasm32, which is not for CPython 3.14" + use);
  }

  @Test
  void twoWheelsOfOneDistributionAreRefused() throws Exception {
    Wheels.tinypkg(wheels);
    Path second = Wheels.write(wheels, "tinypkg", "2.0", "py3-none-any", Map.of("tinypkg/__init__.py", ""));
    assertRefused(second, "a second wheel of tinypkg, after tinypkg-1.0-py3-none-any.whl; keep one");
  }

  private void assertRefused(Path file, String why) {
    try (Workspace ws = workspace()) {
      assertOutput(ws.execute(IMPORT), 1, "", "python3: cannot install " + file + ": " + why + "\n");
      assertOutput(ws.execute("echo fine"), 0, "fine\n", "");
    }
  }

  @Test
  void aWheelThePyodideInstallerRefusesFailsTheCallAndStopsItsSidecar() throws Exception {
    Path bad = Wheels.write(wheels, "sopkg", "1.0", "py3-none-any",
        Map.of("sopkg/__init__.py", "", "sopkg/_ext.cpython-314-wasm32-emscripten.so", "not WebAssembly"));
    List<ProcessHandle> before = Sidecars.running();
    try (Workspace ws = workspace()) {
      ExecResult result = ws.execute(IMPORT);
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stdoutText()).isEmpty();
      assertThat(result.stderrText())
          .startsWith("python3: cannot install " + bad + ": Failed to load dynamic library /lib/python3.14/site-packages/sopkg/_ext.cpython-314-wasm32-emscripten.so")
          .endsWith("\n")
          .hasLineCount(1);
      waitFor(() -> Sidecars.running().size() == before.size());
      assertOutput(ws.execute("echo fine"), 0, "fine\n", "");
    }
  }

  @Test
  void aMissingDirectoryIsRefusedByTheBuilder() {
    assertThatThrownBy(() -> Workspace.builder().packages(wheels.resolve("nothing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("packages: not a directory: " + wheels.resolve("nothing"));
  }

  @Test
  void aPooledSidecarGetsTheWheelsOfTheWorkspaceThatTakesItOnlyAndARestartedOneGetsThemAgain() throws Exception {
    Wheels.tinypkg(wheels);
    NodeRuntime runtime = NodeRuntimeLocator.fromSystem().locate();
    SnapshotStore snapshots = SnapshotStore.fromSystem();
    SidecarHost host = new SidecarHost(NodeSidecar.SidecarSettings.DEFAULTS.interpretersPerProcess(),
        capacity -> SidecarProcess.start(runtime, MAPPER, Duration.ofSeconds(30), snapshots, capacity), Duration.ofSeconds(1));
    SidecarPool pool = new SidecarPool(1, () -> host.open(Duration.ofSeconds(30)));
    pool.replenish();
    waitFor(() -> pool.waiting().size() == 1);
    SidecarInterpreter first = pool.waiting().get(0);
    try (NodeSidecar withPackages = sidecar(runtime, snapshots, pool, Optional.of(new PackageDirectory(wheels)))) {
      assertThat(run(withPackages, "import tinypkg; print(tinypkg.f())")).isEqualTo(Wheels.GREETING + "\n");
      assertThat(withPackages.interpreter()).containsSame(first);
      waitFor(() -> pool.waiting().size() == 1 && pool.waiting().get(0) != first);
      SidecarInterpreter second = pool.waiting().get(0);

      try (NodeSidecar without = sidecar(runtime, snapshots, pool, Optional.empty())) {
        PythonResult result = without.run(PythonRun.command("import tinypkg", "/data", Map.of()));
        assertThat(new String(result.stderr(), StandardCharsets.UTF_8)).isEqualTo(NOT_FOUND);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(without.interpreter()).containsSame(second);
        assertThat(run(without, "import importlib.util; print(importlib.util.find_spec('tinypkg'))"))
            .isEqualTo("None\n");
      }

      waitFor(() -> pool.waiting().size() == 1);
      ProcessHandle killed = ProcessHandle.of(first.pid()).orElseThrow();
      killed.destroyForcibly();
      killed.onExit().get(10, TimeUnit.SECONDS);
      waitFor(() -> withPackages.interpreter().isEmpty());
      assertThat(run(withPackages, "import tinypkg; print(tinypkg.f(), tinypkg.calls)"))
          .isEqualTo(Wheels.GREETING + " []\n");
      assertThat(withPackages.interpreter().orElseThrow()).isNotSameAs(first);
    } finally {
      pool.take().ifPresent(SidecarInterpreter::killProcess);
    }
  }

  private static NodeSidecar sidecar(NodeRuntime runtime, SnapshotStore snapshots, SidecarPool pool,
      Optional<PackageDirectory> packages) {
    WorkspaceFs fs = new WorkspaceFs(new MountTable(List.of(new Mount("/data", Resources.inMemory(), Mode.EXEC))));
    return new NodeSidecar(() -> runtime, NodeSidecar.SidecarSettings.DEFAULTS, MAPPER, new MountBridge(fs, MAPPER),
        snapshots, found -> pool, packages);
  }

  private static String run(NodeSidecar sidecar, String code) {
    PythonResult result = sidecar.run(PythonRun.command(code, "/data", Map.of()));
    assertThat(new String(result.stderr(), StandardCharsets.UTF_8)).isEmpty();
    return new String(result.stdout(), StandardCharsets.UTF_8);
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
