package io.mirage4j.sidecar;

import io.mirage4j.MirageException;

/**
 * The Node sidecar went away while calls were pending. The next call starts a fresh one; the
 * failed call is never replayed, since it may already have changed files. {@code python3} prints
 * its message and exits 1.
 *
 * <pre>{@code
 * ExecResult r = ws.execute("python3 -c 'while True: pass'"); // meanwhile the Node process is killed (kill -9)
 * r.exitCode();   // 1
 * r.stderrText(); // begins "python3: runtime crashed: the Python sidecar was killed by signal 9 (exit code 137); the next call starts a new one"
 * ws.execute("python3 -c 'print(1)'").exitCode(); // 0, in a fresh sidecar
 * }</pre>
 */
public class SidecarCrashedException extends MirageException {
  private static final long serialVersionUID = 1L;

  public SidecarCrashedException(String message, Throwable cause) {
    super(message, cause);
  }
}
