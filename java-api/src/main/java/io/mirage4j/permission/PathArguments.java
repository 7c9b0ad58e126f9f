package io.mirage4j.permission;

import io.mirage4j.fs.PathNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths a command names, for path scopes, approvals and {@code explain}: its operands (the
 * words that are not options), resolved against the working directory. It errs towards naming
 * too much: an option's value ({@code head -n 5}) counts as a path, which can only keep a scoped
 * {@code allow} from matching. Commands that take no paths name none; {@code grep}, {@code sed},
 * {@code awk} and {@code jq} skip their first operand (the program) unless it was given as an
 * option; {@code ls}, {@code find}, {@code du} and {@code tree} without operands name the working
 * directory; {@code python3}, {@code js} and {@code node} name their script, if any; commands that run other commands ({@code
 * env}, {@code xargs}, {@code timeout}, {@code command}, {@code exec}) name none themselves: the
 * command they run is checked in its turn.
 */
final class PathArguments {
  private static final Set<String> NONE = Set.of(":", "true", "false", "exit", "return", "break", "continue", "shift",
      "set", "local", "declare", "typeset", "unset", "export", "eval", "command", "exec", "pwd", "echo", "printf",
      "test", "[", "read", "wait", "jobs", "trap", "type", "which", "history", "expr", "seq", "sleep", "yes", "bc",
      "basename", "dirname", "date", "env", "printenv", "xargs", "timeout");
  private static final Set<String> PROGRAM_FIRST = Set.of("grep", "egrep", "fgrep", "sed", "awk", "jq");
  private static final Set<String> CWD_BY_DEFAULT = Set.of("ls", "find", "du", "tree");

  private PathArguments() {}

  static List<String> of(List<String> argv, String cwd) {
    String name = argv.get(0);
    if (NONE.contains(name)) {
      return List.of();
    }
    List<String> args = argv.subList(1, argv.size());
    List<String> operands = switch (name) {
      case "find" -> findOperands(args);
      case "python3", "python" -> scriptOperand(args);
      case "js", "node" -> jsScriptOperand(args);
      default -> operands(name, args);
    };
    if (operands.isEmpty() && CWD_BY_DEFAULT.contains(name)) {
      return List.of(cwd);
    }
    Set<String> paths = new LinkedHashSet<>();
    for (String operand : operands) {
      paths.add(PathNames.resolve(cwd, operand));
    }
    return List.copyOf(paths);
  }

  private static List<String> operands(String name, List<String> args) {
    List<String> operands = new ArrayList<>();
    boolean programGiven = false;
    boolean options = true;
    for (String arg : args) {
      if (options && arg.equals("--")) {
        options = false;
      } else if (options && arg.startsWith("-") && arg.length() > 1) {
        programGiven |= arg.equals("-e") || arg.equals("-f") || arg.startsWith("--expression") || arg.startsWith("--file")
            || arg.equals("--from-file");
      } else {
        operands.add(arg);
      }
    }
    if (PROGRAM_FIRST.contains(name) && !programGiven && !operands.isEmpty()) {
      operands.remove(0);
    }
    return operands;
  }

  /** {@code js}'s script, when the program is one: the first operand; none for {@code -e} and {@code -p}. */
  private static List<String> jsScriptOperand(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-e") || arg.equals("-p") || arg.startsWith("--eval") || arg.startsWith("--print") || arg.equals("-")) {
        return List.of();
      }
      if (arg.equals("--")) {
        return i + 1 < args.size() && !args.get(i + 1).equals("-") ? List.of(args.get(i + 1)) : List.of();
      }
      if (!arg.startsWith("-")) {
        return List.of(arg);
      }
    }
    return List.of();
  }

  /** {@code find}'s starting points: the words before its expression. */
  private static List<String> findOperands(List<String> args) {
    List<String> operands = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("-") || arg.equals("(") || arg.equals("!")) {
        break;
      }
      operands.add(arg);
    }
    return operands;
  }

  /** {@code python3}'s script, when the program is one: the first operand; none for {@code -c} and {@code -m}. */
  private static List<String> scriptOperand(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("-c") || arg.startsWith("-m") || arg.equals("-")) {
        return List.of();
      }
      if (arg.equals("-W") || arg.equals("-X")) {
        i++;
      } else if (!arg.startsWith("-") || arg.length() == 1) {
        return List.of(arg);
      }
    }
    return List.of();
  }
}
