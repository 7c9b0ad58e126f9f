package io.mirage4j.python;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where the program of a {@code python3} call comes from: code given with {@code -c}, a module
 * with {@code -m}, a script file, a directory or zip file holding {@code __main__.py}, or standard
 * input. A {@link PythonRuntime} gets it as {@link PythonRun#program()} and tells them apart:
 *
 * <pre>{@code
 * String filename = run.program() instanceof PythonProgram.Script s ? s.path() : "<string>";
 * }</pre>
 */
public sealed interface PythonProgram
    permits PythonProgram.Cell, PythonProgram.Command, PythonProgram.Module, PythonProgram.Script, PythonProgram.Application,
        PythonProgram.Stdin {

  /**
   * A cell of a Python session ({@code Workspace.pythonSession}): it runs in the session's
   * {@code __main__}, which lasts from cell to cell, compiled as {@code <cell N>}; when it ends with
   * an expression, that expression's value comes back as {@link PythonResult#value()}. Only a
   * runtime made for one session runs cells ({@link PythonRuntimeProvider#createSession}).
   *
   * <p>An {@code interactive} cell is what an interactive console was given so far, as CPython's
   * prompt loop compiles it ({@code <stdin>}, {@code single} mode): when it needs more lines nothing
   * runs ({@link PythonResult.CellEnd#INCOMPLETE}); otherwise an expression statement's value is
   * printed with {@code repr} (by {@code sys.displayhook}), and {@code SystemExit} ends it with
   * {@link PythonResult.CellEnd#EXITED}.
   */
  record Cell(String code, boolean interactive) implements PythonProgram {
    public Cell {
      Objects.requireNonNull(code, "code");
    }

    /** A cell that is not interactive. */
    public Cell(String code) {
      this(code, false);
    }
  }

  /** {@code python3 -c CODE}: compiled as {@code <string>}. */
  record Command(String code) implements PythonProgram {
    public Command {
      Objects.requireNonNull(code, "code");
    }
  }

  /** {@code python3 -m NAME}: run by {@code runpy} as {@code __main__}. */
  record Module(String name) implements PythonProgram {
    public Module {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * {@code python3 FILE}: a script read through the mounts.
   *
   * @param path the script's absolute path as resolved, not normalised ({@code /w/./app/f.py}):
   *     its {@code __file__}
   * @param source the file's bytes (decoded by Python, PEP 263)
   */
  record Script(String path, byte[] source) implements PythonProgram {
    public Script {
      Objects.requireNonNull(path, "path");
      source = source.clone();
    }

    @Override
    public byte[] source() {
      return source.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Script s && path.equals(s.path) && Arrays.equals(source, s.source);
    }

    @Override
    public int hashCode() {
      return 31 * path.hashCode() + Arrays.hashCode(source);
    }

    @Override
    public String toString() {
      return "Script[path=" + path + ", source=" + source.length + " bytes]";
    }
  }

  /**
   * {@code python3 DIR} or {@code python3 FILE.zip}: a directory, or a zip file (a {@code .pyz}
   * with a {@code #!} line in front too), that holds {@code __main__.py}. As in CPython, its path
   * goes in front of {@code sys.path} and {@code runpy} runs {@code __main__} from it; a file that
   * turns out not to be a zip archive runs as a script.
   *
   * @param path the operand made absolute as CPython makes it (the working directory for {@code
   *     .}, else not normalised: {@code /w/./app/}): {@code sys.path[0]}, and the place named by
   *     {@code can't find '__main__' module in '/w/app'}
   */
  record Application(String path) implements PythonProgram {
    public Application {
      Objects.requireNonNull(path, "path");
    }
  }

  /** {@code python3 -} or {@code python3} with a program on standard input: {@code <stdin>}. */
  record Stdin(byte[] source) implements PythonProgram {
    public Stdin {
      source = source.clone();
    }

    @Override
    public byte[] source() {
      return source.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Stdin s && Arrays.equals(source, s.source);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(source);
    }

    @Override
    public String toString() {
      return "Stdin[source=" + source.length + " bytes]";
    }
  }
}
