package io.mirage4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataCleanupIT {
  static final Path FIXTURES = Path.of(System.getProperty("mirage4j.fixtures.dir", "../test-fixtures"));
  private static final String REPORT = "contacts.csv: 5 rows in, 3 out\nsuppliers.csv: 2 rows in, 2 out\n";

  @TempDir Path dir;

  @BeforeEach
  void copyTheSample() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES.resolve("samples/contacts"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void cleansEveryCsvIntoCleanAndLeavesTheOriginals() throws IOException {
    String contacts = Files.readString(dir.resolve("contacts.csv"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = DataCleanup.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(REPORT);
    assertThat(Files.readString(dir.resolve("clean/contacts.csv"))).isEqualTo("""
        name,email,joined,city
        Ada Lovelace,ada@example.com,2015-12-10,London
        Grace Hopper,grace@example.com,1906-12-09,New York
        Alan Turing,alan@example.org,2012-06-23,Wilmslow
        """);
    assertThat(Files.readString(dir.resolve("clean/suppliers.csv"))).isEqualTo("""
        supplier,email,since
        ACME Corp,sales@acme.example,2020-02-01
        Globex,info@globex.example,2019-07-15
        """);
    assertThat(Files.readString(dir.resolve("contacts.csv"))).isEqualTo(contacts);
    try (Stream<Path> clean = Files.list(dir.resolve("clean"))) {
      assertThat(clean.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of("contacts.csv", "suppliers.csv"));
    }
  }

  @Test
  void runsFromTheDocumentedCommand() throws Exception {
    Path script = FIXTURES.toAbsolutePath().getParent().resolve("examples/run");
    ProcessBuilder run = new ProcessBuilder(script.toString(), "DataCleanup", dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    run.environment().put("MIRAGE4J_CACHE_DIR", System.getProperty("mirage4j.cache.dir"));
    Process p = run.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out).isEqualTo(REPORT);
    assertThat(dir.resolve("clean/contacts.csv")).exists();
  }
}
