package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many calls over four workspaces whose interpreters share Node processes, with faults injected at
 * random: programs past their time limit, programs that swallow the interrupt, one workspace's
 * interpreter stopped mid-call, and whole processes killed mid-call (which fails the call in flight
 * of every workspace in them). Every call is answered exactly once: with its own right answer, or,
 * only while a fault was injected, with the failure that fault explains. Every answer also shows
 * the workspace's own files, environment and modules and nothing of the others'.
 *
 * <p>{@code mvn verify} runs a short form; {@code -Dmirage4j.soak.calls=4000} a longer one ({@code
 * -Dmirage4j.soak.seed=N} repeats a run).
 */
@Tag("soak")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SharedProcessSoakIT {
  private static final Logger log = LoggerFactory.getLogger(SharedProcessSoakIT.class);
  private static final int WORKSPACES = 4;
  private static final String PROCESS_KILLED = "python3: runtime crashed: the Python sidecar was killed by signal 9";
  private static final String INTERPRETER_STOPPED = "python3: the Python sidecar was stopped";

  /** How many process kills have begun (counted just before the kill). */
  private final AtomicInteger killsBegun = new AtomicInteger();
  /** How many process kills have ended (counted once the process is gone). */
  private final AtomicInteger killsEnded = new AtomicInteger();

  /** One workspace under load. */
  private static final class Subject {
    final int index;
    final Workspace ws;
    NodeSidecar sidecar;
    int answered;
    int failedByFault;

    Subject(int index) {
      this.index = index;
      NodeSidecarProvider shared = NodeSidecarProvider.builder().interpretersPerProcess(WORKSPACES).build();
      this.ws = Workspace.builder().mount("/data", Resources.inMemory()).env("SUBJECT", "s" + index)
          .pythonRuntime(files -> sidecar = (NodeSidecar) shared.create(files)).build();
      ws.execute("echo mine > /data/s" + index);
    }
  }

  @Test
  void everyCallIsAnsweredOnceAndNoWorkspaceSeesAnother() throws Exception {
    int calls = Integer.getInteger("mirage4j.soak.calls", 600);
    long seed = Long.getLong("mirage4j.soak.seed", System.nanoTime());
    log.warn("shared-process soak: {} calls over {} workspaces, seed {}", calls, WORKSPACES, seed);
    List<Subject> subjects = new ArrayList<>();
    try {
      for (int i = 0; i < WORKSPACES; i++) {
        subjects.add(new Subject(i));
      }
      for (Subject subject : subjects) {
        answers(subject, 1);
      }
      assertThat(subjects.stream().map(s -> s.sidecar.pid().orElseThrow()).distinct())
          .as("the workspaces share one process").hasSize(1);
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (Subject subject : subjects) {
        Random random = new Random(seed + subject.index);
        workers.add(CompletableFuture.runAsync(() -> soak(subject, random, calls / WORKSPACES)));
      }
      CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();

      for (Subject subject : subjects) {
        answers(subject, 7);
        log.warn("shared-process soak: workspace {} answered {} calls, {} failed by a fault", subject.index,
            subject.answered, subject.failedByFault);
        assertThat(subject.answered).isGreaterThan(calls / WORKSPACES / 2);
      }
    } finally {
      subjects.forEach(s -> s.ws.close());
    }
  }

  private void soak(Subject subject, Random random, int calls) {
    for (int call = 0; call < calls; call++) {
      int dice = random.nextInt(1000);
      if (dice < 10) {
        timesOut(subject);
      } else if (dice < 14) {
        swallowsTheInterrupt(subject);
      } else if (dice < 20) {
        stoppedMidCall(subject);
      } else if (dice < 23) {
        processKilledMidCall(subject);
      } else {
        int killsBefore = killsEnded.get();
        ExecResult r = call(subject, random.nextInt(1_000_000));
        if (r.exitCode() == 1) {
          explained(killsBefore);
          subject.failedByFault++;
        }
      }
    }
  }

  /** A call whose answer shows the workspace's own state: a sum, its files, its environment, a module it planted. */
  private ExecResult call(Subject subject, int n) {
    ExecResult r = subject.ws.execute("python3 -c '"
        + "import sys, os\n"
        + "n = int(sys.argv[1])\n"
        + "planted = [m for m in sys.modules if m.startswith(\"planted_\")]\n"
        + "sys.modules[\"planted_" + subject.index + "\"] = os\n"
        + "print(n * (n + 1) // 2, sorted(os.listdir(\"/data\")), os.environ[\"SUBJECT\"], planted)' " + n);
    if (r.exitCode() == 0) {
      assertThat(r.stdoutText()).isEqualTo((long) n * (n + 1) / 2 + " ['s" + subject.index + "'] s" + subject.index + " []\n");
      subject.answered++;
    } else {
      assertThat(r.stderrText()).as("a call that did not answer").startsWith(PROCESS_KILLED);
    }
    return r;
  }

  private void answers(Subject subject, int n) {
    assertThat(call(subject, n).exitCode()).isZero();
  }

  private void timesOut(Subject subject) {
    int killsBefore = killsEnded.get();
    ExecResult r = subject.ws.execute("python3 -c 'while True: pass'",
        ExecOptions.defaults().withPythonTimeout(Duration.ofMillis(200)));
    expect(r, "python3: timed out after 0.2s\n", killsBefore);
  }

  private void swallowsTheInterrupt(Subject subject) {
    int killsBefore = killsEnded.get();
    ExecResult r = subject.ws.execute("python3 -c '\nwhile True:\n  try:\n    while True: pass\n  except KeyboardInterrupt:\n    pass'",
        ExecOptions.defaults().withPythonTimeout(Duration.ofMillis(200)));
    expect(r, "python3: timed out after 0.2s\n", killsBefore);
  }

  /** This workspace's interpreter is stopped while its call sleeps; the others go on. */
  private void stoppedMidCall(Subject subject) {
    subject.ws.execute("python3 -c pass");
    int killsBefore = killsEnded.get();
    subject.sidecar.interpreter().ifPresent(interpreter ->
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(interpreter::kill));
    ExecResult r = subject.ws.execute("python3 -c 'import time; time.sleep(3)'");
    expect(r, INTERPRETER_STOPPED + "\n", killsBefore);
    subject.failedByFault++;
  }

  /** The process this workspace's interpreter runs in is killed while its call sleeps. */
  private void processKilledMidCall(Subject subject) {
    subject.ws.execute("python3 -c pass");
    subject.sidecar.pid().ifPresent(pid -> CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> {
      killsBegun.incrementAndGet();
      ProcessHandle.of(pid).ifPresent(process -> {
        process.destroyForcibly();
        process.onExit().join();
      });
      killsEnded.incrementAndGet();
    }));
    ExecResult r = subject.ws.execute("python3 -c 'import time; time.sleep(3)'");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).startsWith(PROCESS_KILLED);
    subject.failedByFault++;
  }

  /**
   * A call failed because a process was killed: some kill began before the call ended and had not
   * ended when the call began ({@code killsBefore}: the kills ended by then).
   */
  private void explained(int killsBefore) {
    assertThat(killsBegun.get()).as("a crash while no process was being killed").isGreaterThan(killsBefore);
  }

  /** {@code r} is {@code expected} on stderr, or a crash explained by a process killed since {@code killsBefore}. */
  private void expect(ExecResult r, String expected, int killsBefore) {
    if (r.stderrText().startsWith(PROCESS_KILLED)) {
      explained(killsBefore);
    } else {
      assertThat(r.stderrText()).isEqualTo(expected);
    }
  }
}
