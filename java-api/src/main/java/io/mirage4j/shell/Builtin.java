package io.mirage4j.shell;

import java.io.IOException;
import java.util.List;

/**
 * A command the shell runs in-process. Like a real program it reads {@code stdin}, writes {@code
 * stdout} and {@code stderr}, and returns an exit status; failures are reported that way, not
 * thrown.
 *
 * <pre>{@code
 * Builtin hello = (ctx, args) -> {
 *   ctx.out().println("hello " + String.join(" ", args));
 *   return 0;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Builtin {

  /**
   * Runs the command.
   *
   * @param ctx streams, session state and services
   * @param args the arguments after the command name
   * @return the exit status, 0 to 255
   * @throws IOException when a stream fails; the shell reports it and returns 1
   */
  int run(CommandContext ctx, List<String> args) throws IOException;
}
