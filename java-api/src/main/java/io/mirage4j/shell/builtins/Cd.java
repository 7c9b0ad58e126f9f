package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.util.List;

/** {@code cd [DIR|-]}: changes the working directory; no argument goes to {@code $HOME}. */
final class Cd implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    if (args.size() > 1) {
      ctx.error("too many arguments");
      return 1;
    }
    String operand;
    boolean printNew = false;
    if (args.isEmpty()) {
      operand = ctx.state().get("HOME");
      if (operand == null) {
        ctx.error("HOME not set");
        return 1;
      }
    } else if (args.get(0).equals("-")) {
      operand = ctx.state().previousCwd();
      if (operand == null) {
        ctx.error("OLDPWD not set");
        return 1;
      }
      printNew = true;
    } else {
      operand = args.get(0);
    }
    String target = ctx.resolve(operand);
    try {
      if (!ctx.fs().stat(target).isDirectory()) {
        throw new ResourceException(ResourceException.Reason.NOT_A_DIRECTORY, target);
      }
    } catch (ResourceException e) {
      ctx.error(operand + ": " + e.reason().posixMessage());
      return 1;
    }
    ctx.state().cwd(target);
    if (printNew) {
      ctx.out().print(target + "\n");
    }
    return 0;
  }
}
