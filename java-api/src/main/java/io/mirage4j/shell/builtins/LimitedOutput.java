package io.mirage4j.shell.builtins;

import io.mirage4j.js.JsOutput;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.shell.CommandContext;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A program's output (python3's, js's) written to the command's stdout and stderr as it comes,
 * up to the line's output limit per stream. A program that writes more is stopped by its runtime,
 * which may have handed over a few bytes too many of the stream it overflowed: those are dropped,
 * and the call fails as a process that hit its limit.
 */
final class LimitedOutput implements PythonOutput, JsOutput {
  private final CommandContext ctx;
  private final long limit;
  private long stdoutSize;
  private long stderrSize;

  LimitedOutput(CommandContext ctx) {
    this.ctx = ctx;
    this.limit = ctx.outputLimit();
  }

  @Override
  public void stdout(byte[] bytes) throws IOException {
    stdoutSize = write(ctx.stdout(), bytes, stdoutSize);
  }

  @Override
  public void stderr(byte[] bytes) throws IOException {
    stderrSize = write(ctx.stderr(), bytes, stderrSize);
  }

  private long write(OutputStream stream, byte[] bytes, long written) throws IOException {
    int fits = (int) Math.max(0, Math.min(bytes.length, limit - written));
    if (fits > 0) {
      stream.write(bytes, 0, fits);
      stream.flush();
    }
    return written + bytes.length;
  }

  /** The command's exit status: the program's, or 1 with a message when it wrote past the limit. */
  int report(int exitCode) {
    if (stdoutSize > limit || stderrSize > limit) {
      ctx.error("output truncated: the program wrote more than " + limit + " bytes to "
          + (stdoutSize > limit ? "stdout" : "stderr") + " and was stopped");
      return 1;
    }
    return exitCode;
  }
}
