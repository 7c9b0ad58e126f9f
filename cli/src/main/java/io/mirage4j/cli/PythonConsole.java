package io.mirage4j.cli;

import io.mirage4j.python.PythonSessionLostException;
import io.mirage4j.workspace.ConsoleStep;
import io.mirage4j.workspace.PythonSession;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

/**
 * Python's interactive console on the shell's terminal, as {@code python3} with no program opens
 * it: {@code >>> } and {@code ... } prompts, a statement run as soon as it is complete (the value
 * of an expression shown with {@code repr}), tracebacks, line editing and a history of its own.
 * Ctrl-C at a prompt drops what was typed ({@code KeyboardInterrupt}); Ctrl-C while a statement
 * runs raises {@code KeyboardInterrupt} in it, and the names stay; a statement that does not stop
 * within {@value #STOP_AFTER_MS} ms is stopped with the console's interpreter, whose names are then
 * gone (the console says so). Ctrl-D on an empty line leaves with status 0, {@code exit(n)} with status n. The
 * console runs in a {@link PythonSession} of the shell's session, started afresh each time.
 */
final class PythonConsole {
  /** The Python session of the shell session that the console uses. */
  static final String SESSION = "console";
  static final String BANNER_END = "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n";
  static final String STOPPED = "KeyboardInterrupt\n(the statement did not stop at the interrupt and was stopped with its"
      + " interpreter: names defined before are gone)\n";
  /** How long a statement has to end after Ctrl-C's KeyboardInterrupt before it is stopped with its interpreter. */
  static final long STOP_AFTER_MS = 3000;

  private final Terminal terminal;
  private final LineReader reader;
  private final PythonSession python;

  PythonConsole(Terminal terminal, PythonSession python) {
    this.terminal = terminal;
    this.python = python;
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("python3")
        .history(new DefaultHistory())
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        // Tab indents, as in Python's console, instead of completing.
        .option(LineReader.Option.INSERT_TAB, true)
        .build();
  }

  /**
   * Whether {@code line} asks for the console, and if so whether quietly ({@code -q}: no banner):
   * {@code python3} or {@code python} with no other words than {@code -i} and {@code -q}.
   */
  static Optional<Boolean> quietIfConsole(String line) {
    List<String> words = List.of(line.strip().split("\\s+"));
    if (words.isEmpty() || !(words.get(0).equals("python3") || words.get(0).equals("python"))) {
      return Optional.empty();
    }
    boolean quiet = false;
    for (String word : words.subList(1, words.size())) {
      if (!word.matches("-[iq]+")) {
        return Optional.empty();
      }
      quiet |= word.contains("q");
    }
    return Optional.of(quiet);
  }

  /**
   * Runs the console until Ctrl-D or {@code exit()}.
   *
   * @param banner the first line of the banner (Python's version), or null for none
   * @return the exit status
   */
  int run(String banner) {
    PrintWriter out = terminal.writer();
    python.reset();
    if (banner != null) {
      out.print(banner + BANNER_END);
      out.flush();
    }
    // the lines typed since the last statement ran, joined with newlines as Python's console joins them
    StringBuilder typed = new StringBuilder();
    boolean continuing = false;
    try {
      while (true) {
        String line;
        try {
          line = reader.readLine(continuing ? "... " : ">>> ");
        } catch (UserInterruptException e) {
          out.print("\nKeyboardInterrupt\n");
          out.flush();
          typed.setLength(0);
          continuing = false;
          continue;
        } catch (EndOfFileException e) {
          out.print("\n");
          out.flush();
          return 0;
        }
        typed.append(continuing ? "\n" : "").append(line);
        ConsoleStep step = step(typed.toString());
        continuing = step != null && step.needsMore();
        if (continuing) {
          continue;
        }
        typed.setLength(0);
        if (step == null) {
          continue;
        }
        if (step.exited()) {
          return step.result().exitCode();
        }
      }
    } finally {
      python.reset();
    }
  }

  /** Runs one step, which Ctrl-C stops; null when it was stopped or its state lost (said on the terminal). */
  private ConsoleStep step(String source) {
    terminal.writer().flush();
    OutputStream screen = terminal.output();
    FutureTask<ConsoleStep> task = new FutureTask<>(() -> python.console(source, screen, screen));
    Thread runner = new Thread(task, "mirage4j-python-console");
    runner.setDaemon(true);
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> interrupt(task));
    runner.start();
    try {
      return task.get();
    } catch (CancellationException e) {
      stopped();
      return null;
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PythonSessionLostException lost) {
        terminal.writer().print(lost.getMessage() + "\n");
        terminal.writer().flush();
        return null;
      }
      terminal.writer().print("python3: " + e.getCause().getMessage() + "\n");
      terminal.writer().flush();
      return null;
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
    }
  }

  /**
   * Ctrl-C while a statement runs: {@code KeyboardInterrupt} in it, as in Python's console; a
   * statement that has not ended {@value #STOP_AFTER_MS} ms later (it caught the interrupt, or
   * waits in C) is stopped with its interpreter.
   */
  private void interrupt(FutureTask<ConsoleStep> task) {
    if (!python.interrupt()) {
      task.cancel(true);
      return;
    }
    Thread stopper = new Thread(() -> {
      try {
        Thread.sleep(STOP_AFTER_MS);
      } catch (InterruptedException e) {
        return;
      }
      task.cancel(true);
    }, "mirage4j-python-console-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  /** After Ctrl-C stopped a statement: its interpreter went with it, so the console starts afresh. */
  private void stopped() {
    terminal.writer().print("\n" + STOPPED);
    terminal.writer().flush();
    python.reset();
  }

}
