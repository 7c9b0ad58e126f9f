package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

/**
 * A command that writes through a {@link Tool}: output is buffered and flushed at the end, a
 * closed pipe ends it quietly with status 141 (as SIGPIPE does), an interrupt with 130.
 */
abstract class Coreutil implements Builtin {

  @Override
  public final int run(CommandContext ctx, List<String> args) throws IOException {
    Tool tool = new Tool(ctx);
    try {
      int status = run(tool, args);
      tool.flush();
      return status;
    } catch (Tool.BrokenPipe e) {
      return 141;
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      flushQuietly(tool);
      return 130;
    } catch (IOException | RuntimeException e) {
      flushQuietly(tool);
      throw e;
    }
  }

  abstract int run(Tool tool, List<String> args) throws IOException;

  private static void flushQuietly(Tool tool) {
    try {
      tool.flush();
    } catch (IOException | Tool.BrokenPipe e) {
      // the command's own failure is what gets reported
    }
  }
}
