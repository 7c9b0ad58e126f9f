package io.mirage4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A directory of conformance cases, run one by one, each in a fresh workspace.
 *
 * <pre>{@code
 * ConformanceSuite suite = ConformanceSuite.in(Path.of("test-fixtures"));
 * List<CaseResult> results = suite.run(CaseRunner::inMemory, r -> System.out.println(r.id()));
 * long failed = results.stream().filter(r -> !r.passed()).count();
 * }</pre>
 *
 * @param casesDir the directory the {@code *.json} case files are under
 * @param cases the cases, sorted by id
 */
public record ConformanceSuite(Path casesDir, List<ConformanceCase> cases) {

  public ConformanceSuite {
    Objects.requireNonNull(casesDir, "casesDir");
    cases = List.copyOf(cases);
  }

  /**
   * The cases of {@code dir}: either a directory of case files, or one (like {@code test-fixtures})
   * that holds them in {@code cases/}.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory or holds no case file
   * @throws UncheckedIOException if a case file cannot be read or parsed
   */
  public static ConformanceSuite in(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no such directory: " + dir);
    }
    Path casesDir = Files.isDirectory(dir.resolve("cases")) ? dir.resolve("cases") : dir;
    List<ConformanceCase> cases = CaseLoader.load(casesDir);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("no case files (*.json) in " + casesDir);
    }
    return new ConformanceSuite(casesDir, cases);
  }

  /** The same suite restricted to the cases whose id starts with {@code prefix}. */
  public ConformanceSuite filter(String prefix) {
    return new ConformanceSuite(casesDir, cases.stream().filter(c -> c.id().startsWith(prefix)).toList());
  }

  /**
   * Runs every case with {@code runner}, telling {@code progress} about each result as it comes.
   * A case whose run throws counts as failed, with the exception as its difference.
   */
  public List<CaseResult> run(Function<ConformanceCase, CaseOutcome> runner, Consumer<CaseResult> progress) {
    List<CaseResult> results = new ArrayList<>();
    for (ConformanceCase c : cases) {
      CaseResult result;
      try {
        result = CaseResult.of(c, runner.apply(c));
      } catch (RuntimeException e) {
        result = new CaseResult(c, new CaseOutcome("", "", -1), "did not run: " + e);
      }
      results.add(result);
      progress.accept(result);
    }
    return results;
  }

  /**
   * Writes every case again under {@code dir}, same ids and format, expecting what it produced in
   * {@code results}: a recording of this implementation to diff against another's. A case whose
   * outcome differs from its expectation loses its {@code "bash": true}, which promised that outcome.
   */
  public static void record(List<CaseResult> results, Path dir) {
    try {
      for (CaseResult r : results) {
        ConformanceCase c = r.conformanceCase();
        CaseLoader.write(r.passed() ? c : c.withOutcome(r.actual()).withBash(false), dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording to " + dir, e);
    }
  }
}
