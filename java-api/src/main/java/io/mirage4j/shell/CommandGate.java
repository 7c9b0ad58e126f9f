package io.mirage4j.shell;

import java.util.List;

/**
 * Decides, just before the shell runs a command, whether it may run. The shell asks for every
 * command it is about to run, wherever it comes from: a simple command, a pipeline stage, a
 * subshell, a function body, {@code $( )}, {@code eval} and {@code source}, and the commands that
 * {@code command}, {@code exec}, {@code env}, {@code xargs}, {@code find -exec}, {@code timeout}
 * and {@code awk}'s {@code system()} run. The words are the command's after expansion, so a
 * variable or a glob cannot hide what runs. A refused command exits 126 with {@code <name>:
 * Permission denied} on stderr, as bash reports a file it may not execute, and the line goes on.
 *
 * <pre>{@code
 * CommandGate noRm = (argv, state, function) -> !argv.get(0).equals("rm");
 * }</pre>
 */
@FunctionalInterface
public interface CommandGate {

  /**
   * Whether {@code argv} may run now.
   *
   * @param argv the command's name and arguments, expanded
   * @param state the state it would run in (its working directory resolves relative paths)
   * @param function whether the name is a shell function of that state
   */
  boolean admits(List<String> argv, ShellState state, boolean function);
}
