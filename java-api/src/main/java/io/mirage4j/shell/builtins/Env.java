package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code env [-i] [-u NAME]... [NAME=VALUE]...}: prints the exported environment as {@code
 * NAME=value} lines, in the order the variables were defined, after the changes given ({@code -i}
 * starts empty). Running a command with the changed environment is not supported: that is a
 * usage error (status 125).
 */
final class Env extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("ignore-environment", 'i', "unset", 'u');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "+iu:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 125);
    }
    Map<String, String> env = o.has('i') ? new LinkedHashMap<>() : new LinkedHashMap<>(t.state().env());
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 'u') {
        env.remove(opt.value());
      }
    }
    for (String operand : o.operands()) {
      int eq = operand.indexOf('=');
      if (eq <= 0) {
        return t.usage("running a command is not supported: " + Quote.always(operand), 125);
      }
      env.put(operand.substring(0, eq), operand.substring(eq + 1));
    }
    StringBuilder sb = new StringBuilder();
    env.forEach((name, value) -> sb.append(name).append('=').append(value).append('\n'));
    t.print(sb.toString());
    return 0;
  }
}
