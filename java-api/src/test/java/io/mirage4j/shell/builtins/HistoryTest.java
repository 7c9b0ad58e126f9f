package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.shell.History;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code history}: the session's lines as bash lists them. */
class HistoryTest {
  private final Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build();

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void listsTheSessionsLinesNumberedWithTheHistoryLineLast() {
    Session s = ws.newSession();
    s.execute("echo one");
    s.execute("cd /data && ls\necho two");
    ExecResult r = s.execute("history");
    assertThat(r.stdoutText()).isEqualTo("    1  echo one\n    2  cd /data && ls\necho two\n    3  history\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void nListsTheNewestN() {
    Session s = ws.newSession();
    for (int i = 1; i <= 12; i++) {
      s.execute("echo " + i);
    }
    assertThat(s.execute("history 2").stdoutText()).isEqualTo("   12  echo 12\n   13  history 2\n");
    assertThat(s.execute("history 0").stdoutText()).isEmpty();
  }

  @Test
  void eachSessionHasItsOwnAndSubshellsPipesAndOverridesShareIt() {
    Session a = ws.newSession();
    Session b = ws.newSession();
    a.execute("echo a");
    b.execute("echo b");
    a.execute("true", ExecOptions.defaults().withCwd("/"));
    assertThat(a.execute("(history) | cat").stdoutText())
        .isEqualTo("    1  echo a\n    2  true\n    3  (history) | cat\n");
    assertThat(b.execute("history").stdoutText()).isEqualTo("    1  echo b\n    2  history\n");
  }

  @Test
  void minusCClearsAndNumberingGoesOn() {
    Session s = ws.newSession();
    s.execute("echo a");
    s.execute("history -c");
    assertThat(s.execute("history").stdoutText()).isEqualTo("    3  history\n");
  }

  @Test
  void badArgumentsAreReportedAsBashDoes() {
    ExecResult r = ws.execute("history x");
    assertThat(r.stderrText()).isEqualTo("history: x: numeric argument required\n");
    assertThat(r.exitCode()).isEqualTo(1);
    r = ws.execute("history 1 2");
    assertThat(r.stderrText()).isEqualTo("history: too many arguments\n");
    assertThat(r.exitCode()).isEqualTo(1);
    r = ws.execute("history -z");
    assertThat(r.stderrText()).isEqualTo("history: -z: invalid option\nhistory: usage: history [-c] [n]\n");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void keepsTheNewestThousand() {
    History h = new History();
    for (int i = 1; i <= History.LIMIT + 5; i++) {
      h.add("echo " + i);
    }
    assertThat(h.all()).hasSize(History.LIMIT);
    assertThat(h.all().get(0)).isEqualTo(new History.Entry(6, "echo 6"));
  }
}
