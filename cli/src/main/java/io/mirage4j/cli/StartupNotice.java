package io.mirage4j.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The one-line notice on stderr while a command waits for the Python runtime's first start:
 * {@value #TEXT}, completed with {@value #READY} when the runtime is ready, or erased when the
 * command ends first. It never shows once the runtime is ready, nor for a command that ends within
 * {@link #DELAY}, nor for one that waits for the user to type (it would land in the typed line).
 * The command's output, which reaches the terminal as it is written, goes through
 * {@link #before}: the notice never shows once the command has written, and ends when it writes.
 */
final class StartupNotice {
  static final String TEXT = "mirage4j: starting the Python runtime...";
  static final String READY = " ready";
  static final Duration DELAY = Duration.ofMillis(250);

  private final CompletableFuture<?> ready;
  private final PrintStream err;
  private final String eraseLine;
  private final BooleanSupplier readingTerminal;
  private final Object lock = new Object();
  /** Whether the notice is on the screen. */
  private boolean showing;
  /** Whether the current command has written output. */
  private boolean written;

  /**
   * @param ready completes when the runtime is ready (exceptionally if it cannot start)
   * @param err where the notice goes
   * @param eraseLine what takes the cursor back to the start of the line and clears it, or
   *     {@code null} on a terminal that cannot, where an erased notice ends its line instead
   */
  StartupNotice(CompletableFuture<?> ready, PrintStream err, String eraseLine) {
    this(ready, err, eraseLine, () -> false);
  }

  /** @param readingTerminal whether the command is waiting for the user to type a line */
  StartupNotice(CompletableFuture<?> ready, PrintStream err, String eraseLine, BooleanSupplier readingTerminal) {
    this.ready = ready;
    this.err = err;
    this.eraseLine = eraseLine;
    this.readingTerminal = readingTerminal;
  }

  /**
   * Waits for the command's result, showing the notice meanwhile if the runtime is still starting.
   *
   * @throws java.util.concurrent.CancellationException when the command was cancelled
   */
  <T> T await(CompletableFuture<T> command) throws InterruptedException, ExecutionException {
    if (ready.isDone()) {
      return command.get();
    }
    try {
      return command.get(DELAY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // still running: the notice is due if the runtime is still starting
    }
    synchronized (lock) {
      showing = !ready.isDone() && !written && !readingTerminal.getAsBoolean();
      if (showing) {
        err.print(TEXT);
        err.flush();
      }
    }
    CompletableFuture.anyOf(command, ready).handle((value, failure) -> null).get();
    synchronized (lock) {
      end();
    }
    return command.get();
  }

  /** A command starts: the output it writes through {@link #before} is its own. */
  void begin() {
    synchronized (lock) {
      written = false;
    }
  }

  /** {@code stream}, which ends the notice before each write, so that output never lands on its line. */
  OutputStream before(OutputStream stream) {
    return new FilterOutputStream(stream) {
      @Override
      public void write(int b) throws IOException {
        writing();
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writing();
        out.write(b, off, len);
      }
    };
  }

  private void writing() {
    synchronized (lock) {
      written = true;
      end();
    }
  }

  /** Completes the notice with {@link #READY} if the runtime is ready, else erases it. */
  private void end() {
    if (!showing) {
      return;
    }
    showing = false;
    if (ready.isDone() && !ready.isCompletedExceptionally()) {
      err.print(READY + "\n");
    } else {
      err.print(eraseLine != null ? eraseLine : "\n");
    }
    err.flush();
  }
}
