package io.mirage4j.shell;

import io.mirage4j.CancelledException;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.shell.syntax.Ast;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Runs a parsed command line: lists, pipelines (one thread per stage, joined by pipes), compound
 * commands, functions, redirections and builtins. Failures of the shell itself (a missing
 * redirection target, a bad substitution) are reported on stderr with status 1, as bash does.
 */
final class Interpreter {
  private static final int PIPE_BUFFER = 64 * 1024;
  private static final AtomicInteger pipeThreads = new AtomicInteger();

  private final Map<String, Builtin> builtins;
  private final WorkspaceFs fs;
  private final Supplier<PythonRuntime> python;
  private final Duration pythonTimeout;
  private final long outputLimit;
  private final LineControl line;
  private final Programs programs = new LinePrograms();

  /**
   * @param line the budget of the one command line this interpreter runs
   * @param outputLimit the most bytes the line may write to stdout, and to stderr; also the most
   *     a command substitution may capture
   */
  Interpreter(Map<String, Builtin> builtins, WorkspaceFs fs, Supplier<PythonRuntime> python, Duration pythonTimeout,
      long outputLimit, LineControl line) {
    this.builtins = builtins;
    this.fs = fs;
    this.python = python;
    this.pythonTimeout = pythonTimeout;
    this.outputLimit = outputLimit;
    this.line = line;
  }

  /** Runs a whole command line; {@code exit} ends it. */
  int run(Ast.Script script, ShellState state, Io io) {
    int status;
    try {
      status = script(script, state, io);
    } catch (ExitException e) {
      status = e.status();
      state.markExited();
    }
    state.lastStatus(status);
    return status;
  }

  /** Runs {@code body}; an {@code exit} inside it ends only the body, as it ends a subshell. */
  private static int exitEndsHere(IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (ExitException e) {
      return e.status();
    }
  }

  private int script(Ast.Script script, ShellState state, Io io) {
    int status = 0;
    for (Ast.AndOr item : script.items()) {
      checkCancelled();
      status = andOr(item, state, io);
      state.lastStatus(status);
    }
    return status;
  }

  private int andOr(Ast.AndOr item, ShellState state, Io io) {
    int status = pipeline(item.first(), state, io);
    for (Ast.Link link : item.rest()) {
      state.lastStatus(status);
      if (link.and() == (status == 0)) {
        status = pipeline(link.pipeline(), state, io);
      }
    }
    return status;
  }

  private int pipeline(Ast.Pipeline p, ShellState state, Io io) {
    int status = p.commands().size() == 1
        ? command(p.commands().get(0), state, io)
        : stages(p.commands(), state, io);
    return p.negated() ? (status == 0 ? 1 : 0) : status;
  }

  /**
   * Every stage runs in a copy of the state, as in bash; the status is the last stage's. Each
   * stage but the last takes one of the workspace's stage permits; when none is left the whole
   * line stops, as bash stops a line whose {@code fork} fails.
   */
  private int stages(List<Ast.Command> commands, ShellState state, Io io) {
    List<Thread> threads = new ArrayList<>();
    List<Closeable> readEnds = new ArrayList<>();
    InputStream in = io.in();
    try {
      for (int i = 0; i < commands.size() - 1; i++) {
        PipedInputStream readEnd = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream writeEnd = new PipedOutputStream(readEnd);
        readEnds.add(readEnd);
        Ast.Command stage = commands.get(i);
        Io stageIo = new Io(in, new PipeWriteEnd(writeEnd), io.err());
        ShellState stageState = state.copy();
        line.check();
        if (!line.reserveStage()) {
          closeQuietly(writeEnd);
          throw line.stop(LineControl.Stop.FORK_FAILED);
        }
        Thread t = new Thread(() -> runStage(stage, stageState, stageIo, writeEnd),
            "mirage4j-pipe-" + pipeThreads.incrementAndGet());
        t.setDaemon(true);
        try {
          t.start();
        } catch (OutOfMemoryError e) {
          line.releaseStage();
          closeQuietly(writeEnd);
          throw line.stop(LineControl.Stop.FORK_FAILED);
        }
        threads.add(t);
        in = readEnd;
      }
      ShellState last = state.copy();
      Io lastIo = io.withIn(in);
      return exitEndsHere(() -> command(commands.get(commands.size() - 1), last, lastIo));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      readEnds.forEach(Interpreter::closeQuietly);
      for (Thread t : threads) {
        joinUninterruptibly(t);
      }
    }
  }

