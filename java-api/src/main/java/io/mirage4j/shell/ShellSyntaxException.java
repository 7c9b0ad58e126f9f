package io.mirage4j.shell;

import io.mirage4j.MirageException;

/** A command line that does not parse. The shell reports it as exit status 2. */
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
