package io.mirage4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Child processes: run with a deadline, wait for quiet, read resident memory. */
final class Procs {
  private Procs() {}

  /** What a finished child process left: exit status, output, wall time from start to exit. */
  record Outcome(int exitCode, String stdout, String stderr, long wallNanos) {
    Outcome requireSuccess(String what) {
      if (exitCode != 0) {
        throw new IllegalStateException(what + " exited " + exitCode + ": " + firstLines(stderr + stdout));
      }
      return this;
    }
  }

  /**
   * Runs {@code command} to completion (stdin closed at once) and times it from just before the
   * start to the exit. Fails when it runs past {@code timeout}.
   */
  static Outcome run(List<String> command, Path dir, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    long t0 = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close();
      Drain out = new Drain(p.getInputStream());
      Drain err = new Drain(p.getErrorStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " ran past " + timeout.toSeconds() + " s");
      }
      long wall = System.nanoTime() - t0;
      return new Outcome(p.exitValue(), out.text(), err.text(), wall);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String firstLines(String text) {
    String t = text.strip();
    List<String> lines = t.lines().limit(4).collect(Collectors.toList());
    return String.join(" | ", lines);
  }

  /** Reads a stream to its end on a thread of its own. */
  static final class Drain {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    Drain(InputStream in) {
      thread = new Thread(() -> {
        try (in) {
          in.transferTo(bytes);
        } catch (IOException ignored) {
          // the process went away; keep what arrived
        }
      }, "bench-drain");
      thread.setDaemon(true);
      thread.start();
    }

    String text() throws InterruptedException {
      thread.join(10_000);
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }

  /** The total CPU time of every process below this JVM, in nanoseconds. */
  static long descendantsCpuNanos() {
    return ProcessHandle.current().descendants()
        .map(ph -> ph.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .mapToLong(Long::longValue).sum();
  }

  /**
   * Waits until the processes below this JVM are idle (less than 2% of a core over two
   * consecutive 250 ms windows), at most {@code max}. Used before a measurement so that a sidecar
   * still starting, or a pooled interpreter still being prepared, is not measured by accident.
   * Returns how long it waited.
   */
  static Duration settle(Duration max) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + max.toNanos();
    long previous = descendantsCpuNanos();
    int quiet = 0;
    while (System.nanoTime() < deadline) {
      Thread.sleep(250);
      long now = descendantsCpuNanos();
      quiet = now - previous < 5_000_000L ? quiet + 1 : 0;
      previous = now;
      if (quiet >= 2) {
        break;
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Node processes below this JVM (sidecars, and a pooled interpreter if there is one). */
  static List<ProcessHandle> nodeDescendants() {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(ph -> ph.info().command().map(c -> {
          String name = Path.of(c).getFileName().toString();
          return name.equals("node") || name.equals("node.exe");
        }).orElse(false))
        .collect(Collectors.toList());
  }

  /** The summed VmRSS of the Node processes below this JVM, in bytes. */
  static long nodeRssBytes(List<ProcessHandle> nodes) {
    return nodes.stream().mapToLong(ph -> rssBytes(ph.pid()).orElse(0L)).sum();
  }

  /** MemAvailable from /proc/meminfo, in bytes; empty when it cannot be read. */
  static Optional<Long> memAvailableBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          String[] parts = line.substring(13).trim().split("\\s+");
          return Optional.of(Long.parseLong(parts[0]) * 1024L);
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** VmRSS of a process from /proc/PID/status, in bytes; empty when the process is gone. */
  static Optional<Long> rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Optional.of(Long.parseLong(parts[0]) * 1024L);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
