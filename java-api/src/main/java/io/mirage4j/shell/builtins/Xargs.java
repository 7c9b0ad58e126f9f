package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Programs;
import io.mirage4j.shell.ShellState;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code xargs [-0] [-d DELIM] [-n MAX] [-L MAX] [-I REPL|-i] [-r] [-P MAX] [-t] [-s MAX] [-E EOF]
 * [COMMAND [ARG]...]}: runs COMMAND ({@code echo} by default) with the arguments read from
 * standard input added, as many per run as {@code -n}, {@code -L} and the 128 KiB command line
 * allow; {@code -I} runs it once per line with REPL replaced. Arguments are read as they are
 * needed, so an endless input runs commands as it comes. {@code -P} runs up to MAX commands at
 * once, each on one of the workspace's shell threads (fewer when the budget has none left). The
 * status is 123 when a run failed, 124 when one exited 255, 127 when the command does not exist.
 */
final class Xargs extends Coreutil {
  private static final Map<String, Character> LONGS = Map.ofEntries(Map.entry("null", '0'),
      Map.entry("delimiter", 'd'), Map.entry("max-args", 'n'), Map.entry("max-lines", 'L'),
      Map.entry("no-run-if-empty", 'r'), Map.entry("max-procs", 'P'), Map.entry("verbose", 't'),
      Map.entry("max-chars", 's'), Map.entry("eof", 'E'), Map.entry("exit", 'x'), Map.entry("replace", 'i'));
  private static final long COMMAND_BUFFER = 131072;

  /** A malformed option value; the message is xargs'. */
  private static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  /** A reason to stop running commands, with xargs' status. */
  private static final class Abort extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Abort(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  private Tool t;
  private Programs programs;
  private boolean trace;
  private int maxProcs = 1;
  private final Deque<Thread> running = new ArrayDeque<>();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger abortStatus = new AtomicInteger();
  private volatile String abortMessage;
  /** The status an unmatched quote leaves once what was read has run. */
  private int pendingStatus;

  @Override
  int run(Tool tool, List<String> args) throws IOException {
    return new Xargs().runOnce(tool, args);
  }

  private int runOnce(Tool tool, List<String> args) throws IOException {
    t = tool;
    programs = tool.ctx().programs();
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "+0d:n:L:I:irP:ts:E:x", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    Integer delimiter = null;
    long maxArgs = 0;
    long maxLines = 0;
    String replace = null;
    long maxChars = COMMAND_BUFFER;
    String eof = null;
    try {
      for (Getopt.Option opt : o.options()) {
        switch (opt.name()) {
          case '0' -> delimiter = 0;
          case 'd' -> delimiter = delimiter(opt.value());
          case 'n' -> {
            maxArgs = number(opt.value(), 'n', 1);
            maxLines = 0;
          }
          case 'L' -> {
            maxLines = number(opt.value(), 'L', 1);
            maxArgs = 0;
          }
          case 'I' -> replace = opt.value();
          case 'i' -> replace = "{}";
          case 'P' -> maxProcs = (int) Math.min(Integer.MAX_VALUE, number(opt.value(), 'P', 0));
          case 's' -> maxChars = number(opt.value(), 's', 1);
          case 'E' -> eof = opt.value().isEmpty() ? null : opt.value();
          case 't' -> trace = true;
          default -> {
            // -r, -x: read below
          }
        }
      }
    } catch (BadValue e) {
      return t.usage(e.getMessage(), 1);
    } catch (Abort e) {
      return e.status;
    }
    if (maxProcs == 0) {
      maxProcs = Integer.MAX_VALUE;
    }
    List<String> command = o.operands().isEmpty() ? List.of("echo") : o.operands();
    XargsInput input = new XargsInput(t.stdin(), delimiter, replace != null && delimiter == null);
    int status;
    try {
      status = replace != null
          ? eachLine(input, command, replace, delimiter == null ? eof : null)
          : batches(input, command, maxArgs, maxLines, maxChars, delimiter == null ? eof : null, o.has('r'));
    } catch (Abort e) {
      status = e.status;
    }
    waitAll();
    if (status == 0 && abortMessage != null) {
      t.error(abortMessage);
      status = abortStatus.get();
    }
    if (status == 0) {
      status = pendingStatus;
    }
    return status != 0 ? status : failed.get() != 0 ? 123 : 0;
  }

  private int eachLine(XargsInput input, List<String> command, String replace, String eof)
      throws IOException, Abort {
    String arg;
    while ((arg = nextArg(input, eof)) != null) {
      List<String> argv = new ArrayList<>();
      for (String word : command) {
        argv.add(word.replace(replace, arg));
      }
      launch(argv);
    }
    return 0;
  }

  private int batches(XargsInput input, List<String> command, long maxArgs, long maxLines, long maxChars, String eof,
      boolean noRunIfEmpty) throws IOException, Abort {
    long base = size(command);
    if (base > maxChars) {
      t.error("argument line too long");
      return 1;
    }
    List<String> batch = new ArrayList<>();
    long size = base;
    long lines = 0;
    boolean ran = false;
    String arg;
    while ((arg = nextArg(input, eof)) != null) {
      long argSize = arg.getBytes(StandardCharsets.UTF_8).length + 1L;
      if (base + argSize > maxChars) {
        if (!batch.isEmpty()) {
          run(command, batch);
        }
        t.error("argument line too long");
        return 1;
      }
      if (size + argSize > maxChars) {
        run(command, batch);
        ran = true;
        batch.clear();
        size = base;
        lines = 0;
      }
      batch.add(arg);
      size += argSize;
      if (input.lineEnded()) {
        lines++;
      }
      if (maxArgs > 0 && batch.size() >= maxArgs || maxLines > 0 && lines >= maxLines) {
        run(command, batch);
        ran = true;
        batch.clear();
        size = base;
        lines = 0;
      }
    }
    if (!batch.isEmpty() || !ran && !noRunIfEmpty) {
      run(command, batch);
    }
    return 0;
  }

  /** The next argument; an unmatched quote runs what was read and ends xargs with status 1. */
  private String nextArg(XargsInput input, String eof) throws IOException, Abort {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException();
    }
    String arg;
    try {
      arg = input.next();
    } catch (XargsInput.Unmatched e) {
      t.error(e.getMessage());
      pendingStatus = 1;
      return null;
    }
    return arg != null && arg.equals(eof) ? null : arg;
  }

