package io.mirage4j.shell.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line options the way GNU {@code getopt_long} reads them: combined short flags ({@code
 * -rn}), an option's argument attached or next ({@code -n5}, {@code -n 5}), long options and their
 * unambiguous prefixes ({@code --recursive}, {@code --rec}), {@code --} to end the options, and
 * operands mixed with options unless the spec starts with {@code +}.
 */
final class Getopt {

  /** A malformed command line; the message is getopt's, e.g. {@code invalid option -- 'z'}. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** One option as given: its short name and its argument (null for a flag). */
  record Option(char name, String value) {}

  /** The options in the order given, and the operands. */
  record Parsed(List<Option> options, List<String> operands) {
    boolean has(char name) {
      return options.stream().anyMatch(o -> o.name() == name);
    }
  }

  private Getopt() {}

  static Parsed parse(List<String> args, String spec) throws UsageException {
    return parse(args, spec, Map.of());
  }

  /**
   * @param spec the short options: a letter per flag, a letter and {@code :} per option that
   *     takes an argument; a leading {@code +} stops at the first operand
   * @param longs long option names to the short option they mean
   */
  static Parsed parse(List<String> args, String spec, Map<String, Character> longs) throws UsageException {
    boolean inOrder = spec.startsWith("+");
    List<Option> options = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (arg.startsWith("--")) {
        i = longOption(args, i, spec, longs, options);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        i = shortOptions(args, i, spec, options);
      } else if (inOrder) {
        operands.addAll(args.subList(i, args.size()));
        break;
      } else {
        operands.add(arg);
      }
    }
    return new Parsed(options, operands);
  }

  private static int shortOptions(List<String> args, int i, String spec, List<Option> options) throws UsageException {
    String arg = args.get(i);
    for (int j = 1; j < arg.length(); j++) {
      char c = arg.charAt(j);
      int at = c == ':' || c == '+' ? -1 : spec.indexOf(c);
      if (at < 0) {
        throw new UsageException("invalid option -- '" + c + "'");
      }
      if (at + 1 < spec.length() && spec.charAt(at + 1) == ':') {
        if (j + 1 < arg.length()) {
          options.add(new Option(c, arg.substring(j + 1)));
        } else if (i + 1 < args.size()) {
          options.add(new Option(c, args.get(++i)));
        } else {
          throw new UsageException("option requires an argument -- '" + c + "'");
        }
        return i;
      }
      options.add(new Option(c, null));
    }
    return i;
  }

  private static int longOption(List<String> args, int i, String spec, Map<String, Character> longs,
      List<Option> options) throws UsageException {
    String arg = args.get(i);
    int eq = arg.indexOf('=');
    String name = arg.substring(2, eq < 0 ? arg.length() : eq);
    String full = longs.containsKey(name) ? name : null;
    if (full == null) {
      List<String> candidates = longs.keySet().stream().filter(k -> k.startsWith(name)).sorted().toList();
      if (candidates.size() > 1 && candidates.stream().map(longs::get).distinct().count() > 1) {
        StringBuilder sb = new StringBuilder("option '--" + name + "' is ambiguous; possibilities:");
        candidates.forEach(c -> sb.append(" '--").append(c).append('\''));
        throw new UsageException(sb.toString());
      }
      if (candidates.isEmpty()) {
        throw new UsageException("unrecognized option '" + arg + "'");
      }
      full = candidates.get(0);
    }
    char c = longs.get(full);
    int at = spec.indexOf(c);
    boolean takesArgument = at >= 0 && at + 1 < spec.length() && spec.charAt(at + 1) == ':';
    if (!takesArgument) {
      if (eq >= 0) {
        throw new UsageException("option '--" + full + "' doesn't allow an argument");
      }
      options.add(new Option(c, null));
      return i;
    }
    if (eq >= 0) {
      options.add(new Option(c, arg.substring(eq + 1)));
    } else if (i + 1 < args.size()) {
      options.add(new Option(c, args.get(++i)));
    } else {
      throw new UsageException("option '--" + full + "' requires an argument");
    }
    return i;
  }
}
