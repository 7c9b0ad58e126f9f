package io.mirage4j.shell;

import java.nio.charset.StandardCharsets;

/**
 * What the shell reports when a line outgrows its thread's stack despite the nesting limits
 * (a function body nested deep, called deep; or a host thread with a tiny stack).
 */
final class StackDepth {
  static final String TEXT = "nesting too deep for the thread's stack";
  static final byte[] MESSAGE = ("mirage: " + TEXT + "\n").getBytes(StandardCharsets.UTF_8);

  private StackDepth() {}
}
