package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.python.PythonSessionLostException;
import io.mirage4j.workspace.CellResult;
import io.mirage4j.workspace.PythonSession;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python sessions against a real sidecar: state that lasts from cell to cell, and nowhere else. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PythonSessionIT {
  private static Workspace ws;

  @BeforeAll
  static void start() {
    ws = Workspace.builder()
        .mount("/data", Resources.inMemory(), Mode.WRITE)
        .pythonTimeout(Duration.ofSeconds(2))
        .outputLimit(4 << 20)
        .build();
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  private static CellResult ok(PythonSession s, String code) {
    CellResult r = s.run(code);
    assertThat(r.stderrText()).as(code).isEmpty();
    assertThat(r.exitCode()).as(code).isZero();
    return r;
  }

  @Test
  void namesModulesAndObjectsLastFromCellToCellAndTheFinalExpressionIsTheValue() {
    PythonSession s = ws.pythonSession("notebook");
    assertThat(ok(s, "import math\nrows = [{'n': i} for i in range(1000)]").value()).isEmpty();
    assertThat(ok(s, "len(rows)").value()).contains("1000");
    CellResult r = ok(s, "print('sqrt'); math.sqrt(16)");
    assertThat(r.stdoutText()).isEqualTo("sqrt\n");
    assertThat(r.value()).contains("4.0");
    assertThat(ok(s, "_ * 2").value()).as("_ is the last value, as in the interactive interpreter").contains("8.0");
    assertThat(ok(s, "'é'").value()).contains("'é'");
    assertThat(ok(s, "None").value()).isEmpty();
    assertThat(ok(s, "def twice(x):\n    return 2 * x\n\nclass Box:\n    pass").value()).isEmpty();
    assertThat(ok(s, "b = Box(); b.v = twice(21); b.v").value()).contains("42");
  }

  @Test
  void sessionsAreIndependentOfEachOtherAndOfPython3Calls() {
    PythonSession a = ws.pythonSession("a");
    PythonSession b = ws.pythonSession("b");
    ok(a, "secret = 'only in a'\nimport colorsys");
    CellResult inB = b.run("secret");
    assertThat(inB.exitCode()).isEqualTo(1);
    assertThat(inB.stderrText()).endsWith("NameError: name 'secret' is not defined\n");
    assertThat(ws.execute("python3 -c 'print(secret)'").stderrText()).endsWith("NameError: name 'secret' is not defined\n");
    assertThat(ws.execute("python3 -c 'import sys; print(\"colorsys\" in sys.modules, \"__main__\" in sys.modules)'")
        .stdoutText()).as("a python3 call is still a fresh process").isEqualTo("False True\n");
    assertThat(ok(a, "secret").value()).contains("'only in a'");
    assertThat(ws.pythonSession("a")).isSameAs(a);
  }

  @Test
  void aFailingCellShowsItsLinesAndKeepsTheState() {
    PythonSession s = ws.pythonSession("failing");
    ok(s, "def fail():\n    raise ValueError('bad')\nkept = 1");
    CellResult r = s.run("x = 1\nfail()");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.value()).isEmpty();
    assertThat(r.stderrText()).matches("(?s)Traceback \\(most recent call last\\):\n"
        + "  File \"<cell \\d+>\", line 2, in <module>\n    fail\\(\\)\n(    ~+\\^+\n)?"
        + "  File \"<cell \\d+>\", line 2, in fail\n    raise ValueError\\('bad'\\)\n"
        + "ValueError: bad\n");
    assertThat(ok(s, "kept + x").value()).contains("2");
    CellResult syntax = s.run("1 +");
    assertThat(syntax.exitCode()).isEqualTo(1);
    assertThat(syntax.stderrText()).contains("SyntaxError");
    CellResult exited = s.run("import sys; sys.exit(3)");
    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(ok(s, "kept").value()).as("sys.exit ends the cell, not the session").contains("1");
  }

  @Test
  void aCellPastItsTimeLimitIsInterruptedAndTheSessionKeepsItsState() {
    PythonSession s = ws.pythonSession("slow");
    ok(s, "data = list(range(10))");
    long started = System.nanoTime();
    CellResult r = s.run("print('before', flush=True)\nwhile True: pass");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    assertThat(r.exitCode()).isEqualTo(124);
    assertThat(r.stdoutText()).isEqualTo("before\n");
    assertThat(r.stderrText()).isEqualTo("python3: timed out after 2s\n");
    assertThat(ok(s, "sum(data)").value()).contains("45");
    assertThat(s.run("import time; time.sleep(5)", Duration.ofMillis(300)).exitCode()).isEqualTo(124);
    assertThat(ok(s, "len(data)").value()).contains("10");
  }

  @Test
  void resetForgetsEverything() {
    PythonSession s = ws.pythonSession("reset");
    ok(s, "x = 1");
    s.reset();
    assertThat(s.run("x").stderrText()).endsWith("NameError: name 'x' is not defined\n");
    ok(s, "x = 2");
    assertThat(ok(s, "x").value()).contains("2");
  }

  @Test
  void cellsRunInTheShellSessionsDirectoryAndEnvironmentOverItsFiles() {
    Session shell = ws.newSession();
    PythonSession s = shell.pythonSession("files");
    shell.execute("mkdir -p /data/sub && cd /data/sub && export GREETING=hello");
    assertThat(ok(s, "import os; (os.getcwd(), os.environ['GREETING'])").value()).contains("('/data/sub', 'hello')");
    ok(s, "open('made.txt', 'w').write('by a cell')");
    assertThat(shell.execute("cat /data/sub/made.txt").stdoutText()).isEqualTo("by a cell");
    shell.execute("cd /data");
    assertThat(ok(s, "os.getcwd()").value()).contains("'/data'");
  }

  @Test
  void aProfileThatDeniesPython3DeniesCells() {
    Session limited = ws.newSession(PermissionProfile.builder().mount("/data").deny("python3").build());
    CellResult r = limited.pythonSession("denied").run("1 + 1");
    assertThat(r.exitCode()).isEqualTo(126);
    assertThat(r.stderrText()).isEqualTo("python3: Permission denied\n");
    assertThat(r.value()).isEmpty();
  }

  @Test
  void aLongValueIsCutAndSaysHowMuchWasLeftOut() {
    PythonSession s = ws.pythonSession("long");
    String value = ok(s, "'x' * (2 << 20)").value().orElseThrow();
    int kept = 1 << 20;
    assertThat(value).hasSize(kept + ("... [" + ((2 << 20) + 2 - kept) + " more characters]").length());
    assertThat(value).startsWith("'xxx").endsWith("... [" + ((2 << 20) + 2 - kept) + " more characters]");
  }

  @Test
  void twoSessionsRunSideBySide() throws Exception {
    PythonSession a = ws.pythonSession("left");
    PythonSession b = ws.pythonSession("right");
    ok(a, "n = 0");
    ok(b, "n = 100");
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (PythonSession s : List.of(a, b)) {
      runs.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 20; i++) {
          ok(s, "n += 1");
        }
      }));
    }
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    assertThat(ok(a, "n").value()).contains("20");
    assertThat(ok(b, "n").value()).contains("120");
  }

  @Test
  void aCrashLosesTheStateAndTheNextCellSaysSoWithoutRunning() throws Exception {
    try (Workspace own = Workspace.builder().pythonRuntime(Sidecars.onePerProcess())
        .mount("/data", Resources.inMemory(), Mode.WRITE).build()) {
      PythonSession s = own.pythonSession("fragile");
      List<ProcessHandle> before = Sidecars.running();
      ok(s, "x = 1");
      List<ProcessHandle> after = Sidecars.running();
      after.removeAll(before);
      assertThat(after).hasSize(1);
      after.get(0).destroyForcibly();
      after.get(0).onExit().get(10, TimeUnit.SECONDS);

      Throwable lost = catchThrowable(() -> s.run("open('/data/ran', 'w').close(); x"));
      assertThat(lost).isInstanceOf(PythonSessionLostException.class)
          .hasMessageStartingWith("the Python session's state is lost: ")
          .hasMessageEndingWith("; this cell did not run, and the next one starts in a fresh namespace");
      assertThat(own.fs().exists("/data/ran")).isFalse();
      assertThat(s.run("x").stderrText()).endsWith("NameError: name 'x' is not defined\n");
      assertThat(ok(s, "x = 5; x").value()).contains("5");
    }
  }

  @Test
  void osExitEndsTheSessionsProcessAndTheNextCellSaysSo() {
    PythonSession s = ws.pythonSession("exiting");
    ok(s, "y = 1");
    CellResult exited = s.run("import os; print('bye', flush=True); os._exit(7)");
    assertThat(exited.exitCode()).isEqualTo(7);
    assertThat(exited.stdoutText()).isEqualTo("bye\n");
    Throwable lost = catchThrowable(() -> s.run("y"));
    assertThat(lost).isInstanceOf(PythonSessionLostException.class)
        .hasMessageContaining("the last cell ended the interpreter (os._exit) or left it unusable");
    assertThat(s.run("y").exitCode()).isEqualTo(1);
    assertThat(ok(s, "1 + 1").value()).isEqualTo(Optional.of("2"));
  }

  @Test
  void aClosedSessionRefusesCells() {
    PythonSession s = ws.pythonSession("closing");
    ok(s, "z = 1");
    s.close();
    assertThat(catchThrowable(() -> s.run("z"))).isInstanceOf(IllegalStateException.class)
        .hasMessage("the Python session 'closing' is closed");
  }

  @Test
  void savedStateLoadsIntoAnotherSessionWithWhatCouldNotBeKeptSaidAndWhy() {
    PythonSession source = ws.pythonSession("saving");
    ok(source, "import json, collections as c\n"
        + "rows = list(range(100_000))\nnested = {'a': [1, 2.5, None, True], 'b': (b'\\x00\\xff', 'é')}\n"
        + "counts = c.Counter('hello')\n"
        + "def helper():\n    return 1\n"
        + "class Point:\n    pass\n"
        + "here = Point()\nboxed = [Point()]\nhandle = open('/data/h.txt', 'w')");
    java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
    io.mirage4j.workspace.PythonState kept = source.saveState(saved);
    assertThat(kept.names()).containsExactly("counts", "nested", "rows");
    assertThat(kept.modules()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("json", "json", "c", "collections"));
    assertThat(kept.notKept()).containsOnlyKeys("helper", "Point", "here", "boxed", "handle");
    assertThat(kept.notKept().get("helper")).isEqualTo("refers to helper, defined in the session, which a restore cannot recreate");
    assertThat(kept.notKept().get("boxed")).isEqualTo("refers to Point, defined in the session, which a restore cannot recreate");
    assertThat(kept.notKept().get("handle")).startsWith("cannot be pickled: TypeError: ");
    assertThat(ok(source, "len(rows) + len(counts)").value()).as("saving changes nothing").contains("100004");

    try (Workspace other = Workspace.builder().mount("/data", Resources.inMemory(), Mode.WRITE).build()) {
      PythonSession target = other.pythonSession("loaded");
      ok(target, "stale = 1");
      io.mirage4j.workspace.PythonState loaded = target.loadState(new java.io.ByteArrayInputStream(saved.toByteArray()));
      assertThat(loaded.names()).containsExactly("c", "counts", "json", "nested", "rows");
      assertThat(loaded.notKept()).isEmpty();
      assertThat(ok(target, "(sum(rows), nested, counts['l'], json.dumps(1), c.__name__)").value())
          .contains("(4999950000, {'a': [1, 2.5, None, True], 'b': (b'\\x00\\xff', 'é')}, 2, '1', 'collections')");
      assertThat(target.run("stale").stderrText()).as("loading starts a fresh namespace")
          .endsWith("NameError: name 'stale' is not defined\n");
    }
  }

  @Test
  void somethingThatIsNoSavedStateIsRefusedAndLeavesAnEmptySession() {
    PythonSession s = ws.pythonSession("garbage");
    ok(s, "before = 1");
    Throwable refused = catchThrowable(() -> s.loadState(new java.io.ByteArrayInputStream("not a pickle".getBytes(
        java.nio.charset.StandardCharsets.UTF_8))));
    assertThat(refused).isInstanceOf(io.mirage4j.MirageException.class)
        .hasMessageStartingWith("the Python session's state could not be transferred: ")
        .hasMessageContaining("UnpicklingError");
    assertThat(s.run("before").stderrText()).endsWith("NameError: name 'before' is not defined\n");
  }

  @Test
  void aConsoleStepRunsWhatThePromptLoopWouldRun() {
    PythonSession py = ws.pythonSession("console");
    io.mirage4j.workspace.ConsoleStep header = py.console("for i in range(3):\n");
    assertThat(header.needsMore()).isTrue();
    assertThat(header.result().stdoutText()).isEmpty();
    io.mirage4j.workspace.ConsoleStep body = py.console("for i in range(3):\n    i * 2\n\n");
    assertThat(body.needsMore()).isFalse();
    assertThat(body.result().stdoutText()).isEqualTo("0\n2\n4\n");
    assertThat(py.console("x = 'kept'\n").result().stdoutText()).isEmpty();
    assertThat(py.console("x\n").result().stdoutText()).isEqualTo("'kept'\n");
    assertThat(py.console("None\n").result().stdoutText()).isEmpty();
    assertThat(py.console("_\n").result().stdoutText()).as("_ is the last value shown").isEqualTo("'kept'\n");
    CellResult failed = py.console("1 / 0\n").result();
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderrText()).isEqualTo("Traceback (most recent call last):\n"
        + "  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n");
    CellResult syntax = py.console("1 +)\n").result();
    assertThat(syntax.stderrText()).startsWith("  File \"<stdin>\", line 1\n").contains("SyntaxError");
    io.mirage4j.workspace.ConsoleStep exit = py.console("exit(4)\n");
    assertThat(exit.exited()).isTrue();
    assertThat(exit.result().exitCode()).isEqualTo(4);
    assertThat(py.console("x\n").result().stdoutText()).as("the session outlives a console's exit").isEqualTo("'kept'\n");
  }

  @Test
  void anInterruptRaisesKeyboardInterruptInTheRunningCellAndTheStateStays() throws Exception {
    PythonSession py = ws.pythonSession("interrupted");
    ok(py, "kept = 'yes'");
    assertThat(py.interrupt()).as("no cell runs: nothing to do, but the runtime can").isTrue();
    for (String busy : List.of("open('/data/busy', 'w').close()\nwhile True: pass",
        "open('/data/busy', 'w').close()\nimport time\nwhile True: time.sleep(0.01)")) {
      if (ws.fs().exists("/data/busy")) {
        ws.fs().delete("/data/busy");
      }
      CompletableFuture<CellResult> cell = CompletableFuture.supplyAsync(() -> py.run(busy, Duration.ofSeconds(60)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!ws.fs().exists("/data/busy")) {
        assertThat(System.nanoTime()).as("the cell starts").isLessThan(deadline);
        Thread.sleep(20);
      }
      assertThat(py.interrupt()).isTrue();
      CellResult r = cell.get(10, TimeUnit.SECONDS);
      assertThat(r.exitCode()).as(busy).isEqualTo(130);
      assertThat(r.stderrText()).startsWith("Traceback (most recent call last):\n").endsWith("KeyboardInterrupt\n");
      assertThat(ok(py, "kept").value()).contains("'yes'");
    }
    assertThat(ok(py, "1 + 1").value()).as("an interrupt asked for between cells reaches none").contains("2");
  }

  @Test
  void aCellThatReplacesMainLeavesTheNextOneAFreshMainAndSaysSo() {
    PythonSession py = ws.pythonSession("replaced-main");
    ok(py, "k = 1");
    ok(py, "import sys; sys.modules['__main__'] = 42");
    CellResult next = py.run("k");
    assertThat(next.stderrText()).startsWith(
        "python3: sys.modules['__main__'] is no module any more: this cell starts in a fresh __main__\n")
        .endsWith("NameError: name 'k' is not defined\n");
    assertThat(ok(py, "k = 2; k").value()).as("the interpreter is kept").contains("2");
  }
}
