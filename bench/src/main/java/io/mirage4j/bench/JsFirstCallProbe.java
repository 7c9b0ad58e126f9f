package io.mirage4j.bench;

import io.mirage4j.workspace.Workspace;

/**
 * Runs in a JVM of its own: times the first {@code js -e 'console.log(1)'} of the JVM (GraalJS's
 * engine made, its first context), from the workspace's creation to the result.
 *
 * <p>Prints one {@code sample MS} line on standard output.
 */
public final class JsFirstCallProbe {
  static final String JS_PRINT1 = "js -e 'console.log(1)'";

  private JsFirstCallProbe() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    try (Workspace ws = Setup.newWorkspace()) {
      Setup.check(ws.execute(JS_PRINT1), "1\n");
    }
    long t1 = System.nanoTime();
    System.out.println("sample " + Stats.millis(t1 - t0));
    System.err.println("bench:   js first call " + Stats.format(Stats.millis(t1 - t0)) + " ms");
    System.out.flush();
    System.exit(0);
  }
}