  private void runStage(Ast.Command stage, ShellState state, Io io, OutputStream writeEnd) {
    line.enter();
    try {
      exitEndsHere(() -> command(stage, state, io));
    } catch (OutputLimitException | LineControl.Stopped e) {
      // the line's output is full, or the line stopped; the shell reports either
    } catch (RuntimeException e) {
      printError(io, e.getMessage());
    } catch (StackOverflowError e) {
      line.stop(LineControl.Stop.STACK_EXHAUSTED);
    } catch (OutOfMemoryError e) {
      line.stop(LineControl.Stop.outOfMemory(e));
    } finally {
      closeQuietly(writeEnd);
      line.leave();
      line.releaseStage();
    }
  }

  private int command(Ast.Command c, ShellState state, Io io) {
    List<Closeable> opened = new ArrayList<>();
    Io redirected;
    try {
      redirected = Redirections.apply(c.redirects(), io, expander(state, io), fs, state.cwd(), opened);
    } catch (ResourceException e) {
      closeAll(opened, io);
      printError(io, e.path() + ": " + e.reason().posixMessage());
      return 1;
    } catch (Redirections.RedirectException | Expander.ExpansionException e) {
      closeAll(opened, io);
      printError(io, e.getMessage());
      return 1;
    }
    try {
      return dispatch(c, state, redirected);
    } finally {
      closeAll(opened, io);
    }
  }

  private int dispatch(Ast.Command c, ShellState state, Io io) {
    if (c instanceof Ast.Simple s) {
      return simple(s, state, io);
    }
    if (c instanceof Ast.Subshell s) {
      ShellState copy = state.copy();
      return exitEndsHere(() -> script(s.body(), copy, io));
    }
    if (c instanceof Ast.Group g) {
      return script(g.body(), state, io);
    }
    if (c instanceof Ast.For f) {
      return forLoop(f, state, io);
    }
    if (c instanceof Ast.If i) {
      for (Ast.Branch b : i.branches()) {
        if (script(b.condition(), state, io) == 0) {
          return script(b.body(), state, io);
        }
      }
      return i.otherwise() == null ? 0 : script(i.otherwise(), state, io);
    }
    if (c instanceof Ast.While w) {
      int status = 0;
      while ((script(w.condition(), state, io) == 0) != w.until()) {
        checkCancelled();
        status = script(w.body(), state, io);
      }
      return status;
    }
    if (c instanceof Ast.FunctionDef f) {
      state.functions().put(f.name(), f.body());
      return 0;
    }
    throw new IllegalStateException("unknown command node " + c);
  }

  private int forLoop(Ast.For f, ShellState state, Io io) {
    List<String> values;
    try {
      values = f.words() == null ? state.positional() : expander(state, io).fields(f.words());
    } catch (Expander.ExpansionException e) {
      printError(io, e.getMessage());
      return 1;
    }
    int status = 0;
    for (String value : values) {
      checkCancelled();
      state.set(f.name(), value);
      status = script(f.body(), state, io);
    }
    return status;
  }

  private int simple(Ast.Simple s, ShellState state, Io io) {
    Expander expander = expander(state, io);
    List<String> argv;
    try {
      argv = expander.fields(s.words());
      if (argv.isEmpty()) {
        int before = state.lastStatus();
        state.lastStatus(0);
        for (Ast.Assignment a : s.assignments()) {
          state.set(a.name(), expander.string(a.value()));
        }
        int status = state.lastStatus();
        state.lastStatus(before);
        return status;
      }
    } catch (Expander.ExpansionException e) {
      printError(io, e.getMessage());
      return 1;
    }
    ShellState target = state;
    if (!s.assignments().isEmpty()) {
      target = state.copy();
      for (Ast.Assignment a : s.assignments()) {
        target.set(a.name(), expander.string(a.value()));
        target.export(a.name());
      }
    }
    return invoke(argv, target, io, true);
  }

  /** Runs a command by name: a function (unless bypassed), a shell-level builtin, or a builtin. */
  private int invoke(List<String> argv, ShellState state, Io io, boolean functions) {
    String name = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    Ast.Command function = functions ? state.functions().get(name) : null;
    if (function != null) {
      return callFunction(name, function, args, state, io);
    }
    switch (name) {
      case "command":
        return args.isEmpty() ? 0 : invoke(args, state, io, false);
      case "exit":
        throw new ExitException(exitStatus(args, state, io));
      case "unset":
        return unset(args, state);
      default:
        break;
    }
    Builtin builtin = builtins.get(name);
    if (builtin == null) {
      printLine(io.err(), name + ": command not found");
      return 127;
    }
    CommandContext ctx = new CommandContext(name, line.watch(io.in()), line.watch(io.out()), line.watch(io.err()),
        state, fs, python, pythonTimeout, outputLimit, programs);
    try {
      return builtin.run(ctx, List.copyOf(args)) & 0xff;
    } catch (PipeWriteEnd.BrokenPipeException e) {
      return 141;
    } catch (IOException e) {
      printLine(io.err(), name + ": " + e.getMessage());
      return 1;
    }
  }

