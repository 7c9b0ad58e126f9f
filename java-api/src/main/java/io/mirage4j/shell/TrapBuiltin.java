package io.mirage4j.shell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code trap}: {@code trap 'cmds' EXIT} runs {@code cmds} when the shell (the command line, a
 * subshell, a command substitution) ends, also after {@code exit}; {@code trap - EXIT} removes
 * it; {@code trap -p [SIG…]} and {@code trap} alone list the traps as bash does. Signals are
 * accepted, listed and never delivered: nothing can send one to a command line of this shell.
 * {@code ERR}, {@code DEBUG} and {@code RETURN} traps are refused rather than ignored.
 */
final class TrapBuiltin {
  private static final String USAGE = "trap: usage: trap [-lp] [[arg] signal_spec ...]";
  private static final String[] NAMES = {"EXIT", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
      "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
      "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
      "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

  private TrapBuiltin() {}

  static int run(List<String> args, ShellState state, OutputStream out, OutputStream err) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> rest = new ArrayList<>(args);
    boolean print = false;
    while (!rest.isEmpty() && rest.get(0).startsWith("-") && rest.get(0).length() > 1) {
      String option = rest.remove(0);
      if (option.equals("--")) {
        break;
      }
      if (!option.equals("-p")) {
        e.print("mirage: trap: " + option + ": invalid option\n" + USAGE + "\n");
        return 2;
      }
      print = true;
    }
    Map<Integer, String> traps = state.traps();
    if (rest.isEmpty() || print) {
      int status = 0;
      if (rest.isEmpty()) {
        traps.forEach((n, action) -> o.print(line(n, action)));
      }
      for (String spec : rest) {
        Integer n = number(spec);
        if (n == null) {
          e.print("mirage: trap: " + spec + ": invalid signal specification\n");
          status = 1;
        } else if (traps.containsKey(n)) {
          o.print(line(n, traps.get(n)));
        }
      }
      return status;
    }
    if (rest.size() == 1) {
      if (number(rest.get(0)) == null) {
        e.print(USAGE + "\n");
        return 2;
      }
      rest.add(0, "-");
    }
    String action = rest.get(0);
    int status = 0;
    for (String spec : rest.subList(1, rest.size())) {
      String upper = spec.toUpperCase(Locale.ROOT);
      if (upper.equals("ERR") || upper.equals("DEBUG") || upper.equals("RETURN")) {
        e.print("mirage: trap: " + spec + ": not supported\n");
        status = 1;
        continue;
      }
      Integer n = number(spec);
      if (n == null) {
        e.print("mirage: trap: " + spec + ": invalid signal specification\n");
        status = 1;
      } else if (action.equals("-")) {
        traps.remove(n);
      } else {
        traps.put(n, action);
      }
    }
    return status;
  }

  private static String line(int n, String action) {
    return "trap -- '" + action.replace("'", "'\\''") + "' " + name(n) + "\n";
  }

  private static String name(int n) {
    if (n < NAMES.length) {
      return NAMES[n];
    }
    if (n == 34) {
      return "SIGRTMIN";
    }
    if (n == 64) {
      return "SIGRTMAX";
    }
    return n < 50 ? "SIGRTMIN+" + (n - 34) : "SIGRTMAX-" + (64 - n);
  }

  /** The signal {@code spec} names (a number, or a name with or without {@code SIG}), or null. */
  private static Integer number(String spec) {
    if (spec.matches("[0-9]{1,2}")) {
      int n = Integer.parseInt(spec);
      return n < NAMES.length || n >= 34 && n <= 64 ? n : null;
    }
    String upper = spec.toUpperCase(Locale.ROOT);
    String full = upper.startsWith("SIG") ? upper : "SIG" + upper;
    for (int n = 0; n <= 64; n++) {
      if (n >= NAMES.length && n < 34) {
        continue;
      }
      if (name(n).equals(full) || n == 0 && upper.equals("EXIT")) {
        return n;
      }
    }
    return null;
  }
}
