package io.mirage4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program running under a real pseudo-terminal: one tmux window on a tmux server of its own (its
 * own socket in a temporary directory, no configuration file), typed into with {@code send-keys}
 * and read with {@code capture-pane}.
 */
final class TmuxPane implements AutoCloseable {
  private static final String TMUX = "/usr/bin/tmux";

  private final Path socketDir;
  private final String socket;

  private TmuxPane(Path socketDir) {
    this.socketDir = socketDir;
    this.socket = socketDir.resolve("tmux").toString();
  }

  /** Starts {@code command} (run by {@code sh -c}) in a new 120x40 pane; the pane ends when it ends. */
  static TmuxPane start(String command) throws IOException, InterruptedException {
    TmuxPane pane = new TmuxPane(Files.createTempDirectory("mirage4j-tmux"));
    pane.tmux("new-session", "-d", "-x", "120", "-y", "40", command);
    return pane;
  }

  /** Types text as it is (tmux key names are not looked up). */
  void type(String text) throws IOException, InterruptedException {
    tmux("send-keys", "-l", text);
  }

  /** Presses keys by tmux name: {@code Enter}, {@code Up}, {@code C-c}, {@code C-d}. */
  void press(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** Types a line and presses Enter. */
  void enter(String line) throws IOException, InterruptedException {
    type(line);
    press("Enter");
  }

  /** The whole pane, scrollback included, wrapped lines joined, trailing blank lines dropped. */
  String screen() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-J", "-S", "-").stripTrailing();
  }

  /** Polls the screen until it satisfies {@code condition}; fails with the last screen at the deadline. */
  String await(String what, Predicate<String> condition, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String screen = screen();
    while (!condition.test(screen)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + what + " within " + timeout + "; the screen:\n" + screen);
      }
      Thread.sleep(50);
      screen = screen();
    }
    return screen;
  }

  /** Whether the program in the pane still runs (the session ends with it). */
  boolean alive() throws IOException, InterruptedException {
    Process p = started("has-session");
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  /**
   * Stops the tmux server and whatever still runs in it, waits (up to 10 s) until the processes
   * the pane started have exited, so none still writes to a directory the test removes next, and
   * removes its socket.
   */
  @Override
  public void close() throws IOException {
    List<ProcessHandle> started = panePrograms();
    Process p = started("kill-server");
    p.getInputStream().readAllBytes();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
      Instant deadline = Instant.now().plusSeconds(10);
      for (ProcessHandle program : started) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left > 0) {
          program.onExit().get(left, TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // still running: the test's own cleanup reports what it cannot remove
    }
    Files.deleteIfExists(Path.of(socket));
    Files.delete(socketDir);
  }

  /** The pane's process and everything it started, while the pane still runs; none once it ended. */
  private List<ProcessHandle> panePrograms() {
    try {
      String pid = tmux("display-message", "-p", "#{pane_pid}").strip();
      return ProcessHandle.of(Long.parseLong(pid))
          .map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()).toList())
          .orElse(List.of());
    } catch (IOException | NumberFormatException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    Process p = started(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private Process started(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(TMUX, "-f", "/dev/null", "-S", socket));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
