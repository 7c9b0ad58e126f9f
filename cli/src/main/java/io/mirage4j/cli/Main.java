package io.mirage4j.cli;

import io.mirage4j.mcp.McpCommand;
import java.util.Arrays;

import io.mirage4j.config.ConfigException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code mirage4j} program: the main class of {@code mirage4j-cli.jar}, which runs {@link
 * MirageCommand}, or, with {@code conformance} first, the conformance runner, or, with {@code mcp}
 * first, the MCP server ({@link McpCommand}). The exit status is
 * the last command line's (for {@code conformance}, 1 when a case failed); 2 for bad options or a
 * bad configuration file; 125 when mirage4j itself fails. The {@code ./mirage4j} script at the
 * project's root builds the jar and runs it with the {@code js-shim} directory set:
 *
 * <pre>{@code
 * ./mirage4j -c "python3 -c 'print(sum(range(1, 11)))'"   # prints 55
 * ./mirage4j conformance test-fixtures --filter python/
 * ./mirage4j mcp --config workspace.yaml
 * }</pre>
 */
public final class Main {
  /** Exit status when mirage4j itself fails, as {@code timeout} and {@code docker run} use it. */
  static final int SOFTWARE_FAILURE = 125;
  /** Exit status for bad options or a bad configuration file, as picocli gives usage errors. */
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("mcp")) {
      // The MCP server owns standard output for its protocol and sets up logging itself.
      McpCommand.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // The shell runs one workspace: an interpreter waiting in a pool would only take memory and CPU
    // from it. The conformance runner starts a workspace per case: one waiting saves each its start.
    boolean conformance = args.length > 0 && args[0].equals("conformance");
    if (System.getProperty("mirage4j.pool.size") == null) {
      System.setProperty("mirage4j.pool.size", conformance ? "1" : "0");
    }
    // For the same reason the shell's Node process hosts its one interpreter alone: a process with
    // room for more keeps one more loaded ahead of need.
    if (System.getProperty("mirage4j.interpreters.per.process") == null && !conformance) {
      System.setProperty("mirage4j.interpreters.per.process", "1");
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
