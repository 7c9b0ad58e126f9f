package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.Programs;
import io.mirage4j.shell.ShellState;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code timeout [-k DURATION] [-s SIGNAL] [-v] [--preserve-status] [--foreground] DURATION
 * COMMAND [ARG]...}: runs COMMAND as a program on a thread of the line's budget and stops it once
 * DURATION ({@code 1.5}, {@code 2s}, {@code 3m}, {@code 1h}, {@code 1d}; {@code 0} for none) has
 * passed. A command that ends in time gives its own status; one that is stopped gives 124, or
 * with {@code --preserve-status} 128 plus the signal's number (143 for {@code TERM}); {@code -s
 * KILL} gives 137. Stopping interrupts the command (a builtin ends at its next read, write or
 * wait); with {@code -k} timeout waits at most that long more for it to end, and gives 137 if it
 * has not. Bad usage is 125, a command that is a file but no program 126, an unknown one 127.
 */
final class Timeout extends Coreutil {
  private static final char PRESERVE = '\u0001';
  private static final char FOREGROUND = '\u0002';
  private static final Map<String, Character> LONGS = Map.of("kill-after", 'k', "signal", 's', "verbose", 'v',
      "preserve-status", PRESERVE, "foreground", FOREGROUND);
  private static final List<String> SIGNALS = List.of("EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
      "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
      "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS");
  private static final int KILL = 9;

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "+k:s:v", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 125);
    }
    int signal = 15;
    long killAfter = -1;
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 's') {
        signal = signal(opt.value());
        if (signal < 0) {
          return t.usage(Quote.plain(opt.value()) + ": invalid signal", 125);
        }
      } else if (opt.name() == 'k') {
        killAfter = nanos(opt.value());
        if (killAfter < 0) {
          return t.usage("invalid time interval " + Quote.plain(opt.value()), 125);
        }
      }
    }
    List<String> operands = o.operands();
    if (operands.size() < 2) {
      return t.usage((String) null, 125);
    }
    long limit = nanos(operands.get(0));
    if (limit < 0) {
      return t.usage("invalid time interval " + Quote.plain(operands.get(0)), 125);
    }
    List<String> command = List.copyOf(operands.subList(1, operands.size()));
    String name = command.get(0);
    Programs programs = t.ctx().programs();
    if (!programs.has(name)) {
      int status = name.contains("/") && exists(t, name) ? 126 : 127;
      t.error("failed to run command " + Quote.plain(name) + ": "
          + (status == 126 ? "Permission denied" : "No such file or directory"));
      return status;
    }
    t.flush();
    ShellState state = new ShellState(t.state().env(), t.state().cwd());
    AtomicInteger result = new AtomicInteger(-1);
    Runnable job = () -> result.set(programs.run(command, state, t.ctx().stdin(), t.ctx().stdout(), t.ctx().stderr()));
    Thread thread = programs.start(job);
    if (thread == null) {
      t.error("cannot run command " + Quote.plain(name) + ": no shell thread is free");
      return 125;
    }
    try {
      if (!joined(thread, limit == 0 ? Long.MAX_VALUE : limit)) {
        if (o.has('v')) {
          t.error("sending signal " + SIGNALS.get(signal) + " to command " + Quote.plain(name));
        }
        thread.interrupt();
        if (!joined(thread, killAfter < 0 ? Long.MAX_VALUE : killAfter)) {
          if (o.has('v')) {
            t.error("sending signal KILL to command " + Quote.plain(name));
          }
          return 128 + KILL;
        }
        return signal == KILL ? 128 + KILL : o.has(PRESERVE) ? 128 + signal : 124;
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      throw new InterruptedIOException();
    }
    return result.get();
  }

  /** Waits up to {@code nanos} for {@code thread} to end; whether it did. */
  private static boolean joined(Thread thread, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; thread.isAlive() && left > 0; left = deadline - System.nanoTime()) {
      thread.join(Math.max(1, Math.min(left / 1_000_000L, Long.MAX_VALUE / 2)));
    }
    return !thread.isAlive();
  }

  private static boolean exists(Tool t, String name) {
    try {
      t.stat(name);
      return true;
    } catch (ResourceException e) {
      return false;
    }
  }

  /** A signal's number from its name ({@code TERM}, {@code SIGTERM}, any case) or number; -1 if none. */
  static int signal(String text) {
    if (text.matches("[0-9]{1,3}")) {
      int n = Integer.parseInt(text);
      return n > 0 && n < SIGNALS.size() ? n : -1;
    }
    String upper = text.toUpperCase(Locale.ROOT);
    int at = SIGNALS.indexOf(upper.startsWith("SIG") ? upper.substring(3) : upper);
    return at > 0 ? at : -1;
  }

  /** A duration in nanoseconds, as {@code sleep} reads one, or -1 when it is not one. */
  static long nanos(String text) {
    LongDouble.Parsed p = LongDouble.parse(text, 0);
    int end = p.end();
    int multiplier = 1;
    if (end > 0 && end == text.length() - 1) {
      multiplier = switch (text.charAt(end)) {
        case 's' -> 1;
        case 'm' -> 60;
        case 'h' -> 3600;
        case 'd' -> 86400;
        default -> 0;
      };
      end = multiplier == 0 ? end : text.length();
    }
    if (end == 0 || end != text.length() || p.value().isNaN() || p.value().negative()) {
      return -1;
    }
    if (!p.value().isFinite()) {
      return 0;
    }
    BigDecimal nanos = p.value().value().multiply(BigDecimal.valueOf(multiplier * 1_000_000_000L));
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return 0;
    }
    long n = nanos.setScale(0, java.math.RoundingMode.CEILING).longValue();
    return n;
  }
}
