package io.mirage4j.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expectations of the cases marked {@code "bash": true} are what real bash prints: each runs
 * with {@code bash -c} over the same files in a host directory. mirage4j runs the same cases over
 * host directories in {@code CliConformanceIT}, so both are held to one expectation.
 */
class BashConformanceTest {
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> realBashGivesTheExpectedOutput() {
    return Cases.tests(
        Cases.all().stream().filter(ConformanceCase::bash).collect(Collectors.toList()), this::runInBash, Map.of());
  }

  private CaseOutcome runInBash(ConformanceCase c) {
    try {
      Path root = Files.createTempDirectory(temp, "case");
      CaseRunner.materialize(c, root);
      Path err = Files.createTempFile(temp, "stderr", ".txt");
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", c.cmd())
          .directory(CaseRunner.hostDir(root, c.cwd()).toFile())
          .redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/bin:/bin");
      pb.environment().put("LC_ALL", "C.UTF-8");
      pb.environment().putAll(c.env());
      Process p = pb.start();
      try (var stdin = p.getOutputStream()) {
        stdin.write(c.stdin().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // bash ended before reading all of its input, as a line that reads none of it may
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("bash did not finish: " + c.cmd());
      }
      return new CaseOutcome(out, Files.readString(err), p.exitValue());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
