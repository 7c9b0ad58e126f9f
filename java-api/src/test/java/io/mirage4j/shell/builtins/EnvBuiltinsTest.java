package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code env printenv true false sleep}. */
@Timeout(30)
class EnvBuiltinsTest extends BuiltinTestSupport {

  @Test
  void envPrintsTheExportedVariablesInOrder() {
    expect("env", "HOME=/data\n");
    expect("export B=2 A=1; NOT_EXPORTED=x; env", "HOME=/data\nB=2\nA=1\n");
    expect("C=3 env", "HOME=/data\nB=2\nA=1\nC=3\n");
    expect("env -i X=1 Y=a=b", "X=1\nY=a=b\n");
    expect("env -u HOME -u B", "A=1\n");
    expect("unset A; env", "HOME=/data\nB=2\n");
  }

  @Test
  void envRunsACommandInTheChangedEnvironment() {
    expect("env A=1 printenv A", "1\n");
    expect("env -i A=1 env", "A=1\n");
    expect("export B=2; env -u B printenv B; echo $?", "1\n");
    expect("env -i printenv HOME; echo $?", "1\n");
    expect("echo piped | env A=1 cat", "piped\n");
    expect("env A=1 false; echo $?", "1\n");
    expect("mkdir -p sub; env -C sub pwd", "/data/sub\n");
    expect("f() { echo function; }; env f", "", "env: ‘f’: No such file or directory\n", 127);
    expect("env nope", "", "env: ‘nope’: No such file or directory\n", 127);
    expect("env -C nope true", "", "env: cannot change directory to 'nope': No such file or directory\n", 125);
  }

  @Test
  void envUsageErrors() {
    expect("env -u", "", "env: option requires an argument -- 'u'\nTry 'env --help' for more information.\n", 125);
    expect("env -z", "", "env: invalid option -- 'z'\nTry 'env --help' for more information.\n", 125);
  }

  @Test
  void printenvPrintsValues() {
    run("export LANG=C.UTF-8; X=notexported");
    expect("printenv", "HOME=/data\nLANG=C.UTF-8\n");
    expect("printenv LANG HOME", "C.UTF-8\n/data\n");
    expect("printenv HOME NOPE X", "/data\n", "", 1);
    expect("printenv -x", "", "printenv: invalid option -- 'x'\nTry 'printenv --help' for more information.\n", 2);
  }

  @Test
  void trueAndFalse() {
    expect("true; echo $?", "0\n");
    expect("false; echo $?", "1\n");
    expect("true --help -x; echo $?", "0\n");
    expect("false --version; echo $?", "1\n");
    expect("false || true && echo ok", "ok\n");
  }

  @Test
  void sleepWaitsForTheSumOfItsIntervals() {
    long start = System.nanoTime();
    expect("sleep 0.1 0.05s 0.001m; echo ok", "ok\n");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(210));
    expect("sleep 0x0.1; sleep ' 0'; sleep 0d; echo ok", "ok\n");
  }

  @Test
  void sleepRejectsBadIntervals() {
    expect("sleep", "", "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1);
    expect("sleep 1x", "", "sleep: invalid time interval ‘1x’\nTry 'sleep --help' for more information.\n", 1);
    expect("sleep 1 x ''", "", "sleep: invalid time interval ‘x’\nsleep: invalid time interval ‘’\n"
        + "Try 'sleep --help' for more information.\n", 1);
    expect("sleep .", "", "sleep: invalid time interval ‘.’\nTry 'sleep --help' for more information.\n", 1);
    expect("sleep -1", "", "sleep: invalid option -- '1'\nTry 'sleep --help' for more information.\n", 1);
  }

  @Test
  void sleepIsInterruptible() throws Exception {
    ExecResult r = ws.execute("sleep 30; echo not-reached", ExecOptions.defaults().withTimeout(Duration.ofMillis(200)));
    assertThat(r.exitCode()).isEqualTo(124);
    assertThat(r.stdoutText()).isEmpty();
    CompletableFuture<ExecResult> running = ws.executeAsync("sleep inf", ExecOptions.defaults());
    Thread.sleep(100);
    running.cancel(true);
    assertThat(running.isCancelled()).isTrue();
    expect("echo still works", "still works\n");
  }
}
