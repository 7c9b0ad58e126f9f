package io.mirage4j.cli;

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
 */
final class StartupNotice {
  static final String TEXT = "mirage4j: starting the Python runtime...";
  static final String READY = " ready";
  static final Duration DELAY = Duration.ofMillis(250);

  private final CompletableFuture<?> ready;
  private final PrintStream err;
  private final String eraseLine;
  private final BooleanSupplier readingTerminal;

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
    if (!ready.isDone() && !readingTerminal.getAsBoolean()) {
      err.print(TEXT);
      err.flush();
      CompletableFuture.anyOf(command, ready).handle((value, failure) -> null).get();
      if (ready.isDone() && !ready.isCompletedExceptionally()) {
        err.print(READY + "\n");
      } else {
        err.print(eraseLine != null ? eraseLine : "\n");
      }
      err.flush();
    }
    return command.get();
  }
}
