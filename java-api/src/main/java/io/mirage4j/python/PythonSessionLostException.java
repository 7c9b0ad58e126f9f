package io.mirage4j.python;

import io.mirage4j.MirageException;

/**
 * A Python session's state is gone: its interpreter was replaced since the session's last cell
 * (the runtime crashed or was stopped, a cell ended it with {@code os._exit}, or left it unusable,
 * or it grew past its memory limit). The cell that finds out does not run; the session's next cell
 * starts in a fresh namespace.
 *
 * <pre>{@code
 * try {
 *   session.run("len(rows)");
 * } catch (PythonSessionLostException e) {
 *   session.run("rows = load()"); // start over
 * }
 * }</pre>
 */
public class PythonSessionLostException extends MirageException {
  private static final long serialVersionUID = 1L;

  public PythonSessionLostException(String message) {
    super(message);
  }
}
