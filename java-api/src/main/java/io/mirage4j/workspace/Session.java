package io.mirage4j.workspace;

import io.mirage4j.shell.Shell;
import io.mirage4j.shell.ShellState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A shell session of a {@link Workspace}: its environment and working directory last from one
 * command line to the next ({@code export}, {@code cd}). A workspace can have several sessions;
 * each runs its command lines one at a time.
 *
 * <pre>{@code
 * Session s = ws.newSession();
 * s.execute("export GREETING=hi");
 * s.execute("python3 -c 'import os; print(os.environ[\"GREETING\"])'").stdoutText(); // "hi\n"
 * }</pre>
 */
public final class Session {
  private final Supplier<Shell> shell;
  private final ShellState state;

  Session(Supplier<Shell> shell, ShellState state) {
    this.shell = shell;
    this.state = state;
  }

  /** Runs one command line in this session. */
  public synchronized ExecResult execute(String commandLine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = shell.get().run(commandLine, state, new ByteArrayInputStream(new byte[0]), out, err);
    return new ExecResult(out.toByteArray(), err.toByteArray(), status);
  }

  /** A copy of the session's environment. */
  public synchronized Map<String, String> env() {
    return Map.copyOf(state.env());
  }

  /** The session's working directory. */
  public synchronized String cwd() {
    return state.cwd();
  }
}
