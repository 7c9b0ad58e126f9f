package io.mirage4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.conformance.CaseOutcome;
import io.mirage4j.conformance.CaseResult;
import io.mirage4j.conformance.CaseRunner;
import io.mirage4j.conformance.ConformanceCase;
import io.mirage4j.conformance.ConformanceSuite;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mirage4j conformance}: runs a directory of conformance cases and reports each one. */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs conformance cases, each in a fresh workspace, and prints 'N passed, N failed'.",
      "Cases are JSON files (format: test-fixtures/README.md); the table shows each one's first difference."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every case passed (or --record wrote the recording)",
      "1:at least one case failed",
      "2:bad command-line options or case files"
    })
final class ConformanceCommand implements Callable<Integer> {
  static final Path DEFAULT_DIR = Path.of("test-fixtures");

  @Spec private CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "DIR",
      description = "The cases: a directory of case files, or one holding them in cases/. Default: ./test-fixtures.")
  private Path dir;

  @Option(names = "--filter", paramLabel = "PREFIX", description = "Run only the cases whose id starts with PREFIX.")
  private String filter = "";

  @Option(names = "--host-dirs",
      description = "Mount host directories (in a temporary directory) instead of in-memory trees.")
  private boolean hostDirs;

  @Option(names = "--json", description = "Print one JSON object with every case's result instead of the table.")
  private boolean json;

  @Option(names = "--record", paramLabel = "OUT_DIR",
      description = "Write every case to OUT_DIR, same ids and format, expecting what this implementation produced.")
  private Path record;

  private final PrintStream stdout;

  ConformanceCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws IOException {
    ConformanceSuite suite = suite();
    ConformanceReport report = json ? ConformanceReport.json(stdout, new ObjectMapper()) : ConformanceReport.table(stdout, suite);
    List<CaseResult> results;
    Path scratch = hostDirs ? Files.createTempDirectory("mirage4j-conformance") : null;
    try {
      results = suite.run(runner(scratch), report::row);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
    report.summary(results);
    if (record != null) {
      ConformanceSuite.record(results, record);
      return 0;
    }
    return results.stream().allMatch(CaseResult::passed) ? 0 : 1;
  }

  private ConformanceSuite suite() {
    Path cases = dir != null ? dir : DEFAULT_DIR;
    if (dir == null && !Files.isDirectory(cases)) {
      throw new ParameterException(spec.commandLine(),
          "no ./test-fixtures here: give the cases directory (conformance DIR)");
    }
    ConformanceSuite suite;
    try {
      suite = ConformanceSuite.in(cases).filter(filter);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (suite.cases().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no case id starts with '" + filter + "' in " + suite.casesDir());
    }
    return suite;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Function<ConformanceCase, CaseOutcome> runner(Path scratch) {
    if (scratch == null) {
      return CaseRunner::inMemory;
    }
    return c -> {
      try {
        return CaseRunner.inHostDirectories(c, Files.createTempDirectory(scratch, "case"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
