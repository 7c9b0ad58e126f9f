package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code printenv [NAME]...}: the exported environment as {@code NAME=value} lines, or the values
 * of the variables named (status 1 when one of them is not exported).
 */
final class Printenv extends Coreutil {

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "");
    } catch (Getopt.UsageException e) {
      return t.usage(e, 2);
    }
    Map<String, String> env = t.state().env();
    StringBuilder sb = new StringBuilder();
    if (o.operands().isEmpty()) {
      env.forEach((name, value) -> sb.append(name).append('=').append(value).append('\n'));
      t.print(sb.toString());
      return 0;
    }
    int status = 0;
    for (String name : o.operands()) {
      String value = name.indexOf('=') >= 0 ? null : env.get(name);
      if (value == null) {
        status = 1;
      } else {
        sb.append(value).append('\n');
      }
    }
    t.print(sb.toString());
    return status;
  }
}
