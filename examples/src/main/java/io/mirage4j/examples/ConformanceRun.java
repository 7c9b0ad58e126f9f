package io.mirage4j.examples;

import io.mirage4j.conformance.CaseResult;
import io.mirage4j.conformance.CaseRunner;
import io.mirage4j.conformance.ConformanceSuite;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs conformance cases from Java, as a test suite of your own might: each case in a fresh
 * workspace over in-memory mounts, printing the failures and then the counts.
 *
 * <pre>
 * ./examples/run ConformanceRun test-fixtures python/
 * </pre>
 */
public final class ConformanceRun {
  private ConformanceRun() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "test-fixtures");
    String prefix = args.length > 1 ? args[1] : "";
    System.exit(run(dir, prefix, System.out));
  }

  /** Runs the cases under {@code dir} whose id starts with {@code prefix}; 0 if all passed, else 1. */
  public static int run(Path dir, String prefix, PrintStream out) {
    ConformanceSuite suite = ConformanceSuite.in(dir).filter(prefix);
    List<CaseResult> results = suite.run(CaseRunner::inMemory, result -> {
      if (!result.passed()) {
        out.println("FAIL " + result.id() + ": " + result.difference());
      }
    });
    long passed = results.stream().filter(CaseResult::passed).count();
    out.println(passed + " passed, " + (results.size() - passed) + " failed");
    return passed == results.size() ? 0 : 1;
  }
}
