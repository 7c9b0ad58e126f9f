package io.mirage4j.cli;

import io.mirage4j.MirageException;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.PythonSession;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Curses;
import org.jline.utils.InfoCmp.Capability;

/**
 * The interactive shell on a terminal: line editing, a history file, a {@code cwd$ } prompt,
 * Ctrl-C to stop the running command or to drop the line being typed, Ctrl-D on an empty line to
 * leave. Commands read the terminal as their standard input ({@link TerminalInput}) and, unless
 * the output is JSON, write to it as they go, so {@code input("name? ")} shows its prompt and reads
 * what the user types.
 */
final class Repl {
  /** The system property naming the history file; else {@value #HISTORY_ENV}, else {@value #HISTORY_NAME} at home. */
  static final String HISTORY_PROPERTY = "mirage4j.history.file";
  static final String HISTORY_ENV = "MIRAGE4J_HISTORY_FILE";
  static final String HISTORY_NAME = ".mirage4j_history";
  /** The exit status of a command stopped by Ctrl-C, as a shell reports a SIGINT. */
  static final int INTERRUPTED = 130;

  private final Terminal terminal;
  private final LineReader reader;
  private final Session session;
  private final CommandOutput output;
  private final PrintStream err;
  private final StartupNotice notice;
  private final AtomicReference<CompletableFuture<ExecResult>> running = new AtomicReference<>();
  private final TerminalLine line = new TerminalLine();
  private final TerminalInput input;

  private Repl(Terminal terminal, Workspace ws, CommandOutput output, PrintStream err, Path history) {
    this.terminal = terminal;
    this.session = ws.defaultSession();
    this.output = output;
    this.err = err;
    LineReader commandInput = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("mirage4j")
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .build();
    this.input = new TerminalInput(terminal, commandInput, line, this::cancelRunning);
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("mirage4j")
        .variable(LineReader.HISTORY_FILE, history)
        // A shell line keeps its '!' characters: no history expansion.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .build();
    this.notice = new StartupNotice(ws.startPython().toCompletableFuture(), err, eraseLine(terminal), input::reading);
  }

  /**
   * Runs the shell over the workspace's default session until Ctrl-D.
   *
   * @return the last command's exit status
   */
  static int run(Workspace ws, CommandOutput output, PrintStream err) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).providers("jni,exec").build()) {
      return new Repl(terminal, ws, output, err, historyFile(System::getProperty, System::getenv)).loop();
    }
  }

  /** The history file: {@value #HISTORY_PROPERTY}, else {@value #HISTORY_ENV}, else {@code ~/.mirage4j_history}. */
  static Path historyFile(Function<String, String> properties, Function<String, String> environment) {
    String configured = properties.apply(HISTORY_PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = environment.apply(HISTORY_ENV);
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(properties.apply("user.home"), HISTORY_NAME);
  }

  /** The prompt for a working directory, its control characters shown as {@code ?}. */
  static String prompt(String cwd) {
    // JLine reads '%' in a prompt as the start of a pattern.
    return cwd.replaceAll("\\p{Cntrl}", "?").replace("%", "%%") + "$ ";
  }

  private int loop() {
    terminal.handle(Terminal.Signal.INT, signal -> cancelRunning());
    int last = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String line;
        try {
          line = reader.readLine(prompt(session.cwd()));
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return last;
        }
        if (!line.isBlank()) {
          last = execute(line);
          if (session.exited()) {
            return last;
          }
        }
      }
      return last;
    } finally {
      saveHistory();
    }
  }

  private int execute(String commandLine) {
    Optional<Boolean> quietConsole = PythonConsole.quietIfConsole(commandLine);
    if (quietConsole.isPresent()) {
      return console(quietConsole.get());
    }
    ExecOptions options = output.prepare(ExecOptions.defaults().withStdin(input));
    if (options.stdout() != null) {
      options = options.withStdout(notice.before(line.follow(options.stdout())));
    }
    if (options.stderr() != null) {
      options = options.withStderr(notice.before(line.follow(options.stderr())));
    }
    line.reset();
    input.open();
    notice.begin();
    CompletableFuture<ExecResult> command = session.executeAsync(commandLine, options);
    running.set(command);
    try {
      ExecResult result = notice.await(command);
      output.write(commandLine, result);
      return result.exitCode();
    } catch (CancellationException e) {
      err.print("\n");
      err.flush();
      return INTERRUPTED;
    } catch (InterruptedException e) {
      command.cancel(true);
      Thread.currentThread().interrupt();
      return INTERRUPTED;
    } catch (ExecutionException | IOException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      err.println("mirage4j: " + cause.getMessage());
      return Main.SOFTWARE_FAILURE;
    } finally {
      running.set(null);
      input.close();
    }
  }

  /** {@code python3} with no program: Python's interactive console, in the session's Python session. */
  private int console(boolean quiet) {
    PythonSession python = session.pythonSession(PythonConsole.SESSION);
    try {
      String banner = quiet ? null : "Python " + python.pythonVersion() + " (pyodide) on emscripten\n";
      int status = new PythonConsole(terminal, python).run(banner) & 0xff;
      session.lastStatus(status);
      return status;
    } catch (MirageException e) {
      err.println("python3: " + e.getMessage());
      session.lastStatus(1);
      return 1;
    }
  }

  /** Ctrl-C while a command runs: stop it (its output is dropped) and go back to the prompt. */
  private void cancelRunning() {
    CompletableFuture<ExecResult> command = running.get();
    if (command != null) {
      command.cancel(true);
    }
  }

  private void saveHistory() {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      err.println("mirage4j: cannot save the history: " + e.getMessage());
    }
  }

  /** Carriage return and clear to the end of the line, or {@code null} on a terminal without them. */
  private static String eraseLine(Terminal terminal) {
    String clear = terminal.getStringCapability(Capability.clr_eol);
    if (clear == null) {
      return null;
    }
    StringWriter erase = new StringWriter().append('\r');
    Curses.tputs(erase, clear);
    return erase.toString();
  }
}
