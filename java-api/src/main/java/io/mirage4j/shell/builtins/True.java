package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.util.List;

/** {@code true}: does nothing, successfully; arguments are ignored. */
final class True implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    return 0;
  }
}
