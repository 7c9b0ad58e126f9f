package io.mirage4j.shell;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The budget of one running command line: the threads it runs on, the workspace-wide permits for
 * pipeline stages, and why it was stopped, if it was. Stopping a line (its time limit passed, a
 * stage could not start, the JVM ran out of memory) records the first reason, interrupts every
 * thread of the line, and makes every later check and every read or write of a command's streams
 * throw {@link Stopped}, so loops, builtins and pipes all end soon.
 */
final class LineControl {

  /**
   * Why a line stopped, and how its result reports it.
   *
   * @param status the line's exit status
   * @param message the line of stderr that says what happened, without its newline
   * @param dropOutput whether the line's output so far is dropped, as it is past a time limit
   */
  record Stop(int status, String message, boolean dropOutput) {
    static final Stop FORK_FAILED = new Stop(126, "mirage: fork: Resource temporarily unavailable", false);
    static final Stop STACK_EXHAUSTED = new Stop(2, "mirage: " + StackDepth.TEXT, false);

    static Stop timedOut(String message) {
      return new Stop(124, "mirage: " + message, true);
    }

    static Stop outOfMemory(OutOfMemoryError e) {
      return new Stop(2, "mirage: out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), false);
    }
  }

  /** Thrown where a stopped line notices it; the shell turns it into the line's result. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("the command line was stopped", null, false, false);
    }
  }

  private final Semaphore stagePermits;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private volatile Stop stop;

  LineControl(Semaphore stagePermits) {
    this.stagePermits = stagePermits;
  }

  /** Why the line stopped, or null while it runs. */
  Stop stop() {
    return stop;
  }

  /** Throws {@link Stopped} once the line has been stopped. */
  void check() {
    if (stop != null) {
      throw new Stopped();
    }
  }

  /** Stops the line for {@code reason} unless it stopped already; returns {@link Stopped} to throw. */
  Stopped stop(Stop reason) {
    synchronized (this) {
      if (stop == null) {
        stop = reason;
        for (Thread t : threads) {
          if (t != Thread.currentThread()) {
            t.interrupt();
          }
        }
      }
    }
    return new Stopped();
  }

  /** The calling thread runs part of this line until {@link #leave()}. */
  void enter() {
    synchronized (this) {
      threads.add(Thread.currentThread());
      if (stop != null) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The calling thread no longer runs part of this line. Waits for a {@link #stop} under way to
   * finish interrupting, so that no interrupt meant for this line reaches the thread after it left
   * (the caller clears the interrupt the stop made, and the thread goes on to the next line).
   */
  void leave() {
    synchronized (this) {
      threads.remove(Thread.currentThread());
    }
  }

  /** Takes a permit for one more pipeline stage; false when the workspace has none left. */
  boolean reserveStage() {
    return stagePermits.tryAcquire();
  }

  void releaseStage() {
    stagePermits.release();
  }

  /** {@code out}, checking the line before every write. */
  OutputStream watch(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        check();
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        check();
        out.write(b, off, len);
      }
    };
  }

  /** {@code in}, checking the line before every read. */
  InputStream watch(InputStream in) {
    if (in instanceof FileInput file) {
      return file.watched(this::check);
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        check();
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check();
        return in.read(b, off, len);
      }
    };
  }
}
