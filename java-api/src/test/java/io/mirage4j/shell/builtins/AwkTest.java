package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code awk}: POSIX awk, checked against mawk 1.3.4 and gawk where they agree. */
class AwkTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/d.txt", "alice 30 paris\nbob 25 london\ncarol 35 paris\n");
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        arguments("awk '$2 > 28 { print $1 }' d.txt", "alice\ncarol\n", "", 0),
        arguments("awk '{ s += $2 } END { print s / NR }' d.txt", "30\n", "", 0),
        arguments("awk -F, -v OFS=- '{ $1 = $1; print }' <<< 'a,b,c'", "a-b-c\n", "", 0),
        arguments("awk 'BEGIN { printf \"%5.2f|%-3d|%e|%g\\n\", 3.14159, 7, 12345.678, 0.0001 }'",
            " 3.14|7  |1.234568e+04|0.0001\n", "", 0),
        arguments("awk 'BEGIN { printf \"%.2f %.0f %.0f\\n\", 2.675, 0.5, 1.5 }'", "2.67 0 2\n", "", 0),
        arguments("awk 'BEGIN { x = 500000500000; print x, x / 7 }'", "500000500000 7.14286e+10\n", "", 0),
        arguments("awk 'BEGIN { print substr(\"abcdef\", 0, 2), substr(\"abcdef\", 2.5, 2) }'", "a bc\n", "", 0),
        arguments("awk '{ print $1 }' nope", "", "awk: cannot open nope (No such file or directory)\n", 2),
        arguments("awk 'BEGIN { print ( }'", "", "awk: line 1: syntax error at or near }\n", 2),
        arguments("awk 'BEGIN { f() }'", "", "awk: line 1: function f never defined\n", 2),
        arguments("awk 'BEGIN { print 1 / 0 }'", "", "awk: division by zero\n", 2),
        arguments("awk", "", "awk: usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n"
            + "usage: awk [-F value] [-v var=value] [-f program-file] [--] [file ...]\n", 2),
        arguments("printf 'a b\\n' | awk '{ print NF; $4 = \"d\"; print; print NF }'", "2\na b  d\n4\n", "", 0),
        arguments("awk 'BEGIN { \"echo a b\" | getline x; print x; print system(\"true\"), system(\"false\") }'",
            "a b\n0 1\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void runsLikePosixAwk(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void printToAFileWritesItThroughTheWorkspace() {
    expect("awk '{ print $1 > \"names\" } END { close(\"names\"); while ((getline n < \"names\") > 0) c++; print c }' d.txt",
        "3\n");
    assertThat(content("/names")).isEqualTo("alice\nbob\ncarol\n");
  }

  @Test
  void aReadOnlyMountRefusesTheWriteAndTheWorkspaceAnswersNext() {
    ExecResult r = run("awk 'BEGIN { print \"x\" > \"/ro/evil\" }'");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrText()).isEqualTo("awk: cannot open \"/ro/evil\" for output (Read-only file system)\n");
    assertThat(ro.list("/").stream().map(s -> s.name())).containsExactlyInAnyOrder("notes.txt", "docs");
    expect("echo next", "next\n");
  }

  @Test
  void commandsRunOnlyAsTheShellsOwnProgramsAndOnlySimpleOnes() {
    expect("awk 'BEGIN { system(\"cat /etc/passwd\") }'", "", "cat: /etc/passwd: No such file or directory\n", 0);
    ExecResult r = run("awk 'BEGIN { system(\"echo a; echo b\") }'");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrText()).isEqualTo(
        "awk: run time error: cannot run \"echo a; echo b\": only simple commands can run here\n");
    expect("awk 'BEGIN { system(\"nosuchcmd\") }'", "", "sh: 1: nosuchcmd: not found\n", 0);
  }

  @Test
  void endlessRecursionFailsAndTheWorkspaceAnswersNext() {
    ExecResult r = run("awk 'function f(n) { return f(n + 1) } BEGIN { f(1) }'");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrText()).isEqualTo("awk: run time error: function call nesting too deep\n");
    expect("echo next", "next\n");
  }

  @Test
  void anEndlessLoopStopsAtTheLineTimeLimit() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (Workspace timed = Workspace.builder().mount("/data", Resources.inMemory())
          .lineTimeout(Duration.ofMillis(300)).build()) {
        ExecResult r = timed.execute("awk 'BEGIN { while (1) x++ }'");
        assertThat(r.exitCode()).isEqualTo(124);
        assertThat(timed.execute("echo next").stdoutText()).isEqualTo("next\n");
      }
    });
  }

  @Test
  void readsOnlyWhatItNeedsFromAnEndlessPipe() {
    expect("yes | awk 'NR == 3 { print NR; exit }'", "3\n");
  }
}
