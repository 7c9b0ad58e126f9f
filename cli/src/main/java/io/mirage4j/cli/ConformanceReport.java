package io.mirage4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.conformance.CaseOutcome;
import io.mirage4j.conformance.CaseResult;
import io.mirage4j.conformance.ConformanceCase;
import io.mirage4j.conformance.ConformanceSuite;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/** How {@code mirage4j conformance} shows results: a table as cases finish, or one JSON object. */
interface ConformanceReport {

  /** Called as each case finishes. */
  void row(CaseResult result);

  /** Called once, after the last case. */
  void summary(List<CaseResult> results);

  /** How many of the results passed. */
  static long passed(List<CaseResult> results) {
    return results.stream().filter(CaseResult::passed).count();
  }

  /** {@code N passed, N failed}. */
  static String counts(List<CaseResult> results) {
    long passed = passed(results);
    return passed + " passed, " + (results.size() - passed) + " failed";
  }

  /** A row per case as it finishes (case, result, first difference), then the counts. */
  static ConformanceReport table(PrintStream out, ConformanceSuite suite) {
    int width = Math.max("case".length(), suite.cases().stream().mapToInt(c -> c.id().length()).max().orElse(0));
    String format = "%-" + width + "s  %-6s  %s";
    out.println(String.format(format, "case", "result", "first difference"));
    return new ConformanceReport() {
      @Override
      public void row(CaseResult r) {
        out.println(String.format(format, r.id(), r.passed() ? "pass" : "FAIL", r.passed() ? "" : r.difference()).stripTrailing());
        out.flush();
      }

      @Override
      public void summary(List<CaseResult> results) {
        out.println(counts(results));
        out.flush();
      }
    };
  }

  /**
   * {@code {"passed": N, "failed": N, "cases": [{"id", "passed", "difference", "expected",
   * "actual"}]}}, where expected and actual are {@code {"stdout", "stderr", "exit"}}.
   */
  static ConformanceReport json(PrintStream out, ObjectMapper mapper) {
    return new ConformanceReport() {
      @Override
      public void row(CaseResult r) {}

      @Override
      public void summary(List<CaseResult> results) {
        long passed = passed(results);
        List<JsonCase> cases = results.stream().map(JsonCase::of).toList();
        try {
          out.println(mapper.writerWithDefaultPrettyPrinter()
              .writeValueAsString(new JsonReport(passed, results.size() - passed, cases)));
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
        out.flush();
      }
    };
  }

  /** The JSON shape of the whole run. */
  record JsonReport(long passed, long failed, List<JsonCase> cases) {}

  /** The JSON shape of one case's result. */
  record JsonCase(String id, boolean passed, String difference, CaseOutcome expected, CaseOutcome actual) {
    static JsonCase of(CaseResult r) {
      ConformanceCase c = r.conformanceCase();
      return new JsonCase(c.id(), r.passed(), r.difference(), CaseOutcome.expectedBy(c), r.actual());
    }
  }
}
