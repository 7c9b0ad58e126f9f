package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.util.List;

/** {@code export NAME=VALUE...}: sets variables in the session's environment. */
final class Export implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    int status = 0;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        ctx.err().print(ctx.name() + ": `" + arg + "': not a valid identifier\n");
        status = 1;
      } else {
        if (eq >= 0) {
          ctx.state().set(name, arg.substring(eq + 1));
        }
        ctx.state().export(name);
      }
    }
    return status;
  }
}