  /** The builtins, run as programs on this line. */
  private final class LinePrograms implements Programs {
    @Override
    public boolean has(String name) {
      return builtins.containsKey(name);
    }

    @Override
    public int run(List<String> argv, ShellState state, InputStream in, OutputStream out, OutputStream err) {
      return exitEndsHere(() -> invoke(argv, state, new Io(in, out, err), false));
    }

    @Override
    public Thread start(Runnable task) {
      line.check();
      if (!line.reserveStage()) {
        return null;
      }
      Thread t = new Thread(() -> {
        line.enter();
        try {
          task.run();
        } catch (OutputLimitException | LineControl.Stopped e) {
          // the line's output is full, or the line stopped; the shell reports either
        } catch (StackOverflowError e) {
          line.stop(LineControl.Stop.STACK_EXHAUSTED);
        } catch (OutOfMemoryError e) {
          line.stop(LineControl.Stop.outOfMemory(e));
        } finally {
          line.leave();
          line.releaseStage();
        }
      }, "mirage4j-job-" + pipeThreads.incrementAndGet());
      t.setDaemon(true);
      try {
        t.start();
      } catch (OutOfMemoryError e) {
        line.releaseStage();
        return null;
      }
      return t;
    }
  }

  private int callFunction(String name, Ast.Command body, List<String> args, ShellState state, Io io) {
    int depth = state.functionDepth();
    if (depth >= Shell.MAX_FUNCTION_NESTING) {
      printError(io, name + ": maximum function nesting level exceeded (" + Shell.MAX_FUNCTION_NESTING + ")");
      throw new ExitException(1);
    }
    List<String> saved = state.positional();
    state.positional(args);
    state.functionDepth(depth + 1);
    try {
      return command(body, state, io);
    } finally {
      state.positional(saved);
      state.functionDepth(depth);
    }
  }

  private static int exitStatus(List<String> args, ShellState state, Io io) {
    if (args.isEmpty()) {
      return state.lastStatus();
    }
    try {
      return Integer.parseInt(args.get(0)) & 0xff;
    } catch (NumberFormatException e) {
      printLine(io.err(), "exit: " + args.get(0) + ": numeric argument required");
      return 2;
    }
  }

  private static int unset(List<String> args, ShellState state) {
    boolean functions = !args.isEmpty() && args.get(0).equals("-f");
    int from = !args.isEmpty() && (args.get(0).equals("-f") || args.get(0).equals("-v")) ? 1 : 0;
    for (String name : args.subList(from, args.size())) {
      if (functions) {
        state.functions().remove(name);
      } else {
        state.unset(name);
      }
    }
    return 0;
  }

  private Expander expander(ShellState state, Io io) {
    return new Expander(state, fs, script -> {
      CappedOutputStream captured = new CappedOutputStream(outputLimit);
      ShellState copy = state.copy();
      int status;
      try {
        status = exitEndsHere(() -> script(script, copy, new Io(io.in(), captured, io.err())));
      } catch (OutputLimitException e) {
        if (!captured.exceeded()) {
          throw e;
        }
        throw new Expander.ExpansionException("command substitution: output longer than " + outputLimit + " bytes");
      }
      state.lastStatus(status);
      return new String(captured.toByteArray(), StandardCharsets.UTF_8);
    });
  }

  /** Throws when the line was stopped, or when its thread was interrupted (cancelled). */
  private void checkCancelled() {
    line.check();
    if (Thread.currentThread().isInterrupted()) {
      throw new CancelledException();
    }
  }

  private static void printError(Io io, String message) {
    printLine(io.err(), "mirage: " + message);
  }

  private static void printLine(OutputStream out, String line) {
    PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
    p.print(line + "\n");
    p.flush();
  }

  private static void closeAll(List<Closeable> opened, Io io) {
    for (Closeable c : opened) {
      try {
        c.close();
      } catch (ResourceException e) {
        printError(io, e.path() + ": " + e.reason().posixMessage());
      } catch (IOException e) {
        printError(io, e.getMessage());
      }
    }
    opened.clear();
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // the other end is gone; nothing to keep
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        t.interrupt();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

}
