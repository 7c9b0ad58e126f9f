package io.mirage4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.config.MountConfig;
import io.mirage4j.config.WorkspaceConfig;
import io.mirage4j.config.WorkspaceConfigFile;
import io.mirage4j.fs.Mode;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mirage4j}: runs command lines in one workspace and one session. Public for picocli, which
 * {@link Main} hands it to; not part of the stable API.
 *
 * <pre>{@code
 * ./mirage4j --mount /notes=dir:$HOME/notes --cwd /notes -c 'python3 dedupe.py'
 * ./mirage4j --config workspace.yaml --mode /data=read -c 'ls /data'
 * ./mirage4j --json -c 'python3 -c "import sys; sys.exit(3)"'   # {"command":...,"exitCode":3}
 * }</pre>
 */
@Command(
    name = "mirage4j",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    subcommands = {InstallRuntimeCommand.class},
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs shell command lines, python3 included, in a sandboxed workspace of mounts.",
      "Every -c runs in order in one workspace and one session, reading the CLI's standard input.",
      "Without -c: an interactive shell on a terminal, else command lines from standard input, one per line."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the last command succeeded (always 0 with --json)",
      "N:the last command's exit status",
      "2:bad command-line options or configuration file",
      "125:mirage4j itself failed"
    })
public final class MirageCommand implements Callable<Integer> {
  static final String DEFAULT_PREFIX = "/data";

  @Spec private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Read mounts, modes, env, cwd and limits from a YAML file; the other options add to it or override it.")
  private Path config;

  @Option(names = "--mount", paramLabel = "PREFIX=ram|PREFIX=dir:PATH",
      converter = MountOption.Converter.class,
      description = "Mount an in-memory tree or a host directory (confined to it). Default: /data=ram.")
  private List<MountOption> mounts = new ArrayList<>();

  @Option(names = "--mode", paramLabel = "PREFIX=read|write|exec",
      description = "What a mount allows (default exec: read, write and run scripts).")
  private Map<String, String> modes = new LinkedHashMap<>();

  @Option(names = "--env", paramLabel = "K=V", description = "Set an environment variable of the session.")
  private Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory (default: the first mount).")
  private String cwd;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Time limit of each python3 call; past it the call exits 124.")
  private BigDecimal timeout;

  @Option(names = "--line-timeout", paramLabel = "SECONDS",
      description = "Time limit of each whole command line, the shell's own commands included; past it the line exits 124.")
  private BigDecimal lineTimeout;

  @Option(names = "--packages", paramLabel = "DIR",
      description = "A directory of Pyodide wheels (*.whl) that every python3 call can import, offline.")
  private Path packages;

  @Option(names = "--json", description = "Print one JSON object per command: command, stdout, stderr, exitCode.")
  private boolean json;

  @Option(names = "-c", paramLabel = "COMMAND_LINE", description = "A command line to run (repeatable).")
  private List<String> commands = new ArrayList<>();

  private final InputStream stdin;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final boolean interactive;

  MirageCommand(InputStream stdin, PrintStream stdout, PrintStream stderr, boolean interactive) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.interactive = interactive;
  }

  @Override
  public Integer call() throws IOException {
    CommandOutput output = json
        ? CommandOutput.jsonLines(stdout, new ObjectMapper())
        : CommandOutput.raw(stdout, stderr);
    try (Workspace ws = workspace()) {
      Session session = ws.defaultSession();
      int last = 0;
      if (commands.isEmpty()) {
        last = interactive ? Repl.run(ws, output, stderr) : readLoop(session, output);
      } else {
        InputStream shared = interactive ? InputStream.nullInputStream() : stdin;
        for (String line : commands) {
          last = run(session, line, shared, output);
          if (session.exited()) {
            break;
          }
        }
      }
      return json ? 0 : last;
    }
  }

  private int readLoop(Session session, CommandOutput output) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    int last = 0;
    while (true) {
      String line = lines.readLine();
      if (line == null) {
        return last;
      }
      last = run(session, line, InputStream.nullInputStream(), output);
      if (session.exited()) {
        return last;
      }
    }
  }

  private static int run(Session session, String line, InputStream in, CommandOutput output) throws IOException {
    ExecResult result = session.execute(line, output.prepare(ExecOptions.defaults().withStdin(in)));
    output.write(line, result);
    return result.exitCode();
  }

  private Workspace workspace() {
    WorkspaceConfig file = config == null ? WorkspaceConfig.empty() : WorkspaceConfigFile.read(config, System::getenv);
    Set<String> optionPrefixes = mounts.stream().map(MountOption::prefix).collect(Collectors.toSet());
    Map<String, MountConfig> fileMounts = new LinkedHashMap<>();
    file.mounts().forEach((prefix, m) -> {
      if (!optionPrefixes.contains(prefix)) {
        fileMounts.put(prefix, new MountConfig(m.dir(), mode(prefix, m.mode())));
      }
    });
    if (mounts.isEmpty() && fileMounts.isEmpty()) {
      mounts.add(new MountOption.Converter().convert(DEFAULT_PREFIX + "=ram"));
    }
    modes.keySet().stream()
        .filter(prefix -> !fileMounts.containsKey(prefix) && mounts.stream().noneMatch(m -> m.prefix().equals(prefix)))
        .findFirst()
        .ifPresent(prefix -> {
          throw usage("--mode names " + prefix + ", which is not mounted");
        });
    Workspace.Builder builder = Workspace.builder();
    try {
      file.withMounts(fileMounts).applyTo(builder);
      for (MountOption m : mounts) {
        builder.mount(m.prefix(), m.resource(), mode(m.prefix(), Mode.EXEC));
      }
      env.forEach(builder::env);
      if (cwd != null) {
        builder.cwd(cwd);
      }
      if (timeout != null) {
        builder.pythonTimeout(Duration.ofMillis(timeout.movePointRight(3).longValueExact()));
      }
      if (lineTimeout != null) {
        builder.lineTimeout(Duration.ofMillis(lineTimeout.movePointRight(3).longValueExact()));
      }
      if (packages != null) {
        builder.packages(packages);
      }
      if (mayRunPython()) {
        builder.prewarm();
      }
      return builder.build();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw usage(e.getMessage());
    }
  }

  /**
   * Whether to start the Python runtime while the first command line is parsed: when a {@code -c}
   * mentions python, or when command lines come from standard input, where one may.
   */
  private boolean mayRunPython() {
    return commands.isEmpty() || commands.stream().anyMatch(line -> line.contains("python"));
  }

  private Mode mode(String prefix, Mode fallback) {
    String value = modes.get(prefix);
    if (value == null) {
      return fallback;
    }
    try {
      return Mode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--mode " + prefix + "=" + value + ": expected read, write or exec");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
