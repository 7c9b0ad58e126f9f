package io.mirage4j.bench;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code shell_loop}: lines that run in the shell alone, no Python, each timed through {@code
 * Workspace.execute} against real {@code bash -c} of the same line in the same directory, in the
 * same run. Both must print the same bytes; the ratio is bash's time over ours (higher is better).
 *
 * <ul>
 *   <li>{@code shell_loop}: {@code for i in $(seq 1 20000); do echo "$i"; done | grep -c 7}
 *   <li>{@code shell_pipeline_10mb}: a {@code sed}, {@code sort}, {@code uniq} pipeline over a 10 MB
 *       text file on a host-directory mount
 * </ul>
 */
final class ShellLoopBench {
  static final String LOOP = "for i in $(seq 1 20000); do echo \"$i\"; done | grep -c 7";
  static final String PIPELINE = "sed 's/[0-9]/#/g' big.txt | sort | uniq -c | sort -rn | head -n 3";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final Report report;
  private final int rounds;

  ShellLoopBench(Report report, int rounds) {
    this.report = report;
    this.rounds = rounds;
  }

  void run() throws Exception {
    Path dir = Files.createTempDirectory("mirage4j-bench-shell");
    try {
      writeText(dir.resolve("big.txt"), 10_000_000);
      try (Workspace ws = Workspace.builder().mount("/data", Resources.localDir(dir)).cwd("/data").build()) {
        measure("shell_loop", LOOP, ws, dir);
        measure("shell_pipeline_10mb", PIPELINE, ws, dir);
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void measure(String name, String line, Workspace ws, Path dir) throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> bash = new ArrayList<>();
    for (int i = 0; i <= rounds; i++) {
      long t0 = System.nanoTime();
      ExecResult r = ws.execute(line);
      long t1 = System.nanoTime();
      Procs.Outcome b = Procs.run(List.of("bash", "-c", line), dir, TIMEOUT).requireSuccess("bash");
      if (r.exitCode() != 0 || !r.stdoutText().equals(b.stdout())) {
        throw new IllegalStateException(name + ": mirage4j printed " + Procs.firstLines(r.stdoutText()) + " (exit "
            + r.exitCode() + ", stderr " + Procs.firstLines(r.stderrText()) + "), bash " + Procs.firstLines(b.stdout()));
      }
      if (i > 0) { // the first round of each warms the JIT and the file cache
        ours.add((t1 - t0) / 1e9);
        bash.add(b.wallNanos() / 1e9);
      }
    }
    report.log("  " + name + " ours " + Stats.describe(ours, "s") + ", bash " + Stats.describe(bash, "s"));
    report.metric(name, Stats.median(ours), "s");
    report.metric(name + "_baseline", Stats.median(bash), "s");
    report.ratio(name, name + "_baseline", name);
  }

  /** About {@code bytes} of lines of words and numbers, the same every run. */
  private static void writeText(Path file, long bytes) throws IOException {
    Random random = new Random(42);
    String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
    long written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (written < bytes) {
        String line = words[random.nextInt(words.length)] + " " + random.nextInt(1000) + " "
            + words[random.nextInt(words.length)] + "\n";
        w.write(line);
        written += line.length();
      }
    }
  }
}
