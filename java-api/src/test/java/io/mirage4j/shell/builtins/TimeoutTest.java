package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code timeout}, against GNU coreutils 9.1. */
class TimeoutTest extends BuiltinTestSupport {
  private static final String TRY = "Try 'timeout --help' for more information.\n";

  static Stream<Arguments> timeout() {
    return Stream.of(
        arguments("timeout 1 echo hi; echo $?", "hi\n0\n", "", 0),
        arguments("timeout 0 echo hi", "hi\n", "", 0),
        arguments("timeout 5 false; echo $?", "1\n", "", 0),
        arguments("timeout 0.1 sleep 5; echo $?", "124\n", "", 0),
        arguments("timeout .1s sleep 5; echo $?", "124\n", "", 0),
        arguments("timeout --preserve-status 0.1 sleep 5; echo $?", "143\n", "", 0),
        arguments("timeout -s INT --preserve-status 0.1 sleep 5; echo $?", "130\n", "", 0),
        arguments("timeout -s KILL 0.1 sleep 5; echo $?", "137\n", "", 0),
        arguments("timeout -v 0.1 sleep 5; echo $?", "124\n", "timeout: sending signal TERM to command ‘sleep’\n", 0),
        arguments("echo in | timeout 1 cat", "in\n", "", 0),
        arguments("timeout 1m env A=1 printenv A", "1\n", "", 0),
        arguments("timeout -- 1 echo a", "a\n", "", 0),
        arguments("timeout x sleep 1", "", "timeout: invalid time interval ‘x’\n" + TRY, 125),
        arguments("timeout 1x true", "", "timeout: invalid time interval ‘1x’\n" + TRY, 125),
        arguments("timeout -k x 1 true", "", "timeout: invalid time interval ‘x’\n" + TRY, 125),
        arguments("timeout -s FOO 1 true", "", "timeout: ‘FOO’: invalid signal\n" + TRY, 125),
        arguments("timeout -x 1 true", "", "timeout: invalid option -- 'x'\n" + TRY, 125),
        arguments("timeout", "", TRY, 125),
        arguments("timeout 1", "", TRY, 125),
        arguments("timeout 1 nope", "", "timeout: failed to run command ‘nope’: No such file or directory\n", 127),
        arguments("echo x > a.txt; timeout 1 ./a.txt", "", "timeout: failed to run command ‘./a.txt’: Permission denied\n", 126));
  }

  @ParameterizedTest
  @MethodSource
  void timeout(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void stopsTheCommandAtTheDeadlineAndTheWorkspaceAnswersNext() {
    long start = System.nanoTime();
    ExecResult r = run("timeout 0.2 sleep 30; echo $?");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r).isEqualTo(result("124\n", "", 0));
    assertThat(millis).isLessThan(5_000);
    assertThat(run("echo next")).isEqualTo(result("next\n", "", 0));
  }

  @Test
  void killAfterGivesUpOnACommandThatIgnoresTheInterrupt() {
    try (Workspace stubborn = Workspace.builder().mount("/data", Resources.inMemory())
        .command("stubborn", (ctx, args) -> {
          long end = System.nanoTime() + 3_000_000_000L;
          while (System.nanoTime() < end) {
            Thread.interrupted();
          }
          return 0;
        }).build()) {
      long start = System.nanoTime();
      assertThat(stubborn.execute("timeout -k 0.2 0.1 stubborn; echo $?")).isEqualTo(result("137\n", "", 0));
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
      assertThat(stubborn.execute("timeout -v -k 0.1 0.1 stubborn")).isEqualTo(result("",
          "timeout: sending signal TERM to command ‘stubborn’\ntimeout: sending signal KILL to command ‘stubborn’\n", 137));
    }
  }

  @Test
  void stopsAShellLoopRunThroughAProgram() {
    assertThat(run("timeout 0.2 yes > /dev/null; echo $?")).isEqualTo(result("124\n", "", 0));
  }

  @Test
  void aPipeStaysOpenAfterTheThreadThatWroteToItEnds() {
    assertThat(run("{ timeout 5 echo a; sleep 0.3; echo b; } | { sleep 0.1; cat; }")).isEqualTo(result("a\nb\n", "", 0));
    assertThat(run("timeout 5 seq 3 | timeout 5 wc -l")).isEqualTo(result("3\n", "", 0));
  }
}
