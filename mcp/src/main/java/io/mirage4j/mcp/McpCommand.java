package io.mirage4j.mcp;

import io.mirage4j.workspace.Workspace;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mirage4j mcp}: serves a workspace over the Model Context Protocol, on standard input and
 * output (the default: for a desktop client that starts the server), or over Streamable HTTP with
 * {@code --http PORT}. In stdio mode standard output carries protocol messages only; logs go to
 * standard error.
 *
 * <pre>{@code
 * java -cp ... io.mirage4j.mcp.McpCommand --config workspace.yaml
 * java -cp ... io.mirage4j.mcp.McpCommand --config workspace.yaml --http 8765
 * MIRAGE4J_MCP_TOKEN=secret java -cp ... io.mirage4j.mcp.McpCommand --http 8765 --host 0.0.0.0
 * }</pre>
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, versionProvider = McpCommand.Version.class,
    description = "Serve a workspace over the Model Context Protocol: stdio by default, Streamable HTTP with --http.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the client closed the connection (stdio) or the server was stopped (HTTP)",
        "2:bad options or configuration file, or a non-loopback --host without a token",
        "125:the server failed"})
public final class McpCommand implements Callable<Integer> {
  /** Exit status for bad options, a bad configuration file or an unsafe address. */
  public static final int USAGE = 2;
  /** Exit status when the server itself fails. */
  public static final int SOFTWARE_FAILURE = 125;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The workspace: mounts, modes, env, cwd and limits, from a YAML file (default: an in-memory /data).")
  private Path config;

  @Option(names = "--http", paramLabel = "PORT",
      description = "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (0: a free port, printed to stderr).")
  private Integer httpPort;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address to listen on with --http (default ${DEFAULT-VALUE}); any but a loopback one needs a token.")
  private String host;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:MIRAGE4J_MCP_TOKEN}",
      description = "The bearer token every HTTP request must carry (default: the environment variable MIRAGE4J_MCP_TOKEN).")
  private String token;

  private final InputStream stdin;
  private final OutputStream protocolOut;
  private final PrintStream stderr;
  private final Function<Path, Workspace.Builder> workspaces;

  /** The command on the process's standard streams. */
  public McpCommand() {
    this(System.in, new FileOutputStream(FileDescriptor.out), System.err);
  }

  /** The command on the given streams ({@code protocolOut}: where stdio mode writes messages). */
  public McpCommand(InputStream stdin, OutputStream protocolOut, PrintStream stderr) {
    this(stdin, protocolOut, stderr, WorkspaceFromConfig::builder);
  }

  /**
   * The command on the given streams, with {@code workspaces} making the workspace of a {@code
   * --config} file (null when there is none) ready to build.
   */
  public McpCommand(InputStream stdin, OutputStream protocolOut, PrintStream stderr,
      Function<Path, Workspace.Builder> workspaces) {
    this.stdin = stdin;
    this.protocolOut = protocolOut;
    this.stderr = stderr;
    this.workspaces = workspaces;
  }

  @Override
  public Integer call() throws Exception {
    if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
      stderr.println("mcp: --http must be a port from 0 to 65535: " + httpPort);
      return USAGE;
    }
    if (httpPort != null && !HttpMcpServer.isLoopback(host) && (token == null || token.isBlank())) {
      stderr.println("mcp: " + host + " is not a loopback address: serving it needs a bearer token"
          + " (--token TOKEN or the environment variable MIRAGE4J_MCP_TOKEN), which every client must then send");
      return USAGE;
    }
    try (Workspace ws = workspaces.apply(config).prewarm().build()) {
      WorkspaceMcp mcp = WorkspaceMcp.of(ws);
      if (httpPort == null) {
        StdioMcpServer.serve(mcp, stdin, protocolOut);
        return 0;
      }
      try (HttpMcpServer server = HttpMcpServer.start(mcp, host, httpPort, token)) {
        stderr.println("mcp: serving " + server.endpoint() + (token == null || token.isBlank() ? "" : " (bearer token required)"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mcp-http-stop"));
        server.join();
        return 0;
      }
    }
  }

  /**
   * Runs the command with {@code args}, standard output kept for protocol messages (anything else
   * printed goes to standard error), and exits with its status.
   */
  public static void main(String[] args) {
    main(args, WorkspaceFromConfig::builder);
  }

  /**
   * As {@link #main(String[])}, with {@code workspaces} making the workspace of a {@code --config}
   * file (null when there is none) ready to build: for a launcher that reads configuration files
   * its own way.
   */
  public static void main(String[] args, Function<Path, Workspace.Builder> workspaces) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // One workspace per server: no interpreter waits in a pool, and its Node process hosts it alone.
    if (System.getProperty("mirage4j.pool.size") == null) {
      System.setProperty("mirage4j.pool.size", "0");
    }
    if (System.getProperty("mirage4j.interpreters.per.process") == null) {
      System.setProperty("mirage4j.interpreters.per.process", "1");
    }
    PrintStream err = System.err;
    System.setOut(err);
    System.exit(run(new McpCommand(System.in, new FileOutputStream(FileDescriptor.out), err, workspaces), args, err));
  }

  /** The server's version, as {@code initialize} gives it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mirage4j mcp " + ServerInfo.version()};
    }
  }

  /** Runs {@code command} with {@code args}; returns the exit status. */
  public static int run(McpCommand command, String[] args, PrintStream err) {
    CommandLine cli = new CommandLine(command);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    cli.setOut(errWriter);
    cli.setErr(errWriter);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("mcp: " + e.getMessage());
      return WorkspaceFromConfig.isConfigError(e) || e instanceof IllegalArgumentException ? USAGE : SOFTWARE_FAILURE;
    });
    return cli.execute(args);
  }
}
