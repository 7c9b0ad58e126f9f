package io.mirage4j.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The mutable state a shell session keeps between commands: environment and working directory.
 * Not thread-safe; a session runs one command line at a time.
 */
public final class ShellState {
  private final Map<String, String> env;
  private String cwd;

  public ShellState(Map<String, String> env, String cwd) {
    this.env = new LinkedHashMap<>(env);
    this.cwd = Objects.requireNonNull(cwd, "cwd");
  }

  /** A copy that can change without touching this one, as a subshell {@code ( … )} does. */
  public ShellState copy() {
    return new ShellState(env, cwd);
  }

  /** The exported environment, live: changes are the session's. */
  public Map<String, String> env() {
    return env;
  }

  public String cwd() {
    return cwd;
  }

  public void cwd(String cwd) {
    this.cwd = Objects.requireNonNull(cwd, "cwd");
  }
}
