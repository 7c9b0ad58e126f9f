package io.mirage4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case through the CLI's {@code --json} output, with its mounts as host directories
 * ({@code --mount PREFIX=dir:PATH}), so the cases that real bash also runs see the same files.
 */
class CliConformanceIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> throughTheCliJsonOutput() {
    return Cases.tests(Cases.all(), this::runInCli);
  }

  private CaseOutcome runInCli(ConformanceCase c) {
    try {
      Path root = Files.createTempDirectory(temp, "case");
      CaseRunner.materialize(c, root);
      List<String> args = new ArrayList<>();
      for (Map.Entry<String, String> m : c.mounts().entrySet()) {
        args.add("--mount=" + m.getKey() + "=dir:" + CaseRunner.hostDir(root, m.getKey()));
        args.add("--mode=" + m.getKey() + "=" + m.getValue());
      }
      c.env().forEach((k, v) -> args.add("--env=" + k + "=" + v));
      args.addAll(List.of("--cwd=" + c.cwd(), "--json", "-c", c.cmd()));
      CliRunner.Result r = CliRunner.run(c.stdin(), args.toArray(String[]::new));
      if (r.status() != 0) {
        throw new AssertionError("the CLI failed (" + r.status() + "): " + r.stderr());
      }
      JsonNode line = MAPPER.readTree(r.stdout());
      return new CaseOutcome(line.get("stdout").asText(), line.get("stderr").asText(), line.get("exitCode").asInt());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
