package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.util.List;

/** {@code pwd}: prints the session's working directory. */
final class Pwd implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    ctx.out().print(ctx.state().cwd() + "\n");
    return 0;
  }
}
