package io.mirage4j.shell.builtins;

import io.mirage4j.fs.Mount;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.util.List;
import java.util.Optional;

/** {@code cd DIR}: changes the session's working directory to a directory on a mount. */
final class Cd implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    if (args.size() != 1) {
      ctx.err().print(ctx.name() + ": " + (args.isEmpty() ? "missing operand" : "too many arguments") + "\n");
      return 1;
    }
    String target = PathNames.resolve(ctx.state().cwd(), args.get(0));
    Optional<Mount> mount = ctx.mounts().owner(target);
    try {
      if (mount.isEmpty()) {
        throw new ResourceException(ResourceException.Reason.NOT_FOUND, target);
      }
      if (!mount.get().resource().stat(mount.get().relative(target)).isDirectory()) {
        throw new ResourceException(ResourceException.Reason.NOT_A_DIRECTORY, target);
      }
    } catch (ResourceException e) {
      ctx.err().print(ctx.name() + ": " + args.get(0) + ": " + e.reason().posixMessage() + "\n");
      return 1;
    }
    ctx.state().cwd(target);
    return 0;
  }
}
