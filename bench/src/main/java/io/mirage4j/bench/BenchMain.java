package io.mirage4j.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.sidecar.NodeSidecarProvider;
import io.mirage4j.workspace.CellResult;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.PythonSession;
import io.mirage4j.workspace.Workspace;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The mirage4j benchmark: every metric next to a baseline measured in the same run.
 *
 * <p>A plain main rather than JMH: the interesting costs here are process starts, interpreter
 * loads and multi-second CPU-bound programs, measured a handful of times each; JMH's forked JVMs
 * and iteration model would not fit the five-minute budget. Fast paths (a warm call) get an
 * explicit warmup of hundreds of calls before the measured ones; everything reports the median.
 *
 * <p>Run with {@code ./bench/run}; see {@code bench/README.md} for what each metric means.
 */
public final class BenchMain {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SETTLE = Duration.ofSeconds(15);
  private static final int MOUNT_FILE_BYTES = 100_000_000;
  /** rss_per_workspace: the slope over 1..this many workspaces. */
  private static final int RSS_WORKSPACES = 8;
  /** workspaces_in_8gb stops at this many workspaces even below 8 GB. */
  private static final int DENSITY_MAX_WORKSPACES = 400;
  /** workspaces_in_8gb stops early when the machine's MemAvailable falls under this. */
  private static final long DENSITY_MEMORY_MARGIN = 1_500_000_000L;

  /** Past this many seconds, sections take their quick sample counts. */
  private static final int BUDGET_SECONDS = 120;

  private final Setup setup;
  private final Report report;
  private boolean overBudget;

  // The RSS of the fresh-Node baseline runs of the cold section (rss_per_workspace's baseline).
  private final List<Double> baselineRssMb = new ArrayList<>();

  private BenchMain(Setup setup, Report report) {
    this.setup = setup;
    this.report = report;
  }

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Path root = Path.of(System.getProperty("bench.root", "."));
    boolean quick = false;
    for (String a : args) {
      if (a.equals("--quick")) {
        quick = true;
      } else {
        System.err.println("usage: BenchMain [--quick]   (system property bench.root: the project directory)");
        System.exit(2);
      }
    }
    Report report = new Report(System.out, System.err);
    Setup setup = new Setup(root, quick);
    try {
      setup.requireRuntime();
    } catch (RuntimeException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(1);
    }
    BenchMain bench = new BenchMain(setup, report);
    bench.targets();
    report.log("root " + setup.root + ", node " + setup.node + (quick ? ", quick mode (fewer samples)" : ""));
    report.log(Runtime.getRuntime().availableProcessors() + " CPUs, load average " + loadAverage()
        + " (other work on the machine makes every number noisier)");
    bench.section("cold_cli", bench::coldCli);
    bench.section("warm_call", bench::warmCall);
    bench.section("warm_call_fresh_state", bench::warmCallFreshState);
    bench.section("session_call", bench::sessionCall);
    bench.section("fork_workspace", bench::forkWorkspace);
    bench.section("new_interpreter_call", bench::newInterpreterCall);
    bench.section("parallel_two_workspaces", bench::parallelTwoWorkspaces);
    bench.section("mount_read_100mb", bench::mountRead);
    bench.section("rss_per_workspace", bench::rssPerWorkspace);
    bench.section("first_call_new_workspace", bench::firstCallNewWorkspace);
    bench.section("js", bench::jsCalls);
    bench.section("reference", bench::reference);
    bench.section("shell_loop", () -> new ShellLoopBench(report, bench.samples(3, 1)).run());
    bench.section("host_function_call", bench::hostFunctionCall);
    bench.section("calls_per_second_16_workspaces", bench::callsPerSecond16Workspaces);
    bench.section("workspaces_in_8gb", bench::workspacesIn8gb);
    report.log("load average at the end " + loadAverage());
    report.summary();
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private void targets() {
    report.target("parallel_two_workspaces_ratio", true, 0.6, "");
    report.target("warm_call", true, 0.3, "ms");
    report.target("warm_call_ratio", false, 40, "");
    report.target("first_call_new_workspace", true, 50, "ms");
    report.target("first_call_new_workspace_nopool", true, 150, "ms");
    report.target("cold_cli", true, 0.5, "s");
    report.target("mount_read_100mb", false, 600, "MB/s");
    report.target("mount_read_100mb_end_to_end", false, 600, "MB/s");
    report.target("rss_per_workspace", true, 40, "MB");
    report.target("workspaces_in_8gb", false, 200, "workspaces");
    report.target("reference_warm_ratio", false, 20, "");
    report.target("reference_cold_ratio", false, 3, "");
    report.target("shell_loop_ratio", false, 1, "");
    report.target("shell_pipeline_10mb_ratio", false, 1, "");
  }

  private interface Section {
    void run() throws Exception;
  }

