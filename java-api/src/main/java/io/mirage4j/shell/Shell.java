package io.mirage4j.shell;

import io.mirage4j.fs.MountTable;
import io.mirage4j.python.PythonRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs command lines against a session's state, with the builtins it was given. */
public final class Shell {
  private final Map<String, Builtin> builtins;
  private final MountTable mounts;
  private final Supplier<PythonRuntime> python;
  private final Duration pythonTimeout;

  /**
   * @param pythonTimeout the time limit of each {@code python3} call, or {@code null} for none
   */
  public Shell(
      Map<String, Builtin> builtins, MountTable mounts, Supplier<PythonRuntime> python, Duration pythonTimeout) {
    this.builtins = Map.copyOf(builtins);
    this.mounts = mounts;
    this.python = python;
    this.pythonTimeout = pythonTimeout;
  }

  /**
   * Runs one command line.
   *
   * @return the exit status of the line
   */
  public int run(String line, ShellState state, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    List<String> words;
    try {
      words = WordSplitter.split(line);
    } catch (ShellSyntaxException e) {
      err.print("mirage: " + e.getMessage() + "\n");
      return 2;
    }
    if (words.isEmpty()) {
      return 0;
    }
    String name = words.get(0);
    Builtin builtin = builtins.get(name);
    if (builtin == null) {
      err.print(name + ": command not found\n");
      return 127;
    }
    CommandContext ctx = new CommandContext(name, stdin, stdout, stderr, state, mounts, python, pythonTimeout);
    try {
      return builtin.run(ctx, words.subList(1, words.size()));
    } catch (IOException e) {
      err.print(name + ": " + e.getMessage() + "\n");
      return 1;
    }
  }
}
