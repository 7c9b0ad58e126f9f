package io.mirage4j.fs;

/**
 * What a mount allows. Modes are ordered: each one includes the ones before it.
 *
 * <ul>
 *   <li>{@link #READ}: files can be read and listed;
 *   <li>{@link #WRITE}: also created, changed, renamed and removed;
 *   <li>{@link #EXEC}: also run as scripts ({@code python3 /mount/script.py}).
 * </ul>
 *
 * A change to a mount that does not allow it fails as on a read-only filesystem.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder().mount("/in", Resources.inMemory(), Mode.READ).build();
 * ws.execute("echo x > /in/x").stderrText(); // "mirage: /in/x: Read-only file system\n"
 * Mode.WRITE.allows(Mode.READ);               // true
 * }</pre>
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
