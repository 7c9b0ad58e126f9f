package io.mirage4j.shell.builtins.sed;

/**
 * A script GNU sed would refuse, with its message ({@code unterminated `s' command}) and where it
 * was found: the offset in the whole script just after the character that showed the error.
 *
 * <pre>{@code
 * try {
 *   ScriptParser.parse(List.of(new ScriptParser.Piece("s/a/b", false)), options);
 * } catch (SedException e) {
 *   System.err.println(e.getMessage()); // -e expression #1, char 5: unterminated `s' command
 * }
 * }</pre>
 */
public final class SedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Exit status of a script error; {@link #PANIC} for errors found once the script is read. */
  public static final int BAD_USAGE = 1;

  /** Exit status of GNU sed's "panic" errors (a missing label, an unwritable file). */
  public static final int PANIC = 4;

  private final int status;

  public SedException(String message, int status) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The exit status sed ends with. */
  public int status() {
    return status;
  }
}
