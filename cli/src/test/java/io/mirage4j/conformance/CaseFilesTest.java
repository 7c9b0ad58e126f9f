package io.mirage4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The case directory is well-formed: every file is a readable case and every known failure exists. */
class CaseFilesTest {

  @Test
  void everyFileUnderCasesIsACase() throws IOException {
    try (Stream<Path> files = Files.walk(Cases.DIR)) {
      List<Path> strays = files.filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".json"))
          .collect(Collectors.toList());
      assertThat(strays).as("files under cases/ that are not *.json cases").isEmpty();
    }
    assertThat(CaseLoader.load(Cases.DIR)).hasSizeGreaterThanOrEqualTo(150);
  }

  @Test
  void everyKnownFailureNamesACase() {
    List<String> ids = CaseLoader.load(Cases.DIR).stream().map(ConformanceCase::id).collect(Collectors.toList());
    assertThat(ids).containsAll(Cases.knownFailures().keySet());
  }

  @Test
  void everyCaseRunsInADirectoryOfItsOwnMounts() {
    for (ConformanceCase c : CaseLoader.load(Cases.DIR)) {
      assertThat(c.mounts().keySet()).as(c.id()).anyMatch(prefix -> c.cwd().startsWith(prefix));
    }
  }
}
