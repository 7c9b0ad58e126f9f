package io.mirage4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** The shared conformance cases and one way to turn them into tests. */
final class Cases {
  static final Path FIXTURES = Path.of(System.getProperty("mirage4j.fixtures.dir", "../test-fixtures"));
  static final Path DIR = FIXTURES.resolve("cases");

  private Cases() {}

  /** Every case, or those whose id starts with {@code -Dmirage4j.cases=PREFIX} (for a quicker run). */
  static List<ConformanceCase> all() {
    String prefix = System.getProperty("mirage4j.cases", "");
    return CaseLoader.load(DIR).stream().filter(c -> c.id().startsWith(prefix)).collect(Collectors.toList());
  }

  static Map<String, String> knownFailures() {
    return CaseLoader.knownFailures(FIXTURES.resolve("known-failures.txt"));
  }

  /**
   * One test per case: the outcome must equal the expectation, unless the case is a known failure,
   * which must still fail (so a fixed case is taken off the list).
   */
  static Stream<DynamicTest> tests(List<ConformanceCase> cases, Function<ConformanceCase, CaseOutcome> run) {
    return tests(cases, run, knownFailures());
  }

  /** One test per case, each expected to pass except those in {@code known}. */
  static Stream<DynamicTest> tests(
      List<ConformanceCase> cases, Function<ConformanceCase, CaseOutcome> run, Map<String, String> known) {
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
      CaseOutcome outcome = assertTimeoutPreemptively(CaseRunner.CASE_TIME_LIMIT.plusSeconds(10), () -> run.apply(c),
          () -> c.id() + " did not finish: $ " + c.cmd());
      String difference = outcome.firstDifference(CaseOutcome.expectedBy(c));
      if (known.containsKey(c.id())) {
        assertThat(difference)
            .as("%s is listed in known-failures.txt (%s) but passes now: remove it from the list", c.id(), known.get(c.id()))
            .isNotNull();
      } else {
        assertThat(difference)
            .as("%s: %s\n  $ %s\n  actual stderr: %s", c.id(), c.description(), c.cmd(), outcome.stderr())
            .isNull();
      }
    }));
  }
}
