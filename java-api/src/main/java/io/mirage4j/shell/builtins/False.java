package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.util.List;

/** {@code false}: does nothing, unsuccessfully (status 1); arguments are ignored. */
final class False implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    return 1;
  }
}
