package io.mirage4j.shell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code set}: the options {@code -e} (errexit), {@code -u} (nounset), {@code -x} (xtrace) and
 * {@code -o pipefail} (each turned off with {@code +}), and the positional parameters ({@code set
 * -- a b}, {@code set a b}). Bash's messages for an unknown option or option name.
 */
final class SetBuiltin {
  private static final Map<Character, String> LETTERS = Map.of('e', "errexit", 'u', "nounset", 'x', "xtrace");
  private static final List<String> NAMES = List.of("errexit", "nounset", "pipefail", "xtrace");
  private static final String USAGE = "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]";

  private SetBuiltin() {}

  static int run(List<String> args, ShellState state, OutputStream out, OutputStream err) {
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int i = 0;
    while (i < args.size()) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        state.positional(args.subList(i + 1, args.size()));
        return 0;
      }
      if (arg.equals("-") || arg.equals("+")) {
        i++;
        break;
      }
      if (arg.length() < 2 || arg.charAt(0) != '-' && arg.charAt(0) != '+') {
        break;
      }
      boolean on = arg.charAt(0) == '-';
      for (int k = 1; k < arg.length(); k++) {
        char c = arg.charAt(k);
        if (c == 'o') {
          if (i + 1 >= args.size()) {
            return 0;
          }
          String name = args.get(++i);
          if (!NAMES.contains(name)) {
            e.print("mirage: set: " + name + ": invalid option name\n");
            return 2;
          }
          state.option(name, on);
        } else if (LETTERS.containsKey(c)) {
          state.option(LETTERS.get(c), on);
        } else {
          e.print("mirage: set: " + arg.charAt(0) + c + ": invalid option\n" + USAGE + "\n");
          return 2;
        }
      }
      i++;
    }
    if (i < args.size()) {
      state.positional(args.subList(i, args.size()));
    }
    return 0;
  }
}
