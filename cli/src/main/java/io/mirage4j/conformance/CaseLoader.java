package io.mirage4j.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads conformance cases and the list of known failures from a cases directory, and writes cases
 * back (for {@link ConformanceSuite#record}). Case files are strict: an unknown key is an error.
 *
 * <pre>{@code
 * List<ConformanceCase> cases = CaseLoader.load(Path.of("test-fixtures/cases"));
 * Map<String, String> known = CaseLoader.knownFailures(Path.of("test-fixtures/known-failures.txt"));
 * }</pre>
 */
public final class CaseLoader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CaseLoader() {}

  /** Every {@code *.json} below {@code dir}, sorted by id ({@code <area>/<name>}). */
  public static List<ConformanceCase> load(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .sorted()
          .map(p -> read(p, dir))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list cases in " + dir, e);
    }
  }

  private static ConformanceCase read(Path file, Path dir) {
    String rel = dir.relativize(file).toString().replace('\\', '/');
    String id = rel.substring(0, rel.length() - ".json".length());
    try {
      return MAPPER.readValue(file.toFile(), ConformanceCase.class).withId(id);
    } catch (IOException e) {
      throw new UncheckedIOException("bad case file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a case as JSON (its id becomes the file name). */
  public static void write(ConformanceCase c, Path dir) throws IOException {
    Path file = dir.resolve(c.id() + ".json");
    Files.createDirectories(file.getParent());
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), c);
  }

  /**
   * {@code known-failures.txt} next to the cases: one {@code <id> <reason>} per line, {@code #}
   * comments; case id to reason.
   */
  public static Map<String, String> knownFailures(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      Map<String, String> known = new TreeMap<>();
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int space = trimmed.indexOf(' ');
        known.put(space < 0 ? trimmed : trimmed.substring(0, space), space < 0 ? "" : trimmed.substring(space + 1).strip());
      }
      return known;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
