package io.mirage4j.bench;

import io.mirage4j.workspace.Workspace;
import java.time.Duration;

/**
 * Runs in a JVM of its own (so that {@code -Dmirage4j.pool.size} applies from the start): warms one
 * workspace, then times the first {@code python3} call of each of several new workspaces while the
 * warm one stays open. Before each sample it waits until the processes below this JVM are idle, so
 * an interpreter pool has had the chance to get an interpreter ready, as it would between two
 * workspace creations in a real application.
 *
 * <p>Prints {@code sample MS} lines on standard output.
 */
public final class FirstCallProbe {
  private FirstCallProbe() {}

  public static void main(String[] args) throws Exception {
    int samples = Integer.parseInt(args[0]);
    try (Workspace warm = Setup.newWorkspace()) {
      for (int i = 0; i < 5; i++) {
        Setup.check(warm.execute(Setup.PRINT1), "1\n");
      }
      for (int i = 0; i < samples; i++) {
        Duration waited = Procs.settle(Duration.ofSeconds(20));
        long t0;
        long t1;
        try (Workspace ws = Setup.newWorkspace()) {
          t0 = System.nanoTime();
          Setup.check(ws.execute(Setup.PRINT1), "1\n");
          t1 = System.nanoTime();
        }
        System.out.println("sample " + Stats.millis(t1 - t0));
        System.err.println("bench:   first call " + Stats.format(Stats.millis(t1 - t0)) + " ms (waited "
            + waited.toMillis() + " ms for idle before it)");
      }
    }
    System.out.flush();
    System.exit(0);
  }
}
