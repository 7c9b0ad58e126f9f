package io.mirage4j.workspace;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A future whose {@code cancel(true)} interrupts the thread computing it. */
final class InterruptibleFuture<T> extends CompletableFuture<T> {
  private Thread worker;
  private boolean cancelled;

  /** Computes the value on the calling thread, unless the future was cancelled first. */
  void run(Supplier<T> task) {
    synchronized (this) {
      if (cancelled) {
        return;
      }
      worker = Thread.currentThread();
    }
    try {
      complete(task.get());
    } catch (RuntimeException | Error e) {
      completeExceptionally(e);
    } finally {
      synchronized (this) {
        worker = null;
        Thread.interrupted();
      }
    }
  }

  /** Cancels first, then interrupts: the interrupted task's own result can no longer win. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelledNow = super.cancel(mayInterruptIfRunning);
    synchronized (this) {
      cancelled = true;
      if (mayInterruptIfRunning && worker != null) {
        worker.interrupt();
      }
    }
    return cancelledNow;
  }
}
