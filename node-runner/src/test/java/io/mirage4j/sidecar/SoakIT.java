package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many calls over four workspaces at once, with faults injected at random into three of them:
 * programs past their time limit, programs that swallow the interrupt, sidecars killed mid-call.
 * Every call's result is checked and every workspace answers correctly at the end. The fourth
 * workspace gets no faults, so one sidecar lives through the whole run under that load: its RSS
 * at the end may not exceed its RSS after the first tenth of the calls by more than 64 MB.
 *
 * <p>{@code mvn verify} runs a short form; {@code -Dmirage4j.soak.calls=10000} runs the full one
 * ({@code -Dmirage4j.soak.seed=N} repeats a run).
 */
@Tag("soak")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SoakIT {
  private static final Logger log = LoggerFactory.getLogger(SoakIT.class);
  private static final int WORKSPACES = 4;
  private static final long RSS_GROWTH_LIMIT = 64L << 20;
  private static final long RSS_LIMIT = 1L << 30;
  /** Each workspace a process of its own, so that a kill and the RSS checks concern one workspace; {@link SharedProcessSoakIT} covers shared ones. */
  private static final NodeSidecarProvider ONE_PER_PROCESS = NodeSidecarProvider.builder().interpretersPerProcess(1).build();

  private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "soak-killer");
    t.setDaemon(true);
    return t;
  });

  /** One workspace under load and what was seen of its sidecar. */
  private static final class Subject {
    final Workspace ws;
    final boolean faulty;
    NodeSidecar sidecar;
    long pidAtWarm = -1;
    long rssAtWarm;
    int faults;

    Subject(Workspace.Builder builder, boolean faults) {
      this.faulty = faults;
      this.ws = builder.pythonRuntime(files -> sidecar = (NodeSidecar) ONE_PER_PROCESS.create(files)).build();
    }
  }

  @Test
  void everyWorkspaceSurvivesThousandsOfCallsWithFaults() throws Exception {
    int calls = Integer.getInteger("mirage4j.soak.calls", 2000);
    long seed = Long.getLong("mirage4j.soak.seed", System.nanoTime());
    log.warn("soak: {} calls over {} workspaces, seed {}", calls, WORKSPACES, seed);
    List<Subject> subjects = new ArrayList<>();
    try {
      for (int i = 0; i < WORKSPACES; i++) {
        subjects.add(new Subject(Workspace.builder().mount("/data", Resources.inMemory()), i > 0));
      }
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (int i = 0; i < WORKSPACES; i++) {
        Subject subject = subjects.get(i);
        Random random = new Random(seed + i);
        int share = calls / WORKSPACES;
        workers.add(CompletableFuture.runAsync(() -> soak(subject, random, share)));
      }
      CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();

      for (Subject subject : subjects) {
        assertThat(subject.ws.execute("python3 -c 'print(\"still here\")'").stdoutText()).isEqualTo("still here\n");
        long pid = subject.sidecar.pid().orElseThrow();
        long rss = rss(pid);
        log.warn("soak: sidecar {} ends at {} MB RSS ({} MB when warm, sidecar {}); {} faults injected",
            pid, rss >> 20, subject.rssAtWarm >> 20, subject.pidAtWarm, subject.faults);
        assertThat(rss).isLessThan(RSS_LIMIT);
        if (!subject.faulty) {
          assertThat(pid).as("the sidecar of the workspace without faults").isEqualTo(subject.pidAtWarm);
          assertThat(rss - subject.rssAtWarm).as("RSS growth of sidecar %d", pid).isLessThan(RSS_GROWTH_LIMIT);
        }
      }
    } finally {
      killer.shutdownNow();
      subjects.forEach(s -> s.ws.close());
    }
  }

  private void soak(Subject subject, Random random, int calls) {
    for (int call = 0; call < calls; call++) {
      if (call == calls / 10) {
        subject.ws.execute("python3 -c pass");
        subject.pidAtWarm = subject.sidecar.pid().orElseThrow();
        subject.rssAtWarm = rss(subject.pidAtWarm);
      }
      int dice = subject.faulty ? random.nextInt(1000) : 1000;
      if (dice < 5) {
        subject.faults++;
        timesOut(subject);
      } else if (dice < 7) {
        subject.faults++;
        crashes(subject);
      } else if (dice < 8) {
        subject.faults++;
        swallowsTheInterrupt(subject);
      } else {
        answers(subject, random.nextInt(1_000_000));
      }
    }
  }

  private static void answers(Subject subject, int n) {
    ExecResult r = subject.ws.execute("python3 -c 'import sys; n = int(sys.argv[1]); print(n * (n + 1) // 2)' " + n);
    assertThat(r.stdoutText()).as("stderr: %s", r.stderrText()).isEqualTo((long) n * (n + 1) / 2 + "\n");
    assertThat(r.exitCode()).isZero();
  }

  private static void timesOut(Subject subject) {
    ExecResult r = subject.ws.execute("python3 -c 'while True: pass'",
        ExecOptions.defaults().withPythonTimeout(Duration.ofMillis(200)));
    assertThat(r.stderrText()).isEqualTo("python3: timed out after 0.2s\n");
    assertThat(r.exitCode()).isEqualTo(124);
  }

  private static void swallowsTheInterrupt(Subject subject) {
    ExecResult r = subject.ws.execute("python3 -c '\nwhile True:\n  try:\n    while True: pass\n  except KeyboardInterrupt:\n    pass'",
        ExecOptions.defaults().withPythonTimeout(Duration.ofMillis(200)));
    assertThat(r.stderrText()).isEqualTo("python3: timed out after 0.2s\n");
    assertThat(r.exitCode()).isEqualTo(124);
  }

  private void crashes(Subject subject) {
    subject.ws.execute("python3 -c pass");
    OptionalLong pid = subject.sidecar.pid();
    killer.schedule(() -> ProcessHandle.of(pid.orElseThrow()).ifPresent(ProcessHandle::destroyForcibly),
        200, TimeUnit.MILLISECONDS);
    ExecResult r = subject.ws.execute("python3 -c 'import time; time.sleep(5)'");
    assertThat(r.stderrText()).startsWith("python3: runtime crashed: the Python sidecar was killed by signal 9");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  private static long rss(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> Long.parseLong(line.replaceAll("\\D+", "")) << 10)
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new AssertionError("cannot read the RSS of sidecar " + pid, e);
    }
  }
}
