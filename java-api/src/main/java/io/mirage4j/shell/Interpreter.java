package io.mirage4j.shell;

import io.mirage4j.CancelledException;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Parser;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
  /** The pipe the current thread's pipeline stage writes to, if it runs one. */
  private static final ThreadLocal<PipeWriteEnd> STAGE_PIPE = new ThreadLocal<>();
  private static final int PIPE_BUFFER = 64 * 1024;
  private static final AtomicInteger pipeThreads = new AtomicInteger();

  private final Map<String, Builtin> builtins;
  private final WorkspaceFs fs;
  private final Supplier<PythonRuntime> python;
  private final Duration pythonTimeout;
  private final long outputLimit;
  private final LineControl line;
  /** What decides whether each command may run, or null when every command may. */
  private final CommandGate gate;
  private final Programs programs = new LinePrograms();
  /** The job tables whose jobs the line waits for before it ends: its own, and those subshells left. */
  private final java.util.Queue<Jobs> orphans = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** The line's own standard input, which a background job does not read (bash gives it /dev/null). */
  private InputStream lineInput;

  /**
   * @param line the budget of the one command line this interpreter runs
   * @param outputLimit the most bytes the line may write to stdout, and to stderr; also the most
   *     a command substitution may capture
   * @param gate what decides whether each command may run, or null when every command may
   */
  Interpreter(Map<String, Builtin> builtins, WorkspaceFs fs, Supplier<PythonRuntime> python, Duration pythonTimeout,
      long outputLimit, LineControl line, CommandGate gate) {
    this.gate = gate;
    this.builtins = builtins;
    this.fs = fs;
    this.python = python;
    this.pythonTimeout = pythonTimeout;
    this.outputLimit = outputLimit;
    this.line = line;
  }

  /** Runs a whole command line; {@code exit} ends it. */
  int run(Ast.Script script, ShellState state, Io io) {
    lineInput = io.in();
    orphans.add(state.jobs());
    int status;
    try {
      status = script(script, state, io);
    } catch (ExitException e) {
      status = e.status();
      state.markExited();
    } catch (RuntimeException | Error e) {
      orphans.forEach(Jobs::interruptAll);
      awaitOrphans();
      throw e;
    }
    try {
      status = exitTrap(state, io, status);
    } finally {
      awaitOrphans();
    }
    state.lastStatus(status);
    checkInterrupted();
    return status;
  }

  /**
   * The line ends: waits for the jobs still running, its own and those that subshells and jobs
   * left behind, which may leave more behind as they end.
   */
  private void awaitOrphans() {
    for (Jobs jobs = orphans.poll(); jobs != null; jobs = orphans.poll()) {
      jobs.awaitAtEnd();
      if (Thread.currentThread().isInterrupted()) {
        orphans.forEach(Jobs::interruptAll);
      }
    }
  }

  /**
   * Runs the {@code EXIT} trap of a shell (the line, a subshell, a command substitution) that ended
   * with {@code status}, once; the status stays unless the trap runs {@code exit}.
   */
  private int exitTrap(ShellState state, Io io, int status) {
    String action = state.traps().remove(0);
    if (action == null) {
      return status;
    }
    state.lastStatus(status);
    Ast.Script script;
    try {
      script = Parser.parse(action);
    } catch (ShellSyntaxException e) {
      printError(io, e.getMessage());
      return status;
    }
    try {
      script(script, state, io);
      return status;
    } catch (ExitException e) {
      return e.status();
    } catch (ReturnException | LoopControlException e) {
      return status;
    }
  }

  /**
   * Runs {@code body}; an {@code exit}, {@code return}, {@code break} or {@code continue} inside it
   * ends only the body, as it ends a subshell.
   */
  private static int exitEndsHere(IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (ExitException e) {
      return e.status();
    } catch (ReturnException e) {
      return e.status();
    } catch (LoopControlException e) {
      return e.status();
    }
  }

  /**
   * What a loop does with a {@code break} or {@code continue} that reached it: one aimed at a loop
   * further out goes on outwards; otherwise true when this loop goes on ({@code continue}).
   */
  private static boolean loopGoesOn(LoopControlException e) {
    if (e.levels() > 1) {
      throw e.outer();
    }
    return e.next();
  }

  private int script(Ast.Script script, ShellState state, Io io) {
    int status = 0;
    for (Ast.AndOr item : script.items()) {
      checkCancelled();
      if (item.background()) {
        status = background(item, state, io);
      } else {
        status = andOr(item, state, io);
      }
      state.lastStatus(status);
    }
    return status;
  }

  /**
   * {@code list &}: runs the list on a thread of its own, as a subshell, and goes on at once with
   * status 0. As in bash without job control, the job reads nothing from the line's own standard
   * input ({@code /dev/null}); input from a pipe or a redirection around it stays its input.
   * The job takes one of the workspace's stage threads; none left stops the line as a failed fork.
   */
  private int background(Ast.AndOr item, ShellState state, Io io) {
    ShellState copy = state.copy();
    copy.loopDepth(0);
    Io jobIo = io.in() == lineInput ? io.withIn(InputStream.nullInputStream()) : io;
    PipeWriteEnd pipe = STAGE_PIPE.get();
    line.check();
    Jobs.Job job = state.jobs().add(item.text());
    if (!line.reserveStage()) {
      state.jobs().finished(job, 126);
      throw line.stop(LineControl.Stop.FORK_FAILED);
    }
    Ast.AndOr list = new Ast.AndOr(item.first(), item.rest());
    Thread t = new Thread(() -> {
      int status = 1;
      try {
        status = onItsOwnThread(copy, jobIo, pipe, false, () -> andOr(list, copy, jobIo));
      } finally {
        state.jobs().finished(job, status);
      }
    }, "mirage4j-bg-" + pipeThreads.incrementAndGet());
    t.setDaemon(true);
    state.jobs().started(job, t);
    try {
      t.start();
    } catch (OutOfMemoryError e) {
      line.releaseStage();
      state.jobs().finished(job, 126);
      throw line.stop(LineControl.Stop.FORK_FAILED);
    }
    state.lastJobPid(job.pid);
    return 0;
  }

  /**
   * Runs the body of a shell that {@code state} belongs to (a subshell, a pipeline stage, a command
   * substitution, a background job), then its {@code EXIT} trap. A shell whose output is read to
   * its end (a pipeline stage, a command substitution) then waits for the jobs it started in the
   * background, since their output is part of its own; a subshell or a job leaves them running,
   * and the line waits for them before it ends. A body that ends by an exception (the line was
   * cancelled or stopped) interrupts those jobs first.
   */
  private int subshell(ShellState state, Io io, boolean outputReadToEnd, IntSupplier body) {
    int status;
    try {
      status = exitEndsHere(body);
    } catch (RuntimeException | Error e) {
      state.jobs().interruptAll();
      state.jobs().awaitAtEnd();
      throw e;
    }
    try {
      status = exitTrap(state, io, status);
    } finally {
      if (outputReadToEnd) {
        state.jobs().awaitAtEnd();
      } else {
        orphans.add(state.jobs());
      }
    }
    checkInterrupted();
    return status;
  }

  /** Every pipeline but the last of an {@code && ||} list runs with {@code set -e} ignored. */
  private int andOr(Ast.AndOr item, ShellState state, Io io) {
    int status = item.rest().isEmpty()
        ? pipeline(item.first(), state, io)
        : ignoringErrexit(state, () -> pipeline(item.first(), state, io));
    for (int i = 0; i < item.rest().size(); i++) {
      Ast.Link link = item.rest().get(i);
      state.lastStatus(status);
      if (link.and() == (status == 0)) {
        status = i == item.rest().size() - 1
            ? pipeline(link.pipeline(), state, io)
            : ignoringErrexit(state, () -> pipeline(link.pipeline(), state, io));
      }
    }
    return status;
  }

  /** Runs {@code body} in a context where a failing command does not end the shell under {@code set -e}. */
  private static int ignoringErrexit(ShellState state, IntSupplier body) {
    state.errexitIgnored(state.errexitIgnored() + 1);
    try {
      return body.getAsInt();
    } finally {
      state.errexitIgnored(state.errexitIgnored() - 1);
    }
  }

  /** Under {@code set -e}, a command that failed where that is not ignored ends the shell. */
  private static int checked(int status, ShellState state) {
    if (status != 0 && state.exitsOnError()) {
      throw new ExitException(status);
    }
    return status;
  }

  private int pipeline(Ast.Pipeline p, ShellState state, Io io) {
    if (p.time() != null) {
      return timed(p, state, io);
    }
    if (p.commands().isEmpty()) {
      return 0;
    }
    if (p.negated()) {
      int status = ignoringErrexit(state, () -> pipeline(new Ast.Pipeline(false, p.commands()), state, io));
      return status == 0 ? 1 : 0;
    }
    if (p.commands().size() == 1) {
      int[] status = {0};
      try {
        status[0] = command(p.commands().get(0), state, io);
      } finally {
        state.pipeStatus(status[0]);
      }
      return status[0];
    }
    return checked(stages(p.commands(), state, io), state);
  }

  /**
   * {@code time PIPELINE}: runs it, then prints how long it took on the shell's stderr in {@code
   * TIMEFORMAT} (bash's default format when unset), also when {@code set -e} ends the shell there.
   * User and system times are the CPU time of the thread that ran the line.
   */
  private int timed(Ast.Pipeline p, ShellState state, Io io) {
    java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
    boolean cpu = bean.isCurrentThreadCpuTimeSupported();
    long start = System.nanoTime();
    long cpuStart = cpu ? bean.getCurrentThreadCpuTime() : 0;
    long userStart = cpu ? bean.getCurrentThreadUserTime() : 0;
    try {
      return pipeline(new Ast.Pipeline(p.negated(), p.commands()), state, io);
    } finally {
      if (line.stop() == null) {
        long real = System.nanoTime() - start;
        long user = cpu ? bean.getCurrentThreadUserTime() - userStart : 0;
        long sys = cpu ? Math.max(0, bean.getCurrentThreadCpuTime() - cpuStart - user) : 0;
        String format = p.time().equals("time -p") ? TimeReport.POSIX
            : state.get("TIMEFORMAT") != null ? state.get("TIMEFORMAT") : TimeReport.DEFAULT;
        String report = TimeReport.format(format, real, user, sys);
        if (!report.isEmpty()) {
          try {
            io.err().write(report.getBytes(StandardCharsets.UTF_8));
          } catch (IOException | RuntimeException e) {
            // stderr is closed or full; the pipeline's own result stands
          }
        }
      }
    }
  }

  /**
   * Every stage runs in a copy of the state, as in bash; the status is the last stage's. Each
   * stage but the last takes one of the workspace's stage permits; when none is left the whole
   * line stops, as bash stops a line whose {@code fork} fails.
   */
  private int stages(List<Ast.Command> commands, ShellState state, Io io) {
    int[] statuses = new int[commands.size()];
    int last;
    try {
      last = runStages(commands, state, io, statuses);
    } finally {
      state.pipeStatus(statuses);
    }
    statuses[statuses.length - 1] = last;
    if (state.option("pipefail")) {
      for (int s : statuses) {
        if (s != 0) {
          last = s;
        }
      }
    }
    return last;
  }

  private int runStages(List<Ast.Command> commands, ShellState state, Io io, int[] statuses) {
    List<Thread> threads = new ArrayList<>();
    List<Closeable> readEnds = new ArrayList<>();
    InputStream in = io.in();
    try {
      for (int i = 0; i < commands.size() - 1; i++) {
        Pipe pipe = new Pipe(PIPE_BUFFER);
        InputStream readEnd = pipe.source();
        OutputStream writeEnd = pipe.sink();
        readEnds.add(readEnd);
        Ast.Command stage = commands.get(i);
        int index = i;
        Io stageIo = new Io(in, new PipeWriteEnd(writeEnd), io.err());
        ShellState stageState = state.copyListingJobs();
        line.check();
        if (!line.reserveStage()) {
          closeQuietly(writeEnd);
          throw line.stop(LineControl.Stop.FORK_FAILED);
        }
        Thread t = new Thread(() -> statuses[index] = runStage(stage, stageState, stageIo, writeEnd),
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
      ShellState last = state.copyListingJobs();
      Io lastIo = io.withIn(in);
      int status = subshell(last, lastIo, true, () -> command(commands.get(commands.size() - 1), last, lastIo));
      statuses[statuses.length - 1] = status;
      return status;
    } finally {
      readEnds.forEach(Interpreter::closeQuietly);
      for (Thread t : threads) {
        joinUninterruptibly(t);
      }
    }
  }

  private int runStage(Ast.Command stage, ShellState state, Io io, OutputStream writeEnd) {
    try {
      return onItsOwnThread(state, io, io.out() instanceof PipeWriteEnd pipe ? pipe : null, true,
          () -> command(stage, state, io));
    } finally {
      closeQuietly(writeEnd);
    }
  }

  /**
   * Runs a shell of this line that has a thread of its own (a pipeline stage, a background job),
   * as a {@link #subshell} of {@code state} that writes to {@code pipe} (null: no pipe). Whatever
   * ends it ends only it: a broken pipe is status 141, an interrupt 130, a failure 1 (a full
   * output or a stopped line is reported by the shell; a failure's message goes to its stderr).
   * Gives back the thread's stage permit when it ends.
   */
  private int onItsOwnThread(ShellState state, Io io, PipeWriteEnd pipe, boolean outputReadToEnd, IntSupplier body) {
    line.enter();
    STAGE_PIPE.set(pipe);
    try {
      return subshell(state, io, outputReadToEnd, body);
    } catch (StageBrokenPipe e) {
      return 141;
    } catch (CancelledException e) {
      return 130;
    } catch (OutputLimitException | LineControl.Stopped e) {
      return 1;
    } catch (RuntimeException e) {
      printError(io, e.getMessage());
      return 1;
    } catch (StackOverflowError e) {
      line.stop(LineControl.Stop.STACK_EXHAUSTED);
      return 1;
    } catch (OutOfMemoryError e) {
      line.stop(LineControl.Stop.outOfMemory(e));
      return 1;
    } finally {
      STAGE_PIPE.remove();
      line.leave();
      line.releaseStage();
    }
  }

  private int command(Ast.Command c, ShellState state, Io io) {
    endStageIfItsPipeBroke();
    if (c instanceof Ast.Simple s && s.assignments().isEmpty() && s.words().size() == 1
        && "exec".equals(s.words().get(0).literalText()) && !state.functions().containsKey("exec")) {
      return exec(s.redirects(), state, io);
    }
    if (c.redirects().isEmpty()) {
      try {
        return dispatch(c, state, io);
      } finally {
        foregroundFinished(c, state);
      }
    }
    List<Closeable> opened = new ArrayList<>();
    Io redirected;
    try {
      redirected = Redirections.apply(c.redirects(), io, state.descriptors(), expander(state, io), fs, state.cwd(),
          opened);
    } catch (ResourceException e) {
      closeAll(opened, io);
      printError(io, e.path() + ": " + e.reason().posixMessage());
      return 1;
    } catch (Redirections.RedirectException | Expander.ExpansionException e) {
      closeAll(opened, io);
      printError(io, e.getMessage());
      return 1;
    }
    int mark = state.jobs().mark();
    try {
      return dispatch(c, state, redirected);
    } finally {
      closeAll(opened.isEmpty() ? opened : new ArrayList<>(state.jobs().holdOpen(mark, opened)), io);
      foregroundFinished(c, state);
    }
  }

  /** After a simple command, as bash after a foreground command, the jobs that have ended leave the table. */
  private static void foregroundFinished(Ast.Command c, ShellState state) {
    if (c instanceof Ast.Simple) {
      state.jobs().foregroundFinished();
    }
  }

  /**
   * {@code exec} with redirections only: the descriptors 3 to 9 it opens stay open for the rest of
   * the session (their writes reach the file at once), {@code exec 3>&-} closes one. Redirecting
   * the standard streams for the rest of the line is refused.
   */
  private int exec(List<Ast.Redirect> redirects, ShellState state, Io io) {
    for (Ast.Redirect r : redirects) {
      if (r.fd() < 3) {
        printError(io, "exec: redirecting descriptor " + r.fd() + " for the rest of the line is not supported");
        return 1;
      }
    }
    List<Closeable> opened = new ArrayList<>();
    Io result;
    try {
      result = Redirections.apply(redirects, new Io(io.in(), io.out(), io.err()), state.descriptors(),
          expander(state, io), fs, state.cwd(), opened);
    } catch (ResourceException e) {
      printError(io, e.path() + ": " + e.reason().posixMessage());
      return 1;
    } catch (Redirections.RedirectException | Expander.ExpansionException e) {
      printError(io, e.getMessage());
      return 1;
    }
    for (Closeable c : opened) {
      if (c instanceof FileSink f) {
        f.writeThrough();
      } else if (c instanceof OverwritingSink o) {
        o.writeThrough();
      }
    }
    for (int n = 3; n <= Redirections.MAX_FD; n++) {
      Descriptor d = result.extra().get(n);
      if (d == null || d.isClosed()) {
        state.descriptors().remove(n);
      } else {
        state.descriptors().put(n, d);
      }
    }
    return 0;
  }

  private int dispatch(Ast.Command c, ShellState state, Io io) {
    if (c instanceof Ast.Simple s) {
      return simple(s, state, io);
    }
    if (c instanceof Ast.Subshell s) {
      ShellState copy = state.copy();
      copy.loopDepth(0);
      return checked(subshell(copy, io, false, () -> script(s.body(), copy, io)), state);
    }
    if (c instanceof Ast.Group g) {
      return script(g.body(), state, io);
    }
    if (c instanceof Ast.For f) {
      return forLoop(f, state, io);
    }
    if (c instanceof Ast.If i) {
      for (Ast.Branch b : i.branches()) {
        if (ignoringErrexit(state, () -> script(b.condition(), state, io)) == 0) {
          return script(b.body(), state, io);
        }
      }
      return i.otherwise() == null ? 0 : script(i.otherwise(), state, io);
    }
    if (c instanceof Ast.While w) {
      return whileLoop(w, state, io);
    }
    if (c instanceof Ast.ArithCommand a) {
      try {
        return checked(arithmetic(a.expression(), state, io) != 0 ? 0 : 1, state);
      } catch (Expander.ExpansionException e) {
        printError(io, "((: " + e.getMessage());
        return 1;
      }
    }
    if (c instanceof Ast.ArithFor f) {
      return arithFor(f, state, io);
    }
    if (c instanceof Ast.Conditional k) {
      return checked(conditional(k, state, io), state);
    }
    if (c instanceof Ast.Case k) {
      return caseCommand(k, state, io);
    }
    if (c instanceof Ast.FunctionDef f) {
      state.defineFunction(f.name(), f.body(), f.text());
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
    state.loopDepth(state.loopDepth() + 1);
    try {
      for (String value : values) {
        checkCancelled();
        state.set(f.name(), value);
        try {
          status = script(f.body(), state, io);
        } catch (LoopControlException e) {
          status = e.status();
          if (!loopGoesOn(e)) {
            break;
          }
        }
      }
    } finally {
      state.loopDepth(state.loopDepth() - 1);
    }
    return status;
  }

  /** {@code case}: the first clause with a matching pattern runs; {@code ;&} and {@code ;;&} go on. */
  private int caseCommand(Ast.Case k, ShellState state, Io io) {
    Expander expander = expander(state, io);
    String subject;
    try {
      subject = expander.string(k.subject());
    } catch (Expander.ExpansionException e) {
      printError(io, e.getMessage());
      return 1;
    }
    int status = 0;
    boolean fallThrough = false;
    for (Ast.CaseItem item : k.items()) {
      checkCancelled();
      if (!fallThrough && !anyMatches(item.patterns(), subject, expander)) {
        continue;
      }
      status = script(item.body(), state, io);
      if (item.terminator().equals(";;")) {
        return status;
      }
      fallThrough = item.terminator().equals(";&");
    }
    return status;
  }

  /** {@code [[ … ]]}: 0 when true, 1 when false, 2 for a malformed regular expression. */
  private int conditional(Ast.Conditional k, ShellState state, Io io) {
    Conditions conditions = new Conditions(expander(state, io), state,
        args -> {
          List<String> argv = new ArrayList<>();
          argv.add("test");
          argv.addAll(args);
          return dispatch(argv, state, io, false);
        },
        this::checkCancelled);
    try {
      return conditions.evaluate(k.expression()) ? 0 : 1;
    } catch (Conditions.Failure e) {
      if (e.getMessage() != null) {
        printError(io, e.getMessage());
      }
      return e.status();
    } catch (Expander.ExpansionException e) {
      printError(io, e.getMessage());
      return 1;
    }
  }

  private static boolean anyMatches(List<Ast.Word> patterns, String subject, Expander expander) {
    for (Ast.Word pattern : patterns) {
      if (expander.pattern(pattern).matches(subject)) {
        return true;
      }
    }
    return false;
  }

  private long arithmetic(Ast.Word expression, ShellState state, Io io) {
    Expander expander = expander(state, io);
    return expander.arithmetic(expander.string(expression));
  }

  /** {@code for (( init; condition; step ))}: an empty condition is always true. */
  private int arithFor(Ast.ArithFor f, ShellState state, Io io) {
    int status = 0;
    state.loopDepth(state.loopDepth() + 1);
    try {
      arithmetic(f.init(), state, io);
      while (true) {
        checkCancelled();
        if (!f.condition().parts().isEmpty() && arithmetic(f.condition(), state, io) == 0) {
          break;
        }
        try {
          status = script(f.body(), state, io);
        } catch (LoopControlException e) {
          status = e.status();
          if (!loopGoesOn(e)) {
            break;
          }
        }
        arithmetic(f.step(), state, io);
      }
    } catch (Expander.ExpansionException e) {
      printError(io, "((: " + e.getMessage());
      return 1;
    } finally {
      state.loopDepth(state.loopDepth() - 1);
    }
    return status;
  }

  private int whileLoop(Ast.While w, ShellState state, Io io) {
    int status = 0;
    state.loopDepth(state.loopDepth() + 1);
    try {
      while (true) {
        checkCancelled();
        try {
          if ((ignoringErrexit(state, () -> script(w.condition(), state, io)) == 0) == w.until()) {
            break;
          }
          status = script(w.body(), state, io);
        } catch (LoopControlException e) {
          status = e.status();
          if (!loopGoesOn(e)) {
            break;
          }
        }
      }
    } finally {
      state.loopDepth(state.loopDepth() - 1);
    }
    return status;
  }

  private int simple(Ast.Simple s, ShellState state, Io io) {
    Expander expander = expander(state, io);
    List<String> argv;
    try {
      String first = s.words().isEmpty() ? null : s.words().get(0).literalText();
      if (first != null && DECLARATIONS.contains(first) && s.words().stream().anyMatch(Interpreter::isAssignWord)) {
        return checked(declare(first, s.words().subList(1, s.words().size()), state, io, expander), state);
      }
      argv = expander.fields(s.words());
      if (argv.isEmpty()) {
        for (Ast.Assignment a : s.assignments()) {
          assign(a, state, expander, io);
        }
        return checked(expander.substitutionStatus(), state);
      }
    } catch (Expander.ExpansionException e) {
      printError(io, e.getMessage());
      return 1;
    }
    ShellState target = state;
    if (!s.assignments().isEmpty() && SETS_VARIABLES.contains(argv.get(0))
        && !state.functions().containsKey(argv.get(0))) {
      return checked(withTemporaryAssignments(s, argv, state, io, expander), state);
    }
    if (!s.assignments().isEmpty()) {
      target = state.copyForCommand();
      for (Ast.Assignment a : s.assignments()) {
        assign(a, target, expander, io);
        target.export(a.name());
      }
    }
    trace(state, io, argv);
    return checked(invoke(argv, target, io, true), state);
  }

  /** Builtins that assign variables: {@code IFS=, read a b} sets {@code a} and {@code b} in the session. */
  private static final java.util.Set<String> SETS_VARIABLES = java.util.Set.of("read", "printf");

  /**
   * Runs a builtin that assigns variables with the line's prefix assignments in force only while
   * it runs, as bash does: what the builtin assigns stays, the prefix values are undone.
   */
  private int withTemporaryAssignments(Ast.Simple s, List<String> argv, ShellState state, Io io, Expander expander) {
    state.pushScope();
    try {
      for (Ast.Assignment a : s.assignments()) {
        state.makeLocal(a.name());
        assign(a, state, expander, io);
        state.export(a.name());
      }
      trace(state, io, argv);
      return invoke(argv, state, io, true);
    } finally {
      state.popScope();
    }
  }

  /** Commands that are part of bash itself: their errors carry the shell's prefix. */
  private static final java.util.Set<String> SHELL_BUILTINS = java.util.Set.of("echo", "printf", "read", "pwd", "cd",
      "export", "test", "[", "type", "eval", "source", ".", "trap", "wait", "jobs", "declare");

  private static final java.util.Set<String> DECLARATIONS = java.util.Set.of("declare", "typeset", "local");

  private static boolean isAssignWord(Ast.Word w) {
    return w.parts().size() == 1 && w.parts().get(0) instanceof Ast.AssignWord;
  }

  /**
   * One assignment: {@code x=v}, {@code x+=v}, {@code x[i]=v}, {@code x[i]+=v}, {@code x=(…)},
   * {@code x+=(…)}. An indexed array's subscripts are arithmetic, an associative array's are
   * strings.
   */
  private void assign(Ast.Assignment a, ShellState state, Expander expander, Io io) {
    String name = a.name();
    if (a.elements() != null) {
      boolean assoc = state.associative(name);
      Map<String, String> elements = ShellState.emptyArray(assoc);
      if (a.append()) {
        elements.putAll(arrayOf(name, state));
      }
      long next = nextIndex(elements, assoc);
      for (Ast.ArrayElement e : a.elements()) {
        if (e.index() != null) {
          String key = subscript(name, e.index(), elements, state, expander);
          elements.put(key, expander.string(e.value()));
          if (!assoc) {
            next = Long.parseLong(key) + 1;
          }
        } else if (assoc) {
          throw new Expander.ExpansionException(name + ": " + expander.string(e.value())
              + ": must use subscript when assigning associative array");
        } else {
          for (String value : expander.fields(List.of(e.value()))) {
            elements.put(Long.toString(next++), value);
          }
        }
      }
      traceAssignment(state, io, name + (a.append() ? "+=(" : "=(") + String.join(" ", elements.values()) + ")");
      state.setArray(name, elements, assoc);
      return;
    }
    String value = expander.string(a.value());
    if (a.index() != null) {
      boolean assoc = state.associative(name);
      Map<String, String> elements = ShellState.emptyArray(assoc);
      elements.putAll(arrayOf(name, state));
      String key = subscript(name, a.index(), elements, state, expander);
      traceAssignment(state, io, name + "[" + key + "]" + (a.append() ? "+=" : "=") + traceQuoted(value));
      elements.put(key, a.append() && elements.get(key) != null ? elements.get(key) + value : value);
      state.setArray(name, elements, assoc);
      return;
    }
    traceAssignment(state, io, name + (a.append() ? "+=" : "=") + traceQuoted(value));
    String old = state.get(name);
    state.set(name, a.append() && old != null ? old + value : value);
  }

  /** A variable's elements: an array's, or a set scalar as element 0. */
  private static Map<String, String> arrayOf(String name, ShellState state) {
    Map<String, String> array = state.array(name);
    if (array != null) {
      return array;
    }
    String value = state.get(name);
    return value == null ? Map.of() : Map.of("0", value);
  }

  private static long nextIndex(Map<String, String> elements, boolean assoc) {
    if (assoc || elements.isEmpty()) {
      return 0;
    }
    return Long.parseLong(((java.util.SortedMap<String, String>) elements).lastKey()) + 1;
  }

  /** The key of {@code name[index]}: the string for an associative array, else the arithmetic value. */
  private static String subscript(String name, Ast.Word index, Map<String, String> elements, ShellState state,
      Expander expander) {
    String text = expander.string(index);
    if (state.associative(name)) {
      return text;
    }
    long i = expander.arithmetic(text);
    if (i < 0) {
      i += nextIndex(elements, false);
      if (i < 0) {
        throw new Expander.ExpansionException(name + "[" + text + "]: bad array subscript");
      }
    }
    return Long.toString(i);
  }

  /**
   * {@code declare}/{@code typeset}/{@code local} with options {@code -a} (indexed array), {@code
   * -A} (associative array), {@code -x} (export) and {@code -g} (global); inside a function the
   * names are local unless {@code -g}.
   */
  private int declare(String command, List<Ast.Word> args, ShellState state, Io io, Expander expander) {
    boolean inFunction = state.functionDepth() > 0;
    if (command.equals("local") && !inFunction) {
      printError(io, "local: can only be used in a function");
      return 1;
    }
    boolean indexed = false;
    boolean assoc = false;
    boolean export = false;
    boolean global = false;
    boolean print = false;
    boolean printed = false;
    int status = 0;
    for (Ast.Word w : args) {
      Ast.Assignment assignment = isAssignWord(w) ? ((Ast.AssignWord) w.parts().get(0)).assignment() : null;
      if (assignment == null) {
        for (String arg : expander.fields(List.of(w))) {
          if (arg.equals("--")) {
            continue;
          }
          if (arg.length() > 1 && (arg.startsWith("-") || arg.startsWith("+"))) {
            for (char c : arg.substring(1).toCharArray()) {
              switch (c) {
                case 'a' -> indexed = true;
                case 'A' -> assoc = true;
                case 'x' -> export = true;
                case 'g' -> global = true;
                case 'p' -> print = true;
                default -> {
                  printError(io, command + ": -" + c + ": invalid option");
                  return 2;
                }
              }
            }
            continue;
          }
          if (print) {
            printed = true;
            if (!printDeclaration(arg, state, io)) {
              printError(io, command + ": " + arg + ": not found");
              status = 1;
            }
            continue;
          }
          int eq = arg.indexOf('=');
          String name = eq < 0 ? arg : arg.substring(0, eq);
          if (!ShellState.isName(name)) {
            printError(io, command + ": `" + arg + "': not a valid identifier");
            status = 1;
            continue;
          }
          if (!declareName(name, state, inFunction && !global, indexed, assoc, io, command)) {
            status = 1;
            continue;
          }
          if (eq >= 0) {
            state.set(name, arg.substring(eq + 1));
          }
          if (export) {
            state.export(name);
          }
        }
        continue;
      }
      if (!declareName(assignment.name(), state, inFunction && !global, indexed, assoc, io, command)) {
        status = 1;
        continue;
      }
      assign(assignment, state, expander, io);
      if (export) {
        state.export(assignment.name());
      }
    }
    if (print && !printed) {
      for (String name : state.namesStartingWith("")) {
        printDeclaration(name, state, io);
      }
    }
    return status;
  }

  /**
   * {@code declare -p NAME}: the variable as a {@code declare} command bash would read back
   * ({@code declare -x v="1"}, {@code declare -a a=([0]="x")}); false when it is not set. An
   * associative array's keys are listed newest first.
   */
  private static boolean printDeclaration(String name, ShellState state, Io io) {
    Map<String, String> array = state.array(name);
    String value = state.get(name);
    boolean exported = state.exported(name);
    if (array == null && value == null && !exported) {
      return false;
    }
    boolean assoc = state.associative(name);
    String flags = (array == null ? "" : assoc ? "A" : "a") + (exported ? "x" : "");
    StringBuilder sb = new StringBuilder("declare -").append(flags.isEmpty() ? "-" : flags).append(' ').append(name);
    if (array != null) {
      List<Map.Entry<String, String>> entries = new ArrayList<>(array.entrySet());
      if (assoc) {
        java.util.Collections.reverse(entries);
      }
      sb.append("=(");
      for (int i = 0; i < entries.size(); i++) {
        Map.Entry<String, String> e = entries.get(i);
        sb.append(i == 0 ? "" : " ").append('[').append(assoc ? declaredKey(e.getKey()) : e.getKey()).append("]=")
            .append(ShellQuote.declared(e.getValue()));
      }
      sb.append(assoc && !entries.isEmpty() ? " )" : ")");
    } else if (value != null) {
      sb.append('=').append(ShellQuote.declared(value));
    }
    printLine(io.out(), sb.toString());
    return true;
  }

  /** An associative array's key as {@code declare -p} shows it: quoted when the shell would split it. */
  private static String declaredKey(String key) {
    return key.isEmpty() || key.chars().anyMatch(c -> " \t\n'\"\\|&;()<>!{}*[?]^$`".indexOf(c) >= 0)
        ? ShellQuote.declared(key) : key;
  }

  /** Makes {@code name} local when asked and gives it the array kind asked for; false when it cannot. */
  private static boolean declareName(String name, ShellState state, boolean local, boolean indexed, boolean assoc,
      Io io, String command) {
    if (local) {
      state.makeLocal(name);
    }
    Map<String, String> array = state.array(name);
    if (assoc && array != null && !state.associative(name)) {
      printError(io, command + ": " + name + ": cannot convert indexed to associative array");
      return false;
    }
    if (indexed && state.associative(name)) {
      printError(io, command + ": " + name + ": cannot convert associative to indexed array");
      return false;
    }
    if (assoc && array == null) {
      state.setArray(name, Map.of(), true);
    } else if (indexed && array == null) {
      state.setArray(name, arrayOf(name, state), false);
    }
    return true;
  }

  /** {@code set -x}: the command about to run, on stderr after {@code +}. */
  private static void trace(ShellState state, Io io, List<String> words) {
    if (!state.option("xtrace")) {
      return;
    }
    StringBuilder sb = new StringBuilder("+");
    for (String w : words) {
      sb.append(' ').append(traceQuoted(w));
    }
    printLine(io.err(), sb.toString());
  }

  private static void traceAssignment(ShellState state, Io io, String text) {
    if (state.option("xtrace")) {
      printLine(io.err(), "+ " + text);
    }
  }

  private static String traceQuoted(String word) {
    if (!word.isEmpty() && word.chars().noneMatch(c -> " \t\n'\"\\|&;()<>$`*?[]#~{}!".indexOf(c) >= 0)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * Runs a command by name, once the gate (if any) admits it: every command the line runs, however
   * it is reached, comes through here. A refused one exits 126, as bash's non-executable file does.
   */
  private int invoke(List<String> argv, ShellState state, Io io, boolean functions) {
    if (gate != null && !gate.admits(argv, state, functions && state.functions().containsKey(argv.get(0)))) {
      printLine(io.err(), argv.get(0) + ": Permission denied");
      return 126;
    }
    return dispatch(argv, state, io, functions);
  }

  /** Runs a command by name: a function (unless bypassed), a shell-level builtin, or a builtin. */
  private int dispatch(List<String> argv, ShellState state, Io io, boolean functions) {
    String name = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    Ast.Command function = functions ? state.functions().get(name) : null;
    if (function != null) {
      return callFunction(name, function, args, state, io);
    }
    switch (name) {
      case "command":
        if (args.isEmpty() || !args.get(0).startsWith("-")) {
          return args.isEmpty() ? 0 : invoke(args, state, io, false);
        }
        break; // options: the command builtin
      case "eval":
        return eval(args, state, io);
      case "source", ".":
        return source(name, args, state, io);
      case "trap":
        return TrapBuiltin.run(args, state, io.out(), io.err());
      case "exec":
        throw new ExitException(args.isEmpty() ? 0 : invoke(args, state, io, false));
      case "exit":
        throw new ExitException(exitStatus(args, state, io));
      case "unset":
        return unset(args, state, io);
      case ":":
        return 0;
      case "set":
        return SetBuiltin.run(args, state, io.out(), io.err());
      case "shift":
        return shift(args, state, io);
      case "break", "continue":
        return loopControl(name, args, state, io);
      case "return":
        return returnFromFunction(args, state, io);
      case "wait":
        return JobBuiltins.waitFor(args, state, io, this::checkInterrupted);
      case "jobs":
        return JobBuiltins.jobs(args, state, io);
      case "local", "declare", "typeset": {
        List<Ast.Word> words = new ArrayList<>();
        for (String arg : args) {
          words.add(new Ast.Word(List.of(new Ast.Quoted(arg))));
        }
        return declare(name, words, state, io, expander(state, io));
      }
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
    } catch (Descriptor.BadDescriptorException e) {
      printLine(io.err(), (SHELL_BUILTINS.contains(name) ? "mirage: " : "") + name + ": " + e.getMessage());
      return 1;
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
    int loops = state.loopDepth();
    state.positional(args);
    state.functionDepth(depth + 1);
    state.loopDepth(0);
    state.pushScope();
    try {
      return command(body, state, io);
    } catch (ReturnException e) {
      return e.status();
    } finally {
      state.popScope();
      state.positional(saved);
      state.functionDepth(depth);
      state.loopDepth(loops);
    }
  }

  /** {@code eval ARGS}: the arguments joined by spaces, parsed and run in the current shell. */
  private int eval(List<String> args, ShellState state, Io io) {
    String text = String.join(" ", args);
    Ast.Script script = parseNested("eval", text, state, io);
    if (script == null) {
      return 2;
    }
    return nested(state, () -> script(script, state, io));
  }

  /**
   * {@code source FILE [ARGS]} and {@code . FILE [ARGS]}: the file's commands run in the current
   * shell; with arguments they are its positional parameters while it runs; {@code return} ends it.
   */
  private int source(String name, List<String> args, ShellState state, Io io) {
    if (args.isEmpty()) {
      printError(io, name + ": filename argument required");
      printLine(io.err(), name + ": usage: " + name + " filename [arguments]");
      return 2;
    }
    String file = args.get(0);
    String text;
    try {
      text = new String(fs.read(PathNames.resolve(state.cwd(), file)), StandardCharsets.UTF_8);
    } catch (ResourceException e) {
      printError(io, file + ": " + e.reason().posixMessage());
      return 1;
    }
    Ast.Script script = parseNested(file, text, state, io);
    if (script == null) {
      return 2;
    }
    List<String> saved = state.positional();
    boolean withArgs = args.size() > 1;
    if (withArgs) {
      state.positional(args.subList(1, args.size()));
    }
    state.sourceDepth(state.sourceDepth() + 1);
    try {
      return nested(state, () -> script(script, state, io));
    } catch (ReturnException e) {
      return e.status();
    } finally {
      state.sourceDepth(state.sourceDepth() - 1);
      if (withArgs) {
        state.positional(saved);
      }
    }
  }

  /** The script in {@code text}, or null after reporting why it cannot run (prefixed with {@code where}). */
  private static Ast.Script parseNested(String where, String text, ShellState state, Io io) {
    if (text.length() > Shell.MAX_LINE_LENGTH) {
      printError(io, where + ": command line too long: " + text.length() + " characters (the limit is "
          + Shell.MAX_LINE_LENGTH + ")");
      return null;
    }
    if (state.evalDepth() >= Shell.MAX_FUNCTION_NESTING) {
      printError(io, where + ": maximum eval and source nesting level exceeded (" + Shell.MAX_FUNCTION_NESTING + ")");
      throw new ExitException(1);
    }
    try {
      return Parser.parse(text);
    } catch (ShellSyntaxException e) {
      printError(io, where + ": " + e.getMessage());
      return null;
    }
  }

  /** Runs {@code body} one {@code eval}/{@code source} level deeper. */
  private static int nested(ShellState state, IntSupplier body) {
    state.evalDepth(state.evalDepth() + 1);
    try {
      return body.getAsInt();
    } finally {
      state.evalDepth(state.evalDepth() - 1);
    }
  }

  /** {@code shift [n]}: drops the first n positional parameters. */
  private static int shift(List<String> args, ShellState state, Io io) {
    long n = 1;
    if (!args.isEmpty()) {
      Long parsed = number(args.get(0));
      if (parsed == null) {
        printError(io, "shift: " + args.get(0) + ": numeric argument required");
        return 1;
      }
      if (parsed < 0) {
        printError(io, "shift: " + args.get(0) + ": shift count out of range");
        return 1;
      }
      n = parsed;
    }
    List<String> positional = state.positional();
    if (n > positional.size()) {
      return 1;
    }
    state.positional(positional.subList((int) n, positional.size()));
    return 0;
  }

  /** {@code break [n]} and {@code continue [n]}, with bash's messages and statuses. */
  private static int loopControl(String name, List<String> args, ShellState state, Io io) {
    if (state.loopDepth() == 0) {
      printError(io, name + ": only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    int levels = 1;
    int status = 0;
    boolean next = name.equals("continue");
    if (!args.isEmpty()) {
      Long n = number(args.get(0));
      if (n == null) {
        printError(io, name + ": " + args.get(0) + ": numeric argument required");
        throw new ExitException(128);
      }
      if (args.size() > 1) {
        printError(io, name + ": too many arguments");
        throw new ExitException(1);
      }
      if (n < 1) {
        printError(io, name + ": " + args.get(0) + ": loop count out of range");
        status = 1;
        next = false;
      } else {
        levels = (int) Math.min(n, state.loopDepth());
      }
    }
    throw new LoopControlException(next, levels, status);
  }

  /** {@code return [n]}: ends the running function with status n (or {@code $?}). */
  private static int returnFromFunction(List<String> args, ShellState state, Io io) {
    if (state.functionDepth() == 0 && state.sourceDepth() == 0) {
      printError(io, "return: can only `return' from a function or sourced script");
      return 2;
    }
    if (args.isEmpty()) {
      throw new ReturnException(state.lastStatus());
    }
    Long n = number(args.get(0));
    if (n == null) {
      printError(io, "return: " + args.get(0) + ": numeric argument required");
      throw new ReturnException(2);
    }
    if (args.size() > 1) {
      printError(io, "return: too many arguments");
      throw new ExitException(1);
    }
    throw new ReturnException((int) (n & 0xff));
  }

  /** A number as bash's builtins take one (blanks around, a sign), or null. */
  private static Long number(String text) {
    String t = text.strip();
    if (!t.matches("[-+]?[0-9]{1,18}")) {
      return null;
    }
    return Long.parseLong(t);
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

  private int unset(List<String> args, ShellState state, Io io) {
    boolean functions = !args.isEmpty() && args.get(0).equals("-f");
    int from = !args.isEmpty() && (args.get(0).equals("-f") || args.get(0).equals("-v")) ? 1 : 0;
    for (String name : args.subList(from, args.size())) {
      int bracket = name.indexOf('[');
      if (functions) {
        state.functions().remove(name);
      } else if (bracket > 0 && name.endsWith("]") && state.array(name.substring(0, bracket)) != null) {
        String array = name.substring(0, bracket);
        Map<String, String> elements = ShellState.emptyArray(state.associative(array));
        elements.putAll(state.array(array));
        String sub = name.substring(bracket + 1, name.length() - 1);
        if (sub.equals("@") || sub.equals("*")) {
          state.unset(array);
          continue;
        }
        elements.remove(subscript(array, new Ast.Word(List.of(new Ast.Quoted(sub))), elements, state, expander(state, io)));
        state.setArray(array, elements, state.associative(array));
      } else {
        state.unset(name);
      }
    }
    return 0;
  }

  private Expander expander(ShellState state, Io io) {
    return new Expander(state, fs, this.substitution(state, io), message -> printError(io, message));
  }

  private Expander.Substitution substitution(ShellState state, Io io) {
    return script -> {
      CappedOutputStream captured = new CappedOutputStream(outputLimit);
      ShellState copy = state.copyListingJobs();
      copy.option("errexit", false);
      int status;
      try {
        Io captureIo = new Io(io.in(), captured, io.err());
        status = subshell(copy, captureIo, true, () -> script(script, copy, captureIo));
      } catch (OutputLimitException e) {
        if (!captured.exceeded()) {
          throw e;
        }
        throw new Expander.ExpansionException("command substitution: output longer than " + outputLimit + " bytes");
      }
      state.lastStatus(status);
      return new String(captured.toByteArray(), StandardCharsets.UTF_8);
    };
  }

  /** Throws when the line was stopped, or when its thread was interrupted (cancelled). */
  private void checkCancelled() {
    checkInterrupted();
    endStageIfItsPipeBroke();
  }

  /** Throws when the line was stopped, or when this thread was interrupted. */
  private void checkInterrupted() {
    line.check();
    if (Thread.currentThread().isInterrupted()) {
      throw new CancelledException();
    }
  }

  /**
   * A pipeline stage whose pipe's reader has gone ends at its next command with status 141, as
   * SIGPIPE ends the subshell that runs a stage in bash: {@code while :; do echo y; done | head -n 1}
   * ends once {@code head} does.
   */
  private static void endStageIfItsPipeBroke() {
    PipeWriteEnd pipe = STAGE_PIPE.get();
    if (pipe != null && pipe.broken()) {
      throw new StageBrokenPipe();
    }
  }

  /** Ends a pipeline stage whose pipe is broken; {@link #runStage} turns it into status 141. */
  private static final class StageBrokenPipe extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StageBrokenPipe() {
      super("Broken pipe", null, false, false);
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
