package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.snapshot.RestoreOptions;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A forked or restored workspace runs python3 in an interpreter of its own, over its own files. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForkPythonIT {
  private static final String READ = "python3 -c 'print(open(\"/data/a.txt\").read(), end=\"\")'";

  @Test
  void aForksPythonCallSeesTheForksFilesInAnInterpreterOfItsOwn() {
    Sidecars.Capturing runtime = new Sidecars.Capturing(new NodeSidecarProvider());
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).pythonRuntime(runtime).build()) {
      ws.execute("echo original > /data/a.txt");
      assertThat(ws.execute(READ).stdoutText()).isEqualTo("original\n");
      NodeSidecar original = runtime.last();
      try (Workspace fork = ws.fork()) {
        fork.execute("echo forked > /data/a.txt");
        assertThat(fork.execute(READ).stdoutText()).isEqualTo("forked\n");
        assertThat(runtime.last()).isNotSameAs(original);
        assertThat(fork.execute("python3 -c 'open(\"/data/py.txt\", \"w\").write(\"written by the fork\")'").exitCode()).isZero();

        assertThat(ws.execute(READ).stdoutText()).isEqualTo("original\n");
        assertThat(ws.fs().exists("/data/py.txt")).isFalse();
        assertThat(new String(fork.fs().read("/data/py.txt"), UTF_8)).isEqualTo("written by the fork");
      }
      assertThat(ws.execute(READ).stdoutText()).as("the original's interpreter outlives the fork").isEqualTo("original\n");
    }
  }

  @Test
  void aRestoredWorkspacesPythonCallSeesTheRestoredFilesAndSession() throws Exception {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ws.execute("echo kept > /data/a.txt; export NAME=restored; cd /data");
      ws.snapshot(archive);
    }
    try (Workspace back = Workspace.restore(new ByteArrayInputStream(archive.toByteArray()), RestoreOptions.defaults())
        .workspace()) {
      assertThat(back.execute("python3 -c 'import os; print(open(\"a.txt\").read().strip(), os.environ[\"NAME\"], os.getcwd())'")
          .stdoutText()).isEqualTo("kept restored /data\n");
    }
  }

  @Test
  void aForksPythonSessionsStartFromTheOriginalsStateAndThenGoTheirOwnWay() {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      io.mirage4j.workspace.PythonSession py = ws.pythonSession("nb");
      py.run("rows = list(range(10))\ndef helper():\n    return 1");
      try (Workspace fork = ws.fork()) {
        io.mirage4j.workspace.PythonSession forked = fork.pythonSession("nb");
        assertThat(forked.run("sum(rows)").value()).contains("45");
        assertThat(forked.run("helper").stderrText()).as("a function defined in the session cannot be copied")
            .contains("NameError: name 'helper' is not defined");
        forked.run("rows.append(100)");
        py.run("rows.append(-1)");
        assertThat(forked.run("rows[-1]").value()).contains("100");
        assertThat(py.run("rows[-1]").value()).contains("-1");
      }
      assertThat(py.run("helper()").value()).as("the original keeps everything").contains("1");
    }
  }

  @Test
  void aSnapshotKeepsPythonSessionsAndSaysWhatItLeftOut() throws Exception {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    io.mirage4j.snapshot.SnapshotResult written;
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      io.mirage4j.workspace.PythonSession py = ws.newSession("agent", null).pythonSession("analysis");
      py.run("import statistics\nscores = {'a': [1.5, 2.5], 'b': [3.0]}\nlog = open('/data/log.txt', 'w')");
      written = ws.snapshot(archive);
    }
    assertThat(written.omitted()).extracting(io.mirage4j.snapshot.Omission::what)
        .containsExactly("python session analysis of session agent: log");
    try (Workspace back = Workspace.restore(new ByteArrayInputStream(archive.toByteArray()), RestoreOptions.defaults())
        .workspace()) {
      io.mirage4j.workspace.PythonSession py = back.session("agent").orElseThrow().pythonSession("analysis");
      assertThat(py.run("statistics.mean(scores['a']), sorted(scores)").value()).contains("(2.0, ['a', 'b'])");
      assertThat(py.run("log").stderrText()).endsWith("NameError: name 'log' is not defined\n");
    }
  }

  @Test
  void aPythonSessionComesBackWithEqualValuesInAnotherJvm(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String ask = "(sorted(scores.items()), len(blob), blob[:3], big % 1000)";
    java.nio.file.Path archive = dir.resolve("ws.tar");
    String here;
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build();
        java.io.OutputStream out = java.nio.file.Files.newOutputStream(archive)) {
      io.mirage4j.workspace.PythonSession py = ws.newSession("agent", null).pythonSession("analysis");
      py.run("scores = {'é': [1.5, None], 'b': (True, -3)}\nblob = bytes(range(256)) * 4000\nbig = 7 ** 300");
      here = py.run(ask).value().orElseThrow();
      ws.snapshot(out);
    }
    Process jvm = new ProcessBuilder(
            java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmirage4j.shim.dir=" + System.getProperty("mirage4j.shim.dir"),
            "-Dmirage4j.cache.dir=" + System.getProperty("mirage4j.cache.dir"),
            "-Dmirage4j.pool.size=0",
            "-cp", System.getProperty("java.class.path"),
            RestorePythonSessionMain.class.getName(), archive.toString(), ask)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String there = new String(jvm.getInputStream().readAllBytes(), UTF_8);
    assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(jvm.exitValue()).isZero();
    assertThat(there).isEqualTo(here + "\n");
    assertThat(here).startsWith("([('b', (True, -3)), ('é', [1.5, None])], 1024000, b'\\x00\\x01\\x02', ");
  }
}
