package io.mirage4j.tools;

import java.io.OutputStream;

/**
 * What the caller of a tool offers it while it runs: where a command's output goes as it is
 * written, for a host that shows a long command's progress (the result still holds all of it).
 *
 * <pre>{@code
 * tools.call("shell", Json.object("command", "for i in 1 2 3; do echo $i; sleep 1; done"),
 *     new ToolCall(System.out, System.err)); // 1, 2, 3 appear a second apart
 * }</pre>
 *
 * @param liveStdout receives standard output as it is written, or null
 * @param liveStderr receives standard error as it is written, or null
 */
public record ToolCall(OutputStream liveStdout, OutputStream liveStderr) {

  /** A call whose output is received only in its result. */
  public static ToolCall quiet() {
    return new ToolCall(null, null);
  }
}
