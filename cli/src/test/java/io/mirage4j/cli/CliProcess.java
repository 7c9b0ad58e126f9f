package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged CLI jar ({@code java -jar}), run in its own process as a user runs it. */
final class CliProcess {
  private CliProcess() {}

  /** What the CLI process printed and returned. */
  record Run(int status, String stdout, String stderr) {}

  /** {@code java JVM_OPTIONS -jar mirage4j-cli.jar ARGS}, with this JVM's java. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", Path.of(System.getProperty("mirage4j.cli.jar")).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs the CLI in this JVM's working directory. */
  static Run run(String stdin, String... args) throws IOException, InterruptedException {
    return runIn(Path.of("").toAbsolutePath(), stdin, args);
  }

  /** Runs the CLI in the working directory {@code dir}, feeding it {@code stdin}. */
  static Run runIn(Path dir, String stdin, String... args) throws IOException, InterruptedException {
    return runWith(Map.of(), dir, stdin, args);
  }

  /** Runs the CLI with {@code env} added to its environment, in {@code dir}, feeding it {@code stdin}. */
  static Run runWith(Map<String, String> env, Path dir, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = command(List.of(
        "-Dmirage4j.shim.dir=" + System.getProperty("mirage4j.shim.dir"),
        "-Dmirage4j.cache.dir=" + System.getProperty("mirage4j.cache.dir")), args);
    Path stderr = Files.createTempFile("mirage4j-cli", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile());
      builder.environment().putAll(env);
      Process p = builder.start();
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Run(p.exitValue(), out, Files.readString(stderr));
    } finally {
      Files.delete(stderr);
    }
  }
}
