package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.ShellState;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code env [-i] [-0] [-u NAME]... [-C DIR] [NAME=VALUE]... [COMMAND [ARG]...]}: runs COMMAND
 * with the exported environment changed as given ({@code -i} starts empty, {@code -u} removes a
 * variable, {@code -C} starts in another directory), or without a command prints that
 * environment as {@code NAME=value} lines ({@code -0}: NUL-terminated), in the order the
 * variables were defined. The command is a program, so shell functions are not visible to it.
 */
final class Env extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("ignore-environment", 'i', "unset", 'u',
      "null", '0', "chdir", 'C');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "+iu:0C:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 125);
    }
    List<String> operands = o.operands();
    boolean empty = o.has('i');
    if (!operands.isEmpty() && operands.get(0).equals("-")) {
      empty = true;
      operands = operands.subList(1, operands.size());
    }
    Map<String, String> env = empty ? new LinkedHashMap<>() : new LinkedHashMap<>(t.state().env());
    String dir = null;
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 'u') {
        env.remove(opt.value());
      } else if (opt.name() == 'C') {
        dir = opt.value();
      }
    }
    int i = 0;
    for (; i < operands.size() && operands.get(i).indexOf('=') >= 0; i++) {
      String operand = operands.get(i);
      int eq = operand.indexOf('=');
      env.put(operand.substring(0, eq), operand.substring(eq + 1));
    }
    List<String> command = operands.subList(i, operands.size());
    if (command.isEmpty()) {
      if (dir != null) {
        t.error("must specify command with --chdir (-C)");
        return t.usage((String) null, 125);
      }
      char end = o.has('0') ? '\0' : '\n';
      StringBuilder sb = new StringBuilder();
      env.forEach((name, value) -> sb.append(name).append('=').append(value).append(end));
      t.print(sb.toString());
      return 0;
    }
    if (o.has('0')) {
      t.error("cannot specify --null (-0) with command");
      return t.usage((String) null, 125);
    }
    String cwd = t.state().cwd();
    if (dir != null) {
      try {
        FileStat stat = t.stat(dir);
        if (!stat.isDirectory()) {
          t.error("cannot change directory to " + Quote.always(dir) + ": Not a directory");
          return 125;
        }
      } catch (ResourceException e) {
        t.error("cannot change directory to " + Quote.always(dir) + ": " + Tool.message(e));
        return 125;
      }
      cwd = t.resolve(dir);
    }
    if (!t.ctx().programs().has(command.get(0))) {
      t.error(Quote.plain(command.get(0)) + ": No such file or directory");
      return 127;
    }
    t.flush();
    ShellState state = new ShellState(env, cwd);
    return t.ctx().programs().run(command, state, t.ctx().stdin(), t.ctx().stdout(), t.ctx().stderr());
  }
}