  private void run(List<String> command, List<String> batch) throws IOException, Abort {
    List<String> argv = new ArrayList<>(command);
    argv.addAll(batch);
    launch(argv);
    if (pendingStatus != 0) {
      throw new Abort(pendingStatus);
    }
  }

  private void launch(List<String> argv) throws IOException, Abort {
    if (abortMessage != null) {
      throw new Abort(waitAndReport());
    }
    if (!programs.has(argv.get(0))) {
      waitAll();
      t.error(argv.get(0) + ": No such file or directory");
      throw new Abort(127);
    }
    if (trace) {
      t.flush();
      t.ctx().stderr().write((String.join(" ", argv) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    t.flush();
    List<String> args = List.copyOf(argv);
    Runnable job = () -> finished(args.get(0), runProgram(args));
    while (running.size() >= maxProcs) {
      join(running.removeFirst());
    }
    Thread thread = maxProcs > 1 ? programs.start(job) : null;
    while (thread == null && maxProcs > 1 && !running.isEmpty()) {
      join(running.removeFirst());
      thread = programs.start(job);
    }
    if (thread == null) {
      job.run();
    } else {
      running.addLast(thread);
    }
    if (abortMessage != null) {
      throw new Abort(waitAndReport());
    }
  }

  private int runProgram(List<String> argv) {
    ShellState state = new ShellState(t.state().env(), t.state().cwd());
    InputStream none = InputStream.nullInputStream();
    return programs.run(argv, state, none, t.ctx().stdout(), t.ctx().stderr());
  }

  private void finished(String name, int status) {
    if (status == 255) {
      abort(name + ": exited with status 255; aborting", 124);
    } else if (status == 141) {
      abort(name + ": terminated by signal 13", 125);
    } else if (status != 0) {
      failed.incrementAndGet();
    }
  }

  private synchronized void abort(String message, int status) {
    if (abortMessage == null) {
      abortMessage = message;
      abortStatus.set(status);
    }
  }

  private int waitAndReport() throws IOException {
    waitAll();
    t.error(abortMessage);
    return abortStatus.get();
  }

  /** Waits for every running command. */
  private void waitAll() throws IOException {
    while (!running.isEmpty()) {
      join(running.removeFirst());
    }
  }

  private static void join(Thread thread) throws InterruptedIOException {
    try {
      thread.join();
    } catch (InterruptedException e) {
      thread.interrupt();
      throw new InterruptedIOException();
    }
  }

  private static long size(List<String> argv) {
    long n = 0;
    for (String a : argv) {
      n += a.getBytes(StandardCharsets.UTF_8).length + 1L;
    }
    return n;
  }

  private static long number(String text, char option, long min) throws BadValue {
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new BadValue("invalid number \"" + text + "\" for -" + option + " option");
    }
    if (value < min) {
      throw new BadValue("value " + text + " for -" + option + " option should be >= " + min);
    }
    return value;
  }

  private int delimiter(String spec) throws Abort, IOException {
    byte[] b = spec.getBytes(StandardCharsets.UTF_8);
    if (b.length == 1) {
      return b[0] & 0xff;
    }
    if (b.length == 2 && b[0] == '\\') {
      switch (b[1]) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case '0':
          return 0;
        case '\\':
          return '\\';
        case 'a':
          return 7;
        case 'b':
          return '\b';
        case 'f':
          return '\f';
        case 'r':
          return '\r';
        case 'v':
          return 11;
        default:
          break;
      }
    }
    t.error("Invalid input delimiter specification " + spec
        + ": the delimiter must be either a single character or an escape sequence starting with \\.");
    throw new Abort(1);
  }
}
