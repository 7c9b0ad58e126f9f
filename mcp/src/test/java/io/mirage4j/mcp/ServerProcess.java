package io.mirage4j.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts the server as a child process, {@code java -cp <this test's class
 * path> io.mirage4j.mcp.McpCommand --config FILE}, with the runtime's directories this test run
 * uses; and a workspace configuration with a host directory at {@code /data} holding {@code
 * hello.txt}.
 */
final class ServerProcess {
  private ServerProcess() {}

  static List<String> command(Path config, String... more) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dmirage4j.shim.dir=" + System.getProperty("mirage4j.shim.dir"),
        "-Dmirage4j.cache.dir=" + System.getProperty("mirage4j.cache.dir"),
        "-cp", System.getProperty("java.class.path"),
        McpCommand.class.getName(),
        "--config", config.toString()));
    command.addAll(List.of(more));
    return command;
  }

  /** A configuration in {@code dir}: {@code /data} is {@code dir/data}, with {@code hello.txt}. */
  static Path config(Path dir) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("hello.txt"), "hello\n", StandardCharsets.UTF_8);
    return Files.writeString(dir.resolve("workspace.yaml"), "mounts:\n  /data:\n    dir: data\n    mode: write\ncwd: /data\n");
  }
}
