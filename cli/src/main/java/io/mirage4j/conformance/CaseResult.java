package io.mirage4j.conformance;

/**
 * How one case went: what it expected, what this implementation produced, and the first
 * difference between the two. {@link ConformanceSuite#run} returns one per case.
 *
 * <pre>{@code
 * CaseResult r = CaseResult.of(c, CaseRunner.inMemory(c));
 * if (!r.passed()) {
 *   System.out.println(r.id() + ": " + r.difference());
 * }
 * }</pre>
 *
 * @param conformanceCase the case that ran
 * @param actual what the command line printed and returned here
 * @param difference a one-line description of the first difference, or {@code null} if it passed
 */
public record CaseResult(ConformanceCase conformanceCase, CaseOutcome actual, String difference) {

  /** Compares what a case produced with what it expects. */
  public static CaseResult of(ConformanceCase c, CaseOutcome actual) {
    return new CaseResult(c, actual, actual.firstDifference(CaseOutcome.expectedBy(c)));
  }

  /** Whether the outcome equals the expectation exactly. */
  public boolean passed() {
    return difference == null;
  }

  /** The case's id, {@code <area>/<name>}. */
  public String id() {
    return conformanceCase.id();
  }
}
