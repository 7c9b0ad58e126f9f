package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.util.List;

/** {@code echo [ARG]...}: prints its arguments separated by spaces, then a newline. */
final class Echo implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    ctx.out().print(String.join(" ", args) + "\n");
    return 0;
  }
}
