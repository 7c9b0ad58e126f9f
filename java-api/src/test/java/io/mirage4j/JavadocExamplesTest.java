package io.mirage4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's standard: Javadoc on every public type, with an example. Scans this module's
 * sources and names every public top-level type whose Javadoc has no {@code <pre>} block.
 */
class JavadocExamplesTest {
  /** A public top-level declaration: top-level types start at the first column. */
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
          + "(?:class|interface|enum|record|@interface)\\s+(\\w+)",
      Pattern.MULTILINE);

  private static final Path SOURCES = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java");

  @Test
  void everyPublicTypeHasJavadocWithAnExample() throws IOException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.equals("package-info.java") || name.equals("module-info.java")) {
          continue;
        }
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Matcher type = PUBLIC_TYPE.matcher(source);
        if (!type.find()) {
          continue;
        }
        checked++;
        String javadoc = javadocBefore(source, type.start());
        String where = SOURCES.relativize(file).toString().replace('\\', '/') + ": " + type.group(1);
        if (javadoc == null) {
          missing.add(where + " (no Javadoc)");
        } else if (!javadoc.contains("<pre>")) {
          missing.add(where + " (no <pre> example)");
        }
      }
    }
    assertThat(checked).as("public types found under %s", SOURCES).isPositive();
    assertThat(missing)
        .as("public types whose Javadoc lacks an example (add <pre>{@code ...}</pre> to the type's comment)")
        .isEmpty();
  }

  /**
   * The last Javadoc comment before {@code declaration}, if it comes after the imports (so it is
   * the type's, with only annotations between), else null.
   */
  private static String javadocBefore(String source, int declaration) {
    String head = source.substring(0, declaration);
    int start = head.lastIndexOf("/**");
    if (start < 0) {
      return null;
    }
    int end = head.indexOf("*/", start);
    if (end < 0) {
      return null;
    }
    String between = head.substring(end + 2);
    if (Pattern.compile("^(?:import|package)\\s", Pattern.MULTILINE).matcher(between).find()) {
      return null;
    }
    return head.substring(start, end + 2);
  }
}