  private void section(String name, Section section) {
    String only = System.getProperty("bench.only", "");
    if (!only.isBlank() && Stream.of(only.split(",")).map(String::trim).noneMatch(name::equals)) {
      return;
    }
    report.log("-- " + name + " (at " + Math.round(report.elapsedSeconds()) + " s)");
    try {
      section.run();
    } catch (Exception e) {
      report.unavailable(name, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
    }
  }

  /**
   * The normal sample count, or the quick one in quick mode, or once the run has used
   * {@link #BUDGET_SECONDS} (a loaded machine): the whole run stays within about five minutes.
   */
  private int samples(int normal, int quick) {
    if (setup.quick) {
      return quick;
    }
    if (report.elapsedSeconds() > BUDGET_SECONDS) {
      if (!overBudget) {
        overBudget = true;
        report.log("  over " + BUDGET_SECONDS + " s already (a slow or busy machine): fewer samples from here on");
      }
      return quick;
    }
    return normal;
  }

  // ---------------------------------------------------------------- d. cold CLI

  /**
   * {@code ./mirage4j -c "python3 -c 'print(1)'"} from start to exit, against a
   * fresh Node process that imports pyodide, runs plain {@code loadPyodide()} and prints 1. The two
   * alternate, after one discarded run of each (file cache). The Node runs also give the RSS
   * baseline of rss_per_workspace.
   */
  private void coldCli() throws Exception {
    int rounds = samples(3, 1);
    // The script users run: it adds the CLI's class-data archive, which the discarded run makes.
    List<String> cli = new ArrayList<>(List.of(setup.root.resolve("mirage4j").toString(), "-c", Setup.PRINT1));
    List<Double> ours = new ArrayList<>();
    List<Double> base = new ArrayList<>();
    String oursError = null;
    String baseError = null;
    for (int i = 0; i <= rounds; i++) {
      Procs.settle(SETTLE);
      if (oursError == null) {
        try {
          Procs.Outcome o = Procs.run(cli, setup.root, PROCESS_TIMEOUT).requireSuccess("the CLI");
          if (!o.stdout().equals("1\n")) {
            throw new IllegalStateException("the CLI printed " + Procs.firstLines(o.stdout()));
          }
          if (i > 0) {
            ours.add(o.wallNanos() / 1e9);
          }
          report.log((i == 0 ? "  (discarded) " : "  ") + "cli " + Stats.format(o.wallNanos() / 1e9) + " s");
        } catch (RuntimeException e) {
          oursError = e.getMessage();
        }
      }
      Procs.settle(SETTLE);
      if (baseError == null) {
        try {
          JsonNode r = nodeBaseline();
          double wall = r.path("wallSeconds").asDouble();
          if (i > 0) {
            base.add(wall);
            baselineRssMb.add(r.path("rssBytes").asDouble() / 1e6);
          }
          report.log((i == 0 ? "  (discarded) " : "  ") + "node+loadPyodide " + Stats.format(wall)
              + " s (loadPyodide " + Stats.format(r.path("loadMs").asDouble()) + " ms)");
        } catch (RuntimeException e) {
          baseError = e.getMessage();
        }
      }
    }
    if (oursError == null) {
      report.metric("cold_cli", Stats.median(ours), "s");
    } else {
      report.unavailable("cold_cli", oursError, true);
    }
    if (baseError == null) {
      report.metric("cold_cli_baseline", Stats.median(base), "s");
    } else {
      report.unavailable("cold_cli_baseline", baseError, true);
    }
    report.ratio("cold_cli", "cold_cli_baseline", "cold_cli");
  }

  // ---------------------------------------------------------------- b. warm call

  /** A warm {@code ws.execute("python3 -c 'print(1)'")}, against a native python3 process per call. */
  private void warmCall() throws Exception {
    int warmup = samples(300, 100);
    int measured = samples(1000, 200);
    List<Double> ours = new ArrayList<>();
    try (Workspace ws = Setup.newWorkspace()) {
      Setup.check(ws.execute(Setup.PRINT1), "1\n");
      Procs.settle(SETTLE);
      for (int i = 0; i < warmup; i++) {
        Setup.check(ws.execute(Setup.PRINT1), "1\n");
      }
      for (int i = 0; i < measured; i++) {
        long t0 = System.nanoTime();
        ExecResult r = ws.execute(Setup.PRINT1);
        long t1 = System.nanoTime();
        Setup.check(r, "1\n");
        ours.add(Stats.millis(t1 - t0));
      }
    }
    report.log("  ours " + Stats.describe(ours, "ms"));
    report.metric("warm_call", Stats.median(ours), "ms");

    if (!Files.isExecutable(setup.python)) {
      report.unavailable("warm_call_baseline", "no native python at " + setup.python, false);
    } else {
      List<String> command = List.of(setup.python.toString(), "-c", "print(1)");
      List<Double> base = new ArrayList<>();
      int calls = 3 + samples(40, 10);
      for (int i = 0; i < calls; i++) {
        Procs.Outcome o = Procs.run(command, null, PROCESS_TIMEOUT).requireSuccess(setup.python.toString());
        if (i >= 3) {
          base.add(Stats.millis(o.wallNanos()));
        }
      }
      report.log("  native " + setup.python + " " + Stats.describe(base, "ms"));
      report.metric("warm_call_baseline", Stats.median(base), "ms");
    }
    report.ratio("warm_call", "warm_call_baseline", "warm_call");
  }

  /**
   * Host functions: calls per second of a trivial Java function from a Python loop of 10,000 calls
   * ({@code tools.ping(n=i)}, which returns its arguments), against a loop of 10,000 {@code
   * os.stat} of a mount file in the same run: both make one round trip from the interpreter to
   * Java and back. Timed inside Python, so the call's start and end are not counted.
   */
  private void hostFunctionCall() throws Exception {
    int runs = samples(5, 2);
    String calls = "python3 -c 'import time\nfrom mirage4j import tools\nt = time.perf_counter()\n"
        + "for i in range(10000): tools.ping(n=i)\nprint(10000 / (time.perf_counter() - t))'";
    String stats = "python3 -c 'import os, time\nt = time.perf_counter()\n"
        + "for i in range(10000): os.stat(\"/data/f\")\nprint(10000 / (time.perf_counter() - t))'";
    List<Double> ours = new ArrayList<>();
    List<Double> base = new ArrayList<>();
    io.mirage4j.fs.InMemoryResource files = io.mirage4j.fs.Resources.inMemory();
    try (Workspace ws = Workspace.builder().mount("/data", files)
        .function(io.mirage4j.function.HostFunction.of("ping", "Returns its arguments.",
            io.mirage4j.function.ArgumentSchema.none().put("additionalProperties", true), (args, context) -> args))
        .build()) {
      ws.fs().write("/data/f", new byte[] {1});
      Setup.check(ws.execute("python3 -c 'from mirage4j import tools; print(tools.ping(n=1))'"), "{'n': 1}\n");
      for (int i = 0; i < runs; i++) {
        ours.add(Double.parseDouble(Setup.check(ws.execute(calls), null).stdoutText().trim()));
        base.add(Double.parseDouble(Setup.check(ws.execute(stats), null).stdoutText().trim()));
      }
    }
    report.log("  host function calls/s " + Stats.describe(ours, "calls/s"));
    report.log("  mount os.stat calls/s " + Stats.describe(base, "calls/s"));
    report.metric("host_function_call", Stats.median(ours), "calls/s");
    report.metric("host_function_call_stat_baseline", Stats.median(base), "calls/s");
    report.ratio("host_function_call", "host_function_call", "host_function_call_stat_baseline");
  }

  /**
   * A script that imports json, logging, random and decimal and configures logging, on a warm
   * workspace: what the per-call return to a fresh interpreter state costs when a program changes
   * that state (compare with warm_call).
   */
  private void warmCallFreshState() throws Exception {
    String script = "python3 -c 'import json, logging, random, decimal\n"
        + "logging.basicConfig(format=\"%(levelname)s %(message)s\")\n"
        + "decimal.getcontext().prec = 5\n"
        + "logging.warning(json.dumps([random.random() < 1, str(decimal.Decimal(1) / 3)]))'";
    String expected = "WARNING [true, \"0.33333\"]\n";
    int warmup = samples(100, 30);
    int measured = samples(300, 60);
    List<Double> ours = new ArrayList<>();
    try (Workspace ws = Setup.newWorkspace()) {
      for (int i = 0; i < warmup; i++) {
        checkStderr(ws.execute(script), expected);
      }
      Procs.settle(SETTLE);
      for (int i = 0; i < measured; i++) {
        long t0 = System.nanoTime();
        ExecResult r = ws.execute(script);
        long t1 = System.nanoTime();
        checkStderr(r, expected);
        ours.add(Stats.millis(t1 - t0));
      }
    }
    report.log("  ours " + Stats.describe(ours, "ms"));
    report.metric("warm_call_fresh_state", Stats.median(ours), "ms");
  }

  /**
   * A warm cell of a Python session that holds a 100,000-element list ({@code sum(rows[:10])}),
   * against a warm {@code python3 -c} call that prints the same sum in the same workspace (a fresh
   * process's state each time), alternating.
   */
  private void sessionCall() throws Exception {
    int warmup = samples(200, 50);
    int measured = samples(600, 150);
    List<Double> cells = new ArrayList<>();
    List<Double> calls = new ArrayList<>();
    String call = "python3 -c 'print(sum(list(range(10))))'";
    try (Workspace ws = Setup.newWorkspace()) {
      PythonSession py = ws.pythonSession("bench");
      checkCell(py.run("rows = list(range(100_000))"), Optional.empty());
      for (int i = 0; i < warmup; i++) {
        checkCell(py.run("sum(rows[:10])"), Optional.of("45"));
        Setup.check(ws.execute(call), "45\n");
      }
      Procs.settle(SETTLE);
      for (int i = 0; i < measured; i++) {
        long t0 = System.nanoTime();
        CellResult cell = py.run("sum(rows[:10])");
        long t1 = System.nanoTime();
        ExecResult fresh = ws.execute(call);
        long t2 = System.nanoTime();
        checkCell(cell, Optional.of("45"));
        Setup.check(fresh, "45\n");
        cells.add(Stats.millis(t1 - t0));
        calls.add(Stats.millis(t2 - t1));
      }
    }
    report.log("  session cell " + Stats.describe(cells, "ms"));
    report.log("  python3 -c   " + Stats.describe(calls, "ms"));
    report.metric("session_call", Stats.median(cells), "ms");
    report.metric("session_call_baseline", Stats.median(calls), "ms");
    report.ratio("session_call", "session_call_baseline", "session_call");
  }

  /**
   * {@code ws.fork()} of a workspace holding a 100 MB in-memory file and a Python session with a
   * 10 MB list (10,000 bytes objects of 1,000 bytes), until the fork's session answers; against a
   * snapshot of the same workspace restored in memory (the copy a fork avoids), alternating.
   */
  private void forkWorkspace() throws Exception {
    int warmup = samples(2, 1);
    int measured = samples(7, 3);
    List<Double> forks = new ArrayList<>();
    List<Double> copies = new ArrayList<>();
    byte[] file = new byte[100 * 1024 * 1024];
    new Random(1).nextBytes(file);
    String ask = "len(rows) * len(rows[0])";
    try (Workspace ws = Setup.newWorkspace()) {
      ws.fs().write("/data/big.bin", file);
      PythonSession py = ws.pythonSession("bench");
      checkCell(py.run("rows = [bytes([i % 256]) * 1000 for i in range(10_000)]"), Optional.empty());
      for (int i = 0; i < warmup + measured; i++) {
        long t0 = System.nanoTime();
        try (Workspace fork = ws.fork()) {
          checkCell(fork.pythonSession("bench").run(ask), Optional.of("10000000"));
          long t1 = System.nanoTime();
          if (i >= warmup) {
            forks.add(Stats.millis(t1 - t0));
          }
        }
        long t2 = System.nanoTime();
        java.io.ByteArrayOutputStream archive = new java.io.ByteArrayOutputStream();
        ws.snapshot(archive);
        try (Workspace copy = Workspace.restore(new java.io.ByteArrayInputStream(archive.toByteArray()),
            io.mirage4j.snapshot.RestoreOptions.defaults()).workspace()) {
          checkCell(copy.pythonSession("bench").run(ask), Optional.of("10000000"));
          long t3 = System.nanoTime();
          if (i >= warmup) {
            copies.add(Stats.millis(t3 - t2));
          }
        }
      }
    }
    report.log("  fork             " + Stats.describe(forks, "ms"));
    report.log("  snapshot+restore " + Stats.describe(copies, "ms"));
    report.metric("fork_workspace", Stats.median(forks), "ms");
    report.metric("fork_workspace_baseline", Stats.median(copies), "ms");
    report.ratio("fork_workspace", "fork_workspace_baseline", "fork_workspace");
  }

  private static void checkCell(CellResult r, Optional<String> value) {
    if (r.exitCode() != 0 || !r.value().equals(value)) {
      throw new IllegalStateException("unexpected cell result: " + r);
    }
  }

  /**
   * {@code NodeSidecarProvider.builder().newInterpreterPerCall()}: every call runs in a new
   * interpreter from the pool. Back to back, a call waits for the pool to start the next one;
   * with a pause of a second between calls, one is ready when the call comes.
   */
  private void newInterpreterCall() throws Exception {
    int calls = samples(15, 5);
    List<Double> backToBack = new ArrayList<>();
    List<Double> paused = new ArrayList<>();
    NodeSidecarProvider provider = NodeSidecarProvider.builder().newInterpreterPerCall().build();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).pythonRuntime(provider).build()) {
      Setup.check(ws.execute(Setup.PRINT1), "1\n");
      Procs.settle(SETTLE);
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        Setup.check(ws.execute(Setup.PRINT1), "1\n");
        backToBack.add(Stats.millis(System.nanoTime() - t0));
      }
      for (int i = 0; i < calls; i++) {
        Thread.sleep(1000);
        long t0 = System.nanoTime();
        Setup.check(ws.execute(Setup.PRINT1), "1\n");
        paused.add(Stats.millis(System.nanoTime() - t0));
      }
    }
    report.log("  back to back " + Stats.describe(backToBack, "ms"));
    report.log("  a second apart " + Stats.describe(paused, "ms"));
    report.metric("new_interpreter_call", Stats.median(backToBack), "ms");
    report.metric("new_interpreter_call_paused", Stats.median(paused), "ms");
  }

  private static void checkStderr(ExecResult r, String expected) {
    if (r.exitCode() != 0 || !r.stderrText().equals(expected)) {
      throw new IllegalStateException("expected stderr " + expected + " and exit 0, got " + r);
    }
  }

  // ---------------------------------------------------------------- a. two workspaces in parallel

  /**
   * Two warm workspaces each run a CPU-bound pure-Python program (sized here to take about 2.5 s),
   * at the same time and one after the other; rounds alternate which comes first. In each round two
   * native python3 processes do the same (a program sized for about 1 s natively): their ratio,
   * {@code parallel_two_native_processes_ratio}, is the parallelism the machine had to give at that
   * moment (near 0.5 on two idle cores, near 1 when other work holds the cores).
   */
  private void parallelTwoWorkspaces() throws Exception {
    int rounds = samples(3, 1);
    try (Workspace a = Setup.newWorkspace(); Workspace b = Setup.newWorkspace()) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        // Start both sidecars at once (not timed), then size the program: the fastest of two probes
        // in each (the first run of a loop in an interpreter is slower while its wasm code tiers up).
        both(pool, () -> a.execute(Setup.PRINT1), () -> b.execute(Setup.PRINT1), "1\n");
        long probeN = 2_000_000;
        double probe = Double.MAX_VALUE;
        for (Workspace ws : List.of(a, b, a, b)) {
          Procs.settle(SETTLE);
          long t0 = System.nanoTime();
          Setup.check(ws.execute(loop(probeN)), sumOfSquares(probeN));
          probe = Math.min(probe, (System.nanoTime() - t0) / 1e9);
        }
        long n = size(probeN, probe, 2.5);
        String program = loop(n);
        String expected = sumOfSquares(n);
        report.log("  program: sum of i*i for i < " + n + " (" + Stats.format(probe / probeN * 1e6) + " s per million)");

        Callable<ExecResult> inA = () -> a.execute(program);
        Callable<ExecResult> inB = () -> b.execute(program);
        List<Double> sequential = new ArrayList<>();
        List<Double> concurrent = new ArrayList<>();

        List<Double> nativeSequential = new ArrayList<>();
        List<Double> nativeConcurrent = new ArrayList<>();
        Callable<ExecResult> nativeRun = null;
        String nativeExpected = null;
        if (Files.isExecutable(setup.python)) {
          double nativeProbe = Double.MAX_VALUE;
          for (int i = 0; i < 2; i++) {
            Procs.settle(SETTLE);
            long t0 = System.nanoTime();
            Setup.check(nativeLoop(probeN).call(), sumOfSquares(probeN));
            nativeProbe = Math.min(nativeProbe, (System.nanoTime() - t0) / 1e9);
          }
          long nn = size(probeN, nativeProbe, 1.0);
          nativeRun = nativeLoop(nn);
          nativeExpected = sumOfSquares(nn);
          report.log("  native " + setup.python + ": sum of i*i for i < " + nn);
        }

        for (int round = 0; round < rounds; round++) {
          for (int k = 0; k < 2; k++) {
            boolean concurrentNow = (k == 0) == (round % 2 == 1);
            long cpu0 = Procs.descendantsCpuNanos();
            double seconds = timePair(pool, concurrentNow, inA, inB, expected);
            double cpu = (Procs.descendantsCpuNanos() - cpu0) / 1e9;
            (concurrentNow ? concurrent : sequential).add(seconds);
            report.log("  " + (concurrentNow ? "concurrent " : "sequential ") + Stats.format(seconds) + " s (the two sidecars used "
                + Stats.format(cpu) + " s of CPU)");
          }
          if (nativeRun != null) {
            for (int k = 0; k < 2; k++) {
              boolean concurrentNow = (k == 0) == (round % 2 == 1);
              double seconds = timePair(pool, concurrentNow, nativeRun, nativeRun, nativeExpected);
              (concurrentNow ? nativeConcurrent : nativeSequential).add(seconds);
              report.log("  native " + (concurrentNow ? "concurrent " : "sequential ") + Stats.format(seconds) + " s");
            }
          }
        }
        report.metric("parallel_two_workspaces", Stats.median(concurrent), "s");
        report.metric("parallel_two_workspaces_baseline", Stats.median(sequential), "s");
        report.ratio("parallel_two_workspaces", "parallel_two_workspaces", "parallel_two_workspaces_baseline");
        if (nativeRun == null) {
          report.unavailable("parallel_two_native_processes_ratio", "no native python at " + setup.python, false);
        } else {
          report.metric("parallel_two_native_processes", Stats.median(nativeConcurrent), "s");
          report.metric("parallel_two_native_processes_baseline", Stats.median(nativeSequential), "s");
          report.ratio("parallel_two_native_processes", "parallel_two_native_processes",
              "parallel_two_native_processes_baseline");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** The loop size that takes about {@code seconds}, from a probe of {@code probeN} that took {@code probe}. */
  private static long size(long probeN, double probe, double seconds) {
    return Math.max(100_000, Math.min(500_000_000, Math.round(probeN * seconds / probe)));
  }

  private static String loop(long n) {
    return "python3 -c 'print(sum(i * i for i in range(" + n + ")))'";
  }

  /** The same program in a native python3 process, as an ExecResult. */
  private Callable<ExecResult> nativeLoop(long n) {
    List<String> command = List.of(setup.python.toString(), "-c", "print(sum(i * i for i in range(" + n + ")))");
    return () -> {
      Procs.Outcome o = Procs.run(command, null, PROCESS_TIMEOUT);
      return new ExecResult(o.stdout().getBytes(StandardCharsets.UTF_8), o.stderr().getBytes(StandardCharsets.UTF_8),
          o.exitCode());
    };
  }

  private static String sumOfSquares(long n) {
    BigInteger big = BigInteger.valueOf(n);
    return big.subtract(BigInteger.ONE).multiply(big).multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
        .divide(BigInteger.valueOf(6)) + "\n";
  }

  /** Seconds for {@code first} and {@code second}, together or one after the other, after idle. */
  private static double timePair(ExecutorService pool, boolean together, Callable<ExecResult> first,
      Callable<ExecResult> second, String expected) throws Exception {
    Procs.settle(SETTLE);
    long s = System.nanoTime();
    if (together) {
      both(pool, first, second, expected);
    } else {
      Setup.check(first.call(), expected);
      Setup.check(second.call(), expected);
    }
    return (System.nanoTime() - s) / 1e9;
  }

  /** Runs both at the same moment and checks both results. */
  private static void both(ExecutorService pool, Callable<ExecResult> first, Callable<ExecResult> second,
      String expected) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    Future<ExecResult> fa = pool.submit(() -> {
      go.await();
      return first.call();
    });
    Future<ExecResult> fb = pool.submit(() -> {
      go.await();
      return second.call();
    });
    go.countDown();
    Setup.check(fa.get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS), expected);
    Setup.check(fb.get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS), expected);
  }

  // ---------------------------------------------------------------- e. reading 100 MB from a mount

  /**
   * Python reads a 100 MB file from an in-memory mount: timed inside Python around
   * {@code open(p, 'rb').read()}, and end to end around {@code ws.execute}. Baseline: the same bytes
   * sent Java to Node as base64 inside one JSON-RPC message, parsed and decoded there.
   */
  private void mountRead() throws Exception {
    int rounds = samples(7, 1);
    byte[] data = new byte[MOUNT_FILE_BYTES];
    new Random(42).nextBytes(data);
    double mb = MOUNT_FILE_BYTES / 1e6;
    Resource ram = Resources.inMemory();
    ram.write("/big.bin", data);
    String program = "python3 -c 'import time; t = time.perf_counter(); b = open(\"/data/big.bin\", \"rb\").read(); "
        + "t = time.perf_counter() - t; print(len(b), t)'";
    List<Double> inside = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    try (Workspace ws = Workspace.builder().mount("/data", ram).build()) {
      Setup.check(ws.execute(Setup.PRINT1), "1\n");
      for (int i = 0; i <= rounds; i++) {
        Procs.settle(SETTLE);
        long t0 = System.nanoTime();
        ExecResult r = Setup.check(ws.execute(program), null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String[] parts = r.stdoutText().trim().split(" ");
        if (parts.length != 2 || Long.parseLong(parts[0]) != MOUNT_FILE_BYTES) {
          throw new IllegalStateException("unexpected output " + r.stdoutText().trim());
        }
        double py = Double.parseDouble(parts[1]);
        report.log((i == 0 ? "  (discarded) " : "  ") + "read in Python " + Stats.format(py) + " s, end to end "
            + Stats.format(seconds) + " s");
        if (i > 0) {
          inside.add(mb / py);
          endToEnd.add(mb / seconds);
        }
      }
    }
    report.metric("mount_read_100mb", Stats.median(inside), "MB/s");
    report.metric("mount_read_100mb_end_to_end", Stats.median(endToEnd), "MB/s");

    try {
      report.metric("mount_read_100mb_baseline", base64Baseline(data, rounds), "MB/s");
    } catch (Exception e) {
      report.unavailable("mount_read_100mb_baseline", e.getMessage(), true);
    }
    report.ratio("mount_read_100mb", "mount_read_100mb", "mount_read_100mb_baseline");
  }

  /** MB/s of Java → Node as base64 in JSON: encode, write, Node parses and decodes, answers. */
  private double base64Baseline(byte[] data, int rounds) throws Exception {
    Process p = new ProcessBuilder(setup.nodeCommand(setup.scripts.resolve("base64-sink.mjs")))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Double> rates = new ArrayList<>();
    try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 1 << 16);
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (int i = 0; i <= rounds; i++) {
        Procs.settle(SETTLE);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", i + 1);
        message.put("result", Map.of("data", data)); // Jackson writes byte[] as base64
        long t0 = System.nanoTime();
        JSON.writeValue(out, message);
        out.write('\n');
        out.flush();
        String line = in.readLine();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (line == null) {
          throw new IllegalStateException("the base64 sink exited");
        }
        JsonNode answer = JSON.readTree(line).path("result");
        if (answer.path("bytes").asLong() != data.length) {
          throw new IllegalStateException("the base64 sink decoded " + answer.path("bytes").asLong() + " bytes");
        }
        report.log((i == 0 ? "  (discarded) " : "  ") + "base64 in JSON " + Stats.format(seconds) + " s (Node parse "
            + Stats.format(answer.path("parseMs").asDouble()) + " ms, decode " + Stats.format(answer.path("decodeMs").asDouble())
            + " ms)");
        if (i > 0) {
          rates.add(data.length / 1e6 / seconds);
        }
      }
    } finally {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    return Stats.median(rates);
  }

  // ---------------------------------------------------------------- f. memory per workspace

  /**
   * The summed VmRSS of the Node processes with 1, 2, ... 8 workspaces open (each has run one call),
   * waiting for idle before each reading; the least-squares slope is the memory one more workspace
   * costs. Measured in a JVM of its own ({@link RssProbe}) twice: with the default interpreters per
   * process (the eight, and the pool's spare, fit in one process) and with {@code
   * interpretersPerProcess(1)} (a process per workspace, today's isolation). A pooled spare
   * interpreter is counted in every reading (it adds to the level, not to the slope). Baseline:
   * the RSS of one fresh Node process with plain loadPyodide() after print(1).
   */
  private void rssPerWorkspace() throws Exception {
    int count = RSS_WORKSPACES;
    Procs.settle(SETTLE);
    report.metric("rss_per_workspace", rssSlope("default interpreters per process", count), "MB");
    try {
      Procs.settle(SETTLE);
      report.metric("rss_per_workspace_one_per_process", rssSlope("interpretersPerProcess(1)", count, "1"), "MB");
    } catch (RuntimeException e) {
      report.unavailable("rss_per_workspace_one_per_process", e.getMessage(), true);
    }
    if (baselineRssMb.isEmpty()) {
      try {
        Procs.settle(SETTLE);
        baselineRssMb.add(nodeBaseline().path("rssBytes").asDouble() / 1e6);
      } catch (RuntimeException e) {
        report.unavailable("rss_per_workspace_baseline", "the Node baseline failed: " + e.getMessage(), true);
      }
    }
    if (!baselineRssMb.isEmpty()) {
      report.metric("rss_per_workspace_baseline", Stats.median(baselineRssMb), "MB");
    }
    report.ratio("rss_per_workspace", "rss_per_workspace_baseline", "rss_per_workspace");
    report.ratio("rss_per_workspace_one_per_process", "rss_per_workspace_baseline", "rss_per_workspace_one_per_process");
  }

  /** MB per extra workspace: the slope of {@link RssProbe}'s readings over 1..count workspaces. */
  private double rssSlope(String what, int count, String... perProcess) throws InterruptedException {
    report.log("  " + what);
    List<String> args = new ArrayList<>(List.of(Integer.toString(count)));
    args.addAll(List.of(perProcess));
    Procs.Outcome o = Procs.run(setup.javaCommand(List.of(), RssProbe.class.getName(), args.toArray(String[]::new)),
        setup.root, Duration.ofSeconds(300)).requireSuccess("the RSS probe");
    o.stderr().lines().filter(l -> l.startsWith("bench:")).forEach(System.err::println);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    o.stdout().lines().filter(l -> l.startsWith("sample ")).forEach(l -> {
      String[] parts = l.split(" ");
      xs.add(Double.parseDouble(parts[1]));
      ys.add(Double.parseDouble(parts[2]));
    });
    if (xs.size() != count) {
      throw new IllegalStateException("the RSS probe printed " + xs.size() + " readings: " + Procs.firstLines(o.stderr()));
    }
    return Stats.slope(xs, ys);
  }

  // ---------------------------------------------------------------- h. workspaces in 8 GB

  /**
   * Opens warm workspaces (default provider; one print(1) call each) one after the other until the
   * summed VmRSS of the Node processes below this JVM reaches 8 GB (8e9 bytes) or
   * {@link #DENSITY_MAX_WORKSPACES} are open, then closes them all; the count is the number open at
   * the last reading under 8 GB. Stops early, and reports the
   * count unavailable, when the machine's MemAvailable falls under {@link #DENSITY_MEMORY_MARGIN}
   * or the opening takes longer than {@code bench.density.seconds} (default 300).
   */
  private void workspacesIn8gb() throws Exception {
    long limitSeconds = Long.getLong("bench.density.seconds", 300);
    long rssGoal = 8_000_000_000L;
    Procs.settle(SETTLE);
    List<ProcessHandle> nodes = Procs.nodeDescendants();
    report.log("  before: " + nodes.size() + " node process(es), " + Stats.format(Procs.nodeRssBytes(nodes) / 1e6)
        + " MB; MemAvailable " + Procs.memAvailableBytes().map(b -> Stats.format(b / 1e6) + " MB").orElse("unknown"));
    List<Workspace> open = new ArrayList<>();
    String stopped = null;
    boolean failed = false;
    int fitted = 0; // workspaces open at the last reading under 8 GB
    long rss = 0;
    int processes = 0;
    long t0 = System.nanoTime();
    try {
      while (true) {
        nodes = Procs.nodeDescendants();
        rss = Procs.nodeRssBytes(nodes);
        processes = nodes.size();
        if (rss >= rssGoal) {
          break;
        }
        fitted = open.size();
        if (open.size() >= DENSITY_MAX_WORKSPACES) {
          break;
        }
        long available = Procs.memAvailableBytes().orElse(Long.MAX_VALUE);
        if (available < DENSITY_MEMORY_MARGIN) {
          stopped = "the machine ran short of memory (MemAvailable " + Stats.format(available / 1e6) + " MB)";
          break;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (seconds > limitSeconds) {
          stopped = "ran past " + limitSeconds + " s (bench.density.seconds)";
          break;
        }
        Workspace ws = Setup.newWorkspace();
        open.add(ws);
        Setup.check(ws.execute(Setup.PRINT1), "1\n");
        if (open.size() % 25 == 0) {
          report.log("  " + open.size() + " workspaces: " + processes + " node process(es), " + Stats.format(rss / 1e6)
              + " MB, " + Stats.format(seconds) + " s");
        }
      }
    } catch (RuntimeException e) {
      stopped = "workspace " + open.size() + " failed: " + e.getMessage();
      failed = true;
    }
    double openSeconds = (System.nanoTime() - t0) / 1e9;
    report.log("  stopped with " + open.size() + " workspaces open: " + processes + " node process(es), "
        + Stats.format(rss / 1e6) + " MB, " + Stats.format(openSeconds) + " s" + (stopped == null ? "" : "; " + stopped));
    long c0 = System.nanoTime();
    for (Workspace ws : open) {
      try {
        ws.close();
      } catch (RuntimeException e) {
        report.log("  closing a workspace failed: " + e.getMessage());
      }
    }
    report.log("  closed them all in " + Stats.format((System.nanoTime() - c0) / 1e9) + " s");
    if (stopped == null) {
      report.metric("workspaces_in_8gb", fitted, "workspaces");
    } else {
      report.unavailable("workspaces_in_8gb", "stopped with " + open.size() + " workspaces open and "
          + Stats.format(rss / 1e6) + " MB: " + stopped, failed);
    }
    report.metric("workspaces_in_8gb_rss", rss / 1e6, "MB");
    report.metric("workspaces_in_8gb_seconds", openSeconds, "s");
  }

  // ---------------------------------------------------------------- i. calls per second, 16 workspaces

  /**
   * 16 warm workspaces, each driven by a Java thread of its own in a closed loop of print(1) calls
   * (the next call as soon as the last one returned): 2 s of warm-up, then 10 s measured; the
   * throughput is the calls completed in the measured window over its length, with the p50 and p99
   * of their latencies. Baseline: the same loop with one workspace and one thread.
   */
  private void callsPerSecond16Workspaces() throws Exception {
    Duration warmup = Duration.ofSeconds(setup.quick ? 1 : 2);
    Duration measured = Duration.ofSeconds(setup.quick ? 3 : 10);
    List<Double> ms = new ArrayList<>();
    double rate = closedLoop(16, warmup, measured, ms);
    report.log("  16 workspaces " + Stats.describe(ms, "ms") + ", p99 " + Stats.format(Stats.percentile(ms, 99)) + " ms");
    report.metric("calls_per_second_16_workspaces", rate, "calls/s");
    report.metric("calls_per_second_16_workspaces_p50", Stats.percentile(ms, 50), "ms");
    report.metric("calls_per_second_16_workspaces_p99", Stats.percentile(ms, 99), "ms");
    List<Double> one = new ArrayList<>();
    double baseline = closedLoop(1, warmup, measured, one);
    report.log("  one workspace " + Stats.describe(one, "ms") + ", p99 " + Stats.format(Stats.percentile(one, 99)) + " ms");
    report.metric("calls_per_second_16_workspaces_baseline", baseline, "calls/s");
    report.ratio("calls_per_second_16_workspaces", "calls_per_second_16_workspaces",
        "calls_per_second_16_workspaces_baseline");
  }

  /**
   * {@code threads} warm workspaces, one thread each calling print(1) in a closed loop; returns the
   * calls per second completed in the measured window and adds each of their latencies (ms) to {@code ms}.
   */
  private static double closedLoop(int threads, Duration warmup, Duration measured, List<Double> ms) throws Exception {
    List<Workspace> open = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int i = 0; i < threads; i++) {
        Workspace ws = Setup.newWorkspace();
        open.add(ws);
        Setup.check(ws.execute(Setup.PRINT1), "1\n");
      }
      Procs.settle(SETTLE);
      List<ProcessHandle> nodes = Procs.nodeDescendants();
      System.err.println("bench:   " + threads + " workspace(s) open: " + nodes.size() + " node process(es), "
          + Stats.format(Procs.nodeRssBytes(nodes) / 1e6) + " MB");
      CountDownLatch go = new CountDownLatch(1);
      // The measured window: [window[0], window[1]); set before the latch opens, which publishes it.
      long[] window = new long[2];
      List<Future<List<Double>>> futures = new ArrayList<>();
      for (Workspace ws : open) {
        futures.add(pool.submit(() -> {
          go.await();
          List<Double> mine = new ArrayList<>();
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= window[1]) {
              return mine;
            }
            ExecResult r = ws.execute(Setup.PRINT1);
            long t1 = System.nanoTime();
            Setup.check(r, "1\n");
            if (t0 >= window[0] && t1 <= window[1]) {
              mine.add(Stats.millis(t1 - t0));
            }
          }
        }));
      }
      window[0] = System.nanoTime() + warmup.toNanos();
      window[1] = window[0] + measured.toNanos();
      go.countDown();
      int calls = 0;
      for (Future<List<Double>> f : futures) {
        List<Double> mine = f.get(measured.plus(warmup).toSeconds() + PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        calls += mine.size();
        ms.addAll(mine);
      }
      if (calls == 0) {
        throw new IllegalStateException("no call completed inside the measured window");
      }
      return calls / (measured.toNanos() / 1e9);
    } finally {
      pool.shutdownNow();
      for (Workspace ws : open) {
        ws.close();
      }
    }
  }

  // ---------------------------------------------------------------- c. first call in a new workspace

  /**
   * The first python3 call of a new workspace while another workspace is warm in the same JVM,
   * with the default interpreter pool and with {@code -Dmirage4j.pool.size=0}; each in a JVM of its
   * own ({@link FirstCallProbe}). Baseline: plain loadPyodide() in a fresh Node (cold section).
   */
  private void firstCallNewWorkspace() throws Exception {
    List<Double> loadMs = new ArrayList<>();
    String baseError = null;
    for (int i = 0; i < 3; i++) {
      if (i == 1) {
        probe("first_call_new_workspace", List.of(), samples(4, 2));
      } else if (i == 2) {
        probe("first_call_new_workspace_nopool", List.of("-Dmirage4j.pool.size=0"), samples(3, 1));
      }
      if (baseError == null) {
        try {
          Procs.settle(SETTLE);
          JsonNode r = nodeBaseline();
          loadMs.add(r.path("loadMs").asDouble());
          report.log("  node loadPyodide() " + Stats.format(r.path("loadMs").asDouble()) + " ms");
        } catch (RuntimeException e) {
          baseError = e.getMessage();
        }
      }
    }
    if (baseError == null) {
      report.metric("first_call_new_workspace_baseline", Stats.median(loadMs), "ms");
    } else {
      report.unavailable("first_call_new_workspace_baseline", baseError, true);
    }
    report.ratio("first_call_new_workspace", "first_call_new_workspace_baseline", "first_call_new_workspace");
    report.ratio("first_call_new_workspace_nopool", "first_call_new_workspace_baseline", "first_call_new_workspace_nopool");
  }

  /**
   * One fresh Node process with plain loadPyodide() and print(1) ({@code scripts/pyodide-baseline.mjs}):
   * its report (loadMs, rssBytes, ...) plus {@code wallSeconds}, start to exit.
   */
  private JsonNode nodeBaseline() {
    List<String> node = setup.nodeCommand(setup.scripts.resolve("pyodide-baseline.mjs"), setup.pyodideDir.toString());
    Procs.Outcome o = Procs.run(node, setup.root, PROCESS_TIMEOUT).requireSuccess("node");
    JsonNode r;
    try {
      r = JSON.readTree(o.stdout());
    } catch (IOException e) {
      throw new IllegalStateException("the Node baseline printed " + Procs.firstLines(o.stdout()));
    }
    if (!r.path("stdout").asText().equals("1\n")) {
      throw new IllegalStateException("the Node baseline printed " + Procs.firstLines(o.stdout()));
    }
    ((ObjectNode) r).put("wallSeconds", o.wallNanos() / 1e9);
    return r;
  }

  private void probe(String name, List<String> jvmOptions, int samples) {
    try {
      Procs.settle(SETTLE);
      report.log("  " + name + (jvmOptions.isEmpty() ? " (pool: default)" : " " + String.join(" ", jvmOptions)));
      Procs.Outcome o = Procs.run(setup.javaCommand(jvmOptions, FirstCallProbe.class.getName(), Integer.toString(samples)),
          setup.root, Duration.ofSeconds(240)).requireSuccess("the first-call probe");
      o.stderr().lines().filter(l -> l.startsWith("bench:")).forEach(System.err::println);
      List<Double> ms = new ArrayList<>();
      o.stdout().lines().filter(l -> l.startsWith("sample ")).forEach(l -> ms.add(Double.parseDouble(l.substring(7))));
      if (ms.size() != samples) {
        throw new IllegalStateException("the probe printed " + ms.size() + " samples: " + Procs.firstLines(o.stderr()));
      }
      report.metric(name, Stats.median(ms), "ms");
    } catch (RuntimeException | InterruptedException e) {
      report.unavailable(name, e.getMessage(), true);
    }
  }

  // ---------------------------------------------------------------- js

  /**
   * The js command on GraalJS: its first {@code js -e 'console.log(1)'} in a fresh JVM ({@link
   * JsFirstCallProbe}, one JVM per sample) and a warm one, each against {@code node -e} (a Node
   * process per call, the build's Node).
   */
  private void jsCalls() throws Exception {
    List<Double> first = new ArrayList<>();
    String firstError = null;
    int jvms = samples(5, 2);
    for (int i = 0; i < jvms && firstError == null; i++) {
      try {
        Procs.settle(SETTLE);
        Procs.Outcome o = Procs.run(setup.javaCommand(List.of(), JsFirstCallProbe.class.getName()), setup.root,
            Duration.ofSeconds(120)).requireSuccess("the js first-call probe");
        o.stdout().lines().filter(l -> l.startsWith("sample ")).forEach(l -> first.add(Double.parseDouble(l.substring(7))));
      } catch (RuntimeException e) {
        firstError = e.getMessage();
      }
    }
    if (firstError == null && !first.isEmpty()) {
      report.log("  js first call " + Stats.describe(first, "ms"));
      report.metric("js_first_call", Stats.median(first), "ms");
    } else {
      report.unavailable("js_first_call", firstError == null ? "the probe printed no sample" : firstError, true);
    }

    int warmup = samples(300, 100);
    int measured = samples(1000, 200);
    List<Double> warm = new ArrayList<>();
    try (Workspace ws = Setup.newWorkspace()) {
      for (int i = 0; i < warmup; i++) {
        Setup.check(ws.execute(JsFirstCallProbe.JS_PRINT1), "1\n");
      }
      Procs.settle(SETTLE);
      for (int i = 0; i < measured; i++) {
        long t0 = System.nanoTime();
        ExecResult r = ws.execute(JsFirstCallProbe.JS_PRINT1);
        long t1 = System.nanoTime();
        Setup.check(r, "1\n");
        warm.add(Stats.millis(t1 - t0));
      }
    }
    report.log("  js warm call " + Stats.describe(warm, "ms"));
    report.metric("js_warm_call", Stats.median(warm), "ms");

    List<String> command = List.of(setup.node.toString(), "-e", "console.log(1)");
    List<Double> base = new ArrayList<>();
    int calls = 3 + samples(40, 10);
    for (int i = 0; i < calls; i++) {
      Procs.Outcome o = Procs.run(command, null, PROCESS_TIMEOUT).requireSuccess(setup.node.toString());
      if (i >= 3) {
        base.add(Stats.millis(o.wallNanos()));
      }
    }
    report.log("  node -e " + Stats.describe(base, "ms"));
    report.metric("js_call_baseline", Stats.median(base), "ms");
    report.ratio("js_first_call", "js_call_baseline", "js_first_call");
    report.ratio("js_warm_call", "js_call_baseline", "js_warm_call");
  }

  // ---------------------------------------------------------------- g. the TypeScript reference

  /**
   * {@code @struktoai/mirage-node} (bench/reference, installed by ./bench/run with npm ci) on the
   * same Node 26: its warm python3 call and its cold first result (new process to exit after the
   * first result), against ours (warm_call, cold_cli); then just-bash the same way
   * ({@link #referenceJustBash()}).
   */
  private void reference() throws Exception {
    referenceMirageNode();
    referenceJustBash();
  }

  private void referenceMirageNode() throws Exception {
    Path installed = setup.referenceDir.resolve("node_modules/@struktoai/mirage-node/package.json");
    if (!Files.isRegularFile(installed) || !Files.isRegularFile(setup.referenceDir.resolve("node_modules/pyodide/pyodide.mjs"))) {
      String why = "@struktoai/mirage-node or pyodide is not installed in " + setup.referenceDir.resolve("node_modules")
          + " (./bench/run installs it with npm ci; see bench/target/npm-ci.log)";
      for (String name : List.of("reference_warm", "reference_warm_ratio", "reference_cold", "reference_cold_ratio")) {
        report.unavailable(name, why, false);
      }
      return;
    }
    report.log("  @struktoai/mirage-node " + JSON.readTree(installed.toFile()).path("version").asText());
    measureDriver(new ReferenceDriver("the reference", setup.referenceDir.resolve("driver.mjs"), samples(30, 20),
        samples(100, 50), "reference_warm", "reference_cold"));
  }

  /**
   * just-bash 3.4.2 (npm {@code just-bash}, bench/reference, {@code reference/just-bash-driver.mjs})
   * on the same Node 26, with python3 turned on ({@code new Bash({ python: true })}: CPython built
   * for WebAssembly, run by just-bash for each python3 command): a warm call in one instance, and a
   * fresh Node process from start to exit after its first result; against warm_call and cold_cli.
   */
  private void referenceJustBash() throws Exception {
    Path installed = setup.referenceDir.resolve("node_modules/just-bash/package.json");
    if (!Files.isRegularFile(installed)) {
      String why = "just-bash is not installed in " + setup.referenceDir.resolve("node_modules")
          + " (./bench/run installs it with npm ci; see bench/target/npm-ci.log)";
      for (String name : List.of("warm_call_just_bash", "warm_call_just_bash_ratio", "cold_cli_just_bash",
          "cold_cli_just_bash_ratio")) {
        report.unavailable(name, why, false);
      }
      return;
    }
    report.log("  just-bash " + JSON.readTree(installed.toFile()).path("version").asText());
    measureDriver(new ReferenceDriver("just-bash", setup.referenceDir.resolve("just-bash-driver.mjs"), samples(3, 2),
        samples(15, 5), "warm_call_just_bash", "cold_cli_just_bash"));
  }

  /**
   * A reference's driver script (bench/reference), which answers {@code warm WARMUPS SAMPLES} with
   * the times of warm python3 calls in one instance, and {@code cold} with a fresh process's first
   * result.
   *
   * @param name how the log and errors name it
   * @param warmMetric measured against warm_call
   * @param coldMetric measured against cold_cli
   */
  private record ReferenceDriver(String name, Path script, int warmups, int samples, String warmMetric,
      String coldMetric) {}

  /** A reference's warm calls (median) and its cold first result (median of the rounds after a discarded one). */
  private void measureDriver(ReferenceDriver driver) throws Exception {
    try {
      Procs.settle(SETTLE);
      Procs.Outcome o = Procs.run(setup.nodeCommand(driver.script(), "warm", Integer.toString(driver.warmups()),
          Integer.toString(driver.samples())), setup.referenceDir, PROCESS_TIMEOUT)
          .requireSuccess(driver.name() + "'s driver");
      JsonNode r = JSON.readTree(o.stdout());
      List<Double> ms = new ArrayList<>();
      r.path("samplesMs").forEach(v -> ms.add(v.asDouble()));
      report.log("  " + driver.name() + " warm " + Stats.describe(ms, "ms") + "; its first call "
          + Stats.format(r.path("firstMs").asDouble()) + " ms");
      report.metric(driver.warmMetric(), Stats.median(ms), "ms");
    } catch (RuntimeException e) {
      report.unavailable(driver.warmMetric(), e.getMessage(), false);
    }
    report.ratio(driver.warmMetric(), driver.warmMetric(), "warm_call");

    try {
      List<Double> cold = new ArrayList<>();
      int rounds = samples(3, 1);
      for (int i = 0; i <= rounds; i++) {
        Procs.settle(SETTLE);
        Procs.Outcome o = Procs.run(setup.nodeCommand(driver.script(), "cold"), setup.referenceDir, PROCESS_TIMEOUT)
            .requireSuccess(driver.name() + "'s driver");
        if (!JSON.readTree(o.stdout()).path("stdout").asText().equals("1\n")) {
          throw new IllegalStateException(driver.name() + " printed " + Procs.firstLines(o.stdout()));
        }
        report.log((i == 0 ? "  (discarded) " : "  ") + driver.name() + " cold " + Stats.format(o.wallNanos() / 1e9) + " s");
        if (i > 0) {
          cold.add(o.wallNanos() / 1e9);
        }
      }
      report.metric(driver.coldMetric(), Stats.median(cold), "s");
    } catch (RuntimeException e) {
      report.unavailable(driver.coldMetric(), e.getMessage(), false);
    }
    report.ratio(driver.coldMetric(), driver.coldMetric(), "cold_cli");
  }
}
