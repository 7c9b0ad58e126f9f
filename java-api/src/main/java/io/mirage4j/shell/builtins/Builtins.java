package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import java.util.Map;

/** The commands every workspace has. */
public final class Builtins {
  private Builtins() {}

  /** Name to command, for the shell's lookup. */
  public static Map<String, Builtin> standard() {
    Python python = new Python();
    return Map.of(
        "cd", new Cd(),
        "echo", new Echo(),
        "export", new Export(),
        "pwd", new Pwd(),
        "python", python,
        "python3", python);
  }
}
