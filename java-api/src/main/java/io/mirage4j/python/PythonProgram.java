package io.mirage4j.python;

import java.util.Objects;

/** Where the program of a {@code python3} call comes from. */
public sealed interface PythonProgram permits PythonProgram.Command {

  /**
   * Source code given on the command line ({@code python3 -c CODE}); its file name is {@code
   * <string>}.
   */
  record Command(String code) implements PythonProgram {
    public Command {
      Objects.requireNonNull(code, "code");
    }
  }
}
