package io.mirage4j.python;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The python3 builtin's front end: what it hands the runtime, and what it answers itself. */
class PythonFrontEndTest {
  private final List<PythonRun> runs = new ArrayList<>();
  private final Resource data = Resources.inMemory();
  private final Resource ro = Resources.inMemory();
  private final Workspace ws;

  PythonFrontEndTest() {
    data.mkdir("/app");
    data.write("/app/f.py", "print('hi')\n".getBytes(UTF_8));
    ro.write("/s.py", "pass\n".getBytes(UTF_8));
    ws = Workspace.builder()
        .mount("/data", data)
        .mount("/ro", ro, Mode.READ)
        .pythonRuntime(files -> new PythonRuntime() {
          @Override
          public PythonResult run(PythonRun run) {
            runs.add(run);
            return new PythonResult(0, new byte[0], new byte[0]);
          }

          @Override
          public String version() {
            return "3.13.2";
          }

          @Override
          public void close() {}
        })
        .build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private PythonRun only() {
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  @Test
  void aScriptIsReadThroughTheMountsAndKeepsItsPathAsTyped() {
    ws.execute("cd /data/app");
    assertThat(ws.execute("python3 ./f.py one --version").exitCode()).isZero();
    PythonRun run = only();
    assertThat(run.program()).isEqualTo(new PythonProgram.Script("/data/app/./f.py", "print('hi')\n".getBytes(UTF_8)));
    assertThat(run.argv()).containsExactly("./f.py", "one", "--version");
    assertThat(run.path0()).isEqualTo("/data/app");
  }

  @Test
  void aDirectoryRunsAsAnApplicationFromItsPathMadeAbsoluteAsCPythonMakesIt() {
    ws.execute("python3 app x");
    assertThat(only().program()).isEqualTo(new PythonProgram.Application("/data/app"));
    assertThat(only().argv()).containsExactly("app", "x");
    assertThat(only().path0()).isEqualTo("/data/app");
    runs.clear();
    ws.execute("python3 -P ./app/");
    assertThat(only().program()).isEqualTo(new PythonProgram.Application("/data/./app/"));
    assertThat(only().path0()).isEqualTo("/data/./app/");
    runs.clear();
    ws.execute("cd app && python3 .");
    assertThat(only().program()).isEqualTo(new PythonProgram.Application("/data/app"));
    assertThat(only().argv()).containsExactly(".");
  }

  @Test
  void aFileEndingAsAZipArchiveRunsAsAnApplicationWhateverItsName() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    zip.write("#!/usr/bin/env python3\n".getBytes(UTF_8));
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("__main__.py"));
      out.write("print(1)\n".getBytes(UTF_8));
      out.setComment("a comment after the end record");
    }
    data.write("/app.pyz", zip.toByteArray());
    data.write("/archive", zip.toByteArray());
    data.write("/f.py", "print(1)\n".getBytes(UTF_8));
    ws.execute("python3 app.pyz; python3 /data/archive; python3 f.py");
    assertThat(runs).extracting(PythonRun::program).containsExactly(
        new PythonProgram.Application("/data/app.pyz"),
        new PythonProgram.Application("/data/archive"),
        new PythonProgram.Script("/data/f.py", "print(1)\n".getBytes(UTF_8)));
  }

  @Test
  void aDirectoryOnAMountWithoutExecModeIsRefusedWith126() {
    ro.mkdir("/app");
    ExecResult r = ws.execute("python3 /ro/app");
    assertThat(r.exitCode()).isEqualTo(126);
    assertThat(r.stderrText()).isEqualTo("python3: /ro/app: not in EXEC mode\n");
    assertThat(runs).isEmpty();
  }

  @Test
  void aMissingScriptIsNamedByItsResolvedPath() {
    ExecResult r = ws.execute("python3 app/../nope.py");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).isEqualTo("python3: /data/app/../nope.py: No such file\n");
    assertThat(runs).isEmpty();
  }

  @Test
  void aScriptOnAMountWithoutExecModeIsRefusedWith126() {
    ExecResult r = ws.execute("python /ro/s.py");
    assertThat(r.exitCode()).isEqualTo(126);
    assertThat(r.stderrText()).isEqualTo("python: /ro/s.py: not in EXEC mode\n");
    assertThat(runs).isEmpty();
  }

  @Test
  void aModuleRunsWithTheWorkingDirectoryOnItsPath() {
    ws.execute("python3 -m json.tool in.json");
    assertThat(only().program()).isEqualTo(new PythonProgram.Module("json.tool"));
    assertThat(only().argv()).containsExactly("-m", "in.json");
    assertThat(only().path0()).isEqualTo("/data");
  }

  @Test
  void aProgramOnStdinGetsNoStdinOfItsOwn() {
    ws.execute("python3", ExecOptions.defaults().withStdin("print(1)\n"));
    assertThat(only().program()).isEqualTo(new PythonProgram.Stdin("print(1)\n".getBytes(UTF_8)));
    assertThat(only().argv()).containsExactly("");
    assertThat(only().stdin()).isEmpty();
    runs.clear();
    ws.execute("python3 - a b", ExecOptions.defaults().withStdin("pass"));
    assertThat(only().argv()).containsExactly("-", "a", "b");
  }

  @Test
  void withAProgramSourceStdinIsTheProgramsInput() {
    ws.execute("python3 -c 'import sys' arg", ExecOptions.defaults().withStdin("input data"));
    assertThat(new String(only().stdin(), UTF_8)).isEqualTo("input data");
    assertThat(only().argv()).containsExactly("-c", "arg");
  }

  @Test
  void noProgramAtAllIsNoInput() {
    ExecResult r = ws.execute("python3 < /dev/null");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).isEqualTo("python3: no input\n");
  }

  @Test
  void safePathPutsNothingOnSysPath() {
    ws.execute("python3 -P app/f.py");
    assertThat(only().path0()).isNull();
  }

  @Test
  void versionAnswersWithoutRunningAnything() {
    assertThat(ws.execute("python3 -V").stdoutText()).isEqualTo("Python 3.13.2 (pyodide)\n");
    assertThat(ws.execute("python --version").stdoutText()).isEqualTo("Python 3.13.2 (pyodide)\n");
    assertThat(runs).isEmpty();
  }

  @Test
  void ignoredOptionsWarnAndTheProgramStillRuns() {
    ExecResult r = ws.execute("python3 -S -c pass");
    assertThat(r.stderrText()).isEqualTo("python3: warning: -S is ignored by the 'pyodide' runtime\n");
    assertThat(only().flags().noSite()).isTrue();
  }

  @Test
  void ignoreEnvironmentIsHonouredWithoutAWarning() {
    ExecResult r = ws.execute("PYTHONOPTIMIZE=1 python3 -E -c pass");
    assertThat(r.stderrText()).isEmpty();
    assertThat(only().flags().ignoreEnvironment()).isTrue();
    assertThat(only().flags().optimize()).isZero();
    assertThat(only().env()).containsEntry("PYTHONOPTIMIZE", "1");
  }

  @Test
  void pythonVariablesOfThePrefixAndTheSessionReachTheFlags() {
    ws.execute("export PYTHONPATH=lib:/opt; cd /data/app; PYTHONSAFEPATH=1 PYTHONOPTIMIZE=2 PYTHONUNBUFFERED=1 "
        + "PYTHONHASHSEED=0 python3 f.py");
    PythonFlags flags = only().flags();
    assertThat(flags.pythonPath()).containsExactly("/data/app/lib", "/opt");
    assertThat(flags.optimize()).isEqualTo(2);
    assertThat(flags.unbuffered()).isTrue();
    assertThat(flags.hashRandomization()).isFalse();
    assertThat(flags.safePath()).isTrue();
    assertThat(only().path0()).isNull();
  }

  @Test
  void aValueCPythonRefusesEndsTheStartUpWithItsFatalError() {
    ExecResult r = ws.execute("PYTHONHASHSEED=x python3 -c pass; echo $?");
    assertThat(r.stderrText()).isEqualTo("Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be "
        + "\"random\" or an integer in range [0; 4294967295]\nPython runtime state: preinitialized\n\n");
    assertThat(r.stdoutText()).isEqualTo("1\n");
    assertThat(runs).isEmpty();
  }
}
