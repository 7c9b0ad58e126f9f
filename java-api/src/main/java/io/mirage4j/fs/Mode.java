package io.mirage4j.fs;

/**
 * What a mount allows. Modes are ordered: each one includes the ones before it.
 *
 * <ul>
 *   <li>{@link #READ}: files can be read and listed;
 *   <li>{@link #WRITE}: also created, changed, renamed and removed;
 *   <li>{@link #EXEC}: also run as scripts ({@code python3 /mount/script.py}).
 * </ul>
 */
public enum Mode {
  READ,
  WRITE,
  EXEC;

  /** Whether this mode includes {@code needed}. */
  public boolean allows(Mode needed) {
    return compareTo(needed) >= 0;
  }
}
