package io.mirage4j.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code &}, {@code wait}, {@code jobs} and {@code $!}: expectations are what bash 5.2 prints. */
class BackgroundJobsTest extends ShellTestSupport {

  @Test
  void aJobRunsWhileTheLineGoesOn() {
    expect("{ sleep 0.2; echo a; } & echo b; wait", "b\na\n");
    expect("for i in 1 2 3; do { sleep 0.$((4-i)); echo $i; } & done; wait", "3\n2\n1\n");
    expect("sleep 0.2 & echo started; jobs; wait; echo \"w=$?\"",
        "started\n[1]+  Running                 sleep 0.2 &\nw=0\n");
  }

  @Test
  void jobsRunConcurrently() {
    long start = System.nanoTime();
    expect("sleep 0.5 & sleep 0.5 & sleep 0.5 & wait; echo done", "done\n");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1400);
  }

  @Test
  void waitReturnsTheStatusOfTheJobItNames() {
    expect("(exit 3) & wait $!; echo \"s=$?\"", "s=3\n");
    expect("false & p=$!; wait $p; echo $?; wait $p; echo $?", "1\n1\n");
    expect("f() { echo in f; return 4; }; f & wait $!; echo $?", "in f\n4\n");
    expect("false & wait %1; echo $?", "1\n");
    expect("false & sleep 0.05; wait $!; echo $?", "1\n");
    expect("(exit 5) & wait -n; echo $?; wait -n; echo $?", "5\n127\n");
    expect("(exit 5) & wait -n -p v; echo $? $(( v == $! ))", "5 1\n");
    expect("wait; echo $?; wait -n; echo $?", "0\n127\n");
  }

  @Test
  void aFinishedJobLeavesTheTableAfterTheNextCommand() {
    expect("false & sleep 0.2; wait %1; echo $?", "127\n", "mirage: wait: %1: no such job\n", 0);
    expect("true & wait %1 %1; echo $?", "127\n", "mirage: wait: %1: no such job\n", 0);
    expect("true & sleep 0.2; jobs; echo end", "end\n");
  }

  @Test
  void aJobIsASubshellWithEmptyInput() {
    expect("echo $!; true & [ -n \"$!\" ] && echo has", "\nhas\n");
    expect("x=1; x=2 & wait; echo $x", "1\n");
    ExecResult r = ws.execute("cat & wait; echo end", ExecOptions.defaults().withStdin("input\n"));
    assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("end\n");
    expect("set -e; (false; echo no) & wait $!; echo $?", "", "", 1);
    expect("f() { cat & wait; }; echo p | f; x=$(cat & wait); echo \"[$x]\"", "p\n[]\n");
    expect("echo file > in.txt; { cat & wait; } < in.txt", "file\n");
  }

  @Test
  void theShellWaitsForItsJobsBeforeItEnds() {
    expect("trap \"echo bye\" EXIT; { sleep 0.1; echo job; } & echo fg", "fg\nbye\njob\n");
    expect("x=$( { sleep 0.05; echo late; } & echo early ); echo \"$x\"", "early\nlate\n");
    expect("echo x | { cat & wait; }; echo end", "x\nend\n");
    expect("( { sleep 0.2; echo in; } & ); echo out", "out\nin\n");
  }

  @Test
  void redirectionsStayOpenForTheJobsThatUseThem() {
    expect("for i in 1 2 3; do { sleep 0.$((4-i)); echo $i; } & done > o.txt; wait; cat o.txt", "3\n2\n1\n");
    expect("{ sleep 0.05; echo late; } > p.txt & wait; cat p.txt", "late\n");
  }

  @Test
  void jobsListsThemAsBashDoes() {
    expect("sleep 0.1 & sleep 0.05 & jobs; jobs %1; jobs %-; jobs -r %+; wait",
        "[1]-  Running                 sleep 0.1 &\n[2]+  Running                 sleep 0.05 &\n"
            + "[1]-  Running                 sleep 0.1 &\n[1]-  Running                 sleep 0.1 &\n"
            + "[2]+  Running                 sleep 0.05 &\n");
    expect("sleep 0.1 & jobs sleep; jobs 1; jobs %?lee; jobs -p | grep -c '^[0-9][0-9]*$'; wait",
        "[1]+  Running                 sleep 0.1 &\n[1]+  Running                 sleep 0.1 &\n"
            + "[1]+  Running                 sleep 0.1 &\n1\n");
    expect("case a in a) echo x & ;; esac; wait", "x\n");
    expect("sleep 0.1 & (jobs); echo 1; jobs | cat; x=$(jobs %1); echo \"$x\"; wait",
        "1\n[1]+  Running                 sleep 0.1 &\n[1]+  Running                 sleep 0.1 &\n");
  }

  @Test
  void errorsAsBashReportsThem() {
    expect("wait x; echo $?", "1\n", "mirage: wait: `x': not a pid or valid job spec\n", 0);
    expect("wait %x; echo $?", "127\n", "mirage: wait: %x: no such job\n", 0);
    expect("wait 99999; echo $?", "127\n", "mirage: wait: pid 99999 is not a child of this shell\n", 0);
    expect("wait -z; echo $?", "2\n", "mirage: wait: -z: invalid option\nwait: usage: wait [-fn] [-p var] [id ...]\n", 0);
    expect("jobs -q; echo $?", "2\n",
        "mirage: jobs: -q: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n", 0);
    expect("jobs %1; echo $?", "1\n", "mirage: jobs: %1: no such job\n", 0);
    expect("echo a &; echo b", "", "mirage: syntax error near ';'\n", 2);
    expect("echo a & & echo b", "", "mirage: syntax error near '&'\n", 2);
  }

  @Test
  void aTimeLimitStopsTheJobsToo() {
    ExecResult r = ws.execute("while :; do :; done & echo started", ExecOptions.defaults().withTimeout(Duration.ofMillis(300)));
    assertThat(r.exitCode()).isEqualTo(124);
    expect("echo next", "next\n");
  }

  @Test
  void cancellingTheLineStopsItsJobs() throws Exception {
    Session session = ws.newSession();
    CompletableFuture<ExecResult> running = session.executeAsync("while :; do :; done & while :; do :; done & wait");
    Thread.sleep(200);
    running.cancel(true);
    assertThat(session.execute("echo next").stdout()).isEqualTo("next\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aForkBombOfJobsStopsAtTheThreadBudgetAndTheWorkspaceGoesOn() {
    try (Workspace small = Workspace.builder().mount("/data", data).shellThreadLimit(16)
        .lineTimeout(Duration.ofSeconds(20)).build()) {
      ExecResult r = small.execute("f() { f & f & }; f; wait");
      assertThat(r.exitCode()).isEqualTo(126);
      assertThat(new String(r.stderr(), StandardCharsets.UTF_8)).endsWith("mirage: fork: Resource temporarily unavailable\n");
      assertThat(small.execute("echo next").stdout()).isEqualTo("next\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void eachJobTakesAThreadOfTheWorkspaceBudget() {
    try (Workspace small = Workspace.builder().mount("/data", data).shellThreadLimit(2).build()) {
      ExecResult r = small.execute("sleep 0.2 & sleep 0.2 & sleep 0.2 & wait; echo no");
      assertThat(r.exitCode()).isEqualTo(126);
      assertThat(new String(r.stderr(), StandardCharsets.UTF_8)).isEqualTo("mirage: fork: Resource temporarily unavailable\n");
      assertThat(small.execute("sleep 0.1 & wait; echo yes").stdout()).isEqualTo("yes\n".getBytes(StandardCharsets.UTF_8));
    }
  }
}
