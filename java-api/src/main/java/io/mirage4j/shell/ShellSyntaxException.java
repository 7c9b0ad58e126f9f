package io.mirage4j.shell;

import io.mirage4j.MirageException;

/**
 * A command line that does not parse. {@link io.mirage4j.shell.syntax.Parser#parse} throws it; the
 * shell reports it on stderr with exit status 2, so a workspace's caller sees a result, not this
 * exception.
 *
 * <pre>{@code
 * ExecResult r = ws.execute("echo )");
 * r.exitCode();   // 2
 * r.stderrText(); // "mirage: syntax error near ')'\n"
 * }</pre>
 */
public class ShellSyntaxException extends MirageException {
  private static final long serialVersionUID = 1L;

  private final String near;

  public ShellSyntaxException(String near) {
    super("syntax error near '" + near + "'");
    this.near = near;
  }

  private ShellSyntaxException(String message, String near) {
    super(message);
    this.near = near;
  }

  /** Compound commands, substitutions or expansions nested deeper than {@code limit} levels. */
  public static ShellSyntaxException nestingTooDeep(int limit, String near) {
    return new ShellSyntaxException("syntax error: nesting deeper than " + limit + " levels", near);
  }

  /** The text at which parsing failed. */
  public String near() {
    return near;
  }
}
