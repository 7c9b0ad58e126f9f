package io.mirage4j.cli;

import io.mirage4j.config.ConfigException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code mirage4j} program. */
public final class Main {
  /** Exit status when mirage4j itself fails, as {@code timeout} and {@code docker run} use it. */
  static final int SOFTWARE_FAILURE = 125;
  /** Exit status for bad options or a bad configuration file, as picocli gives usage errors. */
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // The shell runs one workspace: an interpreter waiting in a pool would only take memory and CPU
    // from it. The conformance runner starts a workspace per case: one waiting saves each its start.
    if (System.getProperty("mirage4j.pool.size") == null) {
      boolean conformance = args.length > 0 && args[0].equals("conformance");
      System.setProperty("mirage4j.pool.size", conformance ? "1" : "0");
    }
    System.exit(run(args, System.in, System.out, System.err, System.console() != null));
  }

  /** Runs the CLI with the given streams; returns the exit status instead of exiting. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    CommandLine cli = new CommandLine(new MirageCommand(in, out, err, interactive));
    cli.addSubcommand(new ConformanceCommand(out));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("mirage4j: " + e.getMessage());
      return e instanceof ConfigException ? USAGE : SOFTWARE_FAILURE;
    });
    return cli.execute(args);
  }
}
