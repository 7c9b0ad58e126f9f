package io.mirage4j.tools;

/**
 * The arguments of a tool call do not match its schema: a required one missing, one of the wrong
 * type or out of range, or one the tool does not know. Nothing ran.
 *
 * <pre>{@code
 * try {
 *   tools.call("read", Json.object("file", "/x"), ToolCall.quiet());
 * } catch (ToolArgumentException e) {
 *   e.getMessage(); // "read: unknown argument \"file\"; expected path, offset, limit"
 * }
 * }</pre>
 */
public final class ToolArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ToolArgumentException(String message) {
    super(message);
  }
}
