package io.mirage4j.python;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a {@code python3} command line the way CPython does ({@code Python/getopt.c}): short
 * options may be combined ({@code -Bc CODE}), an option's argument may be attached ({@code
 * -cprint(1)}), {@code -c} and {@code -m} end the options, and every word after the program belongs
 * to it verbatim. Used by the {@code python3} builtin; not part of the stable API.
 *
 * <pre>{@code
 * PythonCommandLine.parse("python3", List.of("-B", "script.py", "--version"));
 * // Run[source=ScriptSource[path=script.py], programArgs=[--version], flags=PythonFlags[...], ...]
 * PythonCommandLine.parse("python3", List.of("-c"));
 * // Exit[status=2, stdout=, stderr=Argument expected for the -c option ...]
 * }</pre>
 */
public final class PythonCommandLine {
  private static final String WITH_ARGUMENT = "cmWX";
  private static final String IGNORED = "Sibdv";

  private PythonCommandLine() {}

  /** What a command line asks for. */
  public sealed interface Parsed permits Run, Exit, Version {}

  /** Print and stop: help, or a usage error. */
  public record Exit(int status, String stdout, String stderr) implements Parsed {}

  /** Print the interpreter's version ({@code -V}, {@code --version}) and stop. */
  public record Version() implements Parsed {}

  /**
   * Run a program.
   *
   * @param source where the program comes from
   * @param programArgs the words after the program: {@code sys.argv[1:]}
   * @param flags the options that change how it runs
   * @param warnings lines to print on stderr first (options the runtime ignores)
   */
  public record Run(Source source, List<String> programArgs, PythonFlags flags, List<String> warnings)
      implements Parsed {
    public Run {
      programArgs = List.copyOf(programArgs);
      warnings = List.copyOf(warnings);
    }
  }

  /** The program source named on the command line, before it is read. */
  public sealed interface Source permits CommandSource, ModuleSource, ScriptSource, StdinSource {}

  /** {@code -c CODE}. */
  public record CommandSource(String code) implements Source {}

  /** {@code -m NAME}. */
  public record ModuleSource(String name) implements Source {}

  /** {@code FILE}, as typed. */
  public record ScriptSource(String path) implements Source {}

  /** {@code -} ({@code dash} true), or no program at all: the program is read from stdin. */
  public record StdinSource(boolean dash) implements Source {}

  /** The two usage lines CPython prints after an error. */
  public static String usage(String label) {
    return "usage: " + label + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
        + "Try `python -h' for more information.\n";
  }

  /** Parses the words after the command name. */
  public static Parsed parse(String label, List<String> args) {
    return new Parser(label, args).parse();
  }

  private static final class Parser {
    private final String label;
    private final List<String> args;
    private int optimize;
    private boolean dontWriteBytecode;
    private boolean safePath;
    private boolean skipFirstLine;
    private boolean quiet;
    private boolean unbuffered;
    private boolean ignoreEnvironment;
    private boolean isolated;
    private boolean noUserSite;
    private final Set<Character> ignored = new LinkedHashSet<>();
    private final List<String> warnOptions = new ArrayList<>();
    private final List<String> xOptions = new ArrayList<>();
    private boolean help;
    private boolean version;

    Parser(String label, List<String> args) {
      this.label = label;
      this.args = args;
    }

    Parsed parse() {
      int i = 0;
      while (i < args.size()) {
        String arg = args.get(i);
        if (arg.equals("--")) {
          i++;
          break;
        }
        if (!arg.startsWith("-") || arg.equals("-")) {
          break;
        }
        if (arg.startsWith("--")) {
          Parsed error = longOption(arg.substring(2));
          if (error != null) {
            return error;
          }
          i++;
          continue;
        }
        for (int j = 1; j < arg.length(); j++) {
          char c = arg.charAt(j);
          if (WITH_ARGUMENT.indexOf(c) >= 0) {
            String value;
            if (j + 1 < arg.length()) {
              value = arg.substring(j + 1);
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              return usageError("Argument expected for the -" + c + " option\n");
            }
            if (c == 'c') {
              return finish(new CommandSource(value), args.subList(i + 1, args.size()));
            }
            if (c == 'm') {
              return finish(new ModuleSource(value), args.subList(i + 1, args.size()));
            }
            (c == 'W' ? warnOptions : xOptions).add(value);
            break;
          }
          Parsed error = shortFlag(c);
          if (error != null) {
            return error;
          }
        }
        i++;
      }
      if (i >= args.size()) {
        return finish(new StdinSource(false), List.of());
      }
      String operand = args.get(i);
      Source source = operand.equals("-") ? new StdinSource(true) : new ScriptSource(operand);
      return finish(source, args.subList(i + 1, args.size()));
    }

    private Parsed shortFlag(char c) {
      switch (c) {
        case 'B' -> dontWriteBytecode = true;
        case 'O' -> optimize++;
        case 'P' -> safePath = true;
        case 'x' -> skipFirstLine = true;
        case 'q' -> quiet = true;
        case 'u' -> unbuffered = true;
        case 'E' -> ignoreEnvironment = true;
        case 'I' -> isolated = true;
        case 's' -> noUserSite = true;
        case 'R' -> { }
        case 'h', '?' -> help = true;
        case 'V' -> version = true;
        default -> {
          if (IGNORED.indexOf(c) < 0) {
            return usageError("Unknown option: -" + c + "\n");
          }
          ignored.add(c);
        }
      }
      return null;
    }

    private Parsed longOption(String name) {
      switch (name) {
        case "help", "help-env", "help-xoptions", "help-all" -> help = true;
        case "version" -> version = true;
        default -> {
          return usageError("unknown option --" + name + "\n");
        }
      }
      return null;
    }

    private Parsed finish(Source source, List<String> programArgs) {
      if (help) {
        return new Exit(0, help(label), "");
      }
      if (version) {
        return new Version();
      }
      List<String> warnings = new ArrayList<>();
      for (char c : ignored) {
        warnings.add(label + ": warning: -" + c + " is ignored by the 'pyodide' runtime\n");
      }
      if (xOptions.contains("dev")) {
        warnings.add(label + ": warning: -X dev is ignored by the 'pyodide' runtime\n");
      }
      // -I is -E -P -s, and sys.flags shows all four.
      PythonFlags flags = new PythonFlags(optimize, dontWriteBytecode, safePath || isolated, skipFirstLine,
          warnOptions, xOptions, quiet, unbuffered, ignoreEnvironment || isolated, isolated, noUserSite || isolated,
          ignored.contains('S'));
      return new Run(source, programArgs, flags, warnings);
    }

    private Parsed usageError(String message) {
      return new Exit(2, "", message + usage(label));
    }
  }

  private static String help(String label) {
    return "usage: " + label + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
        + "Options (and corresponding environment variables):\n"
        + "-b     : issue warnings about str(bytes_instance), str(bytearray_instance)\n"
        + "         and comparing bytes/bytearray with str (ignored by the 'pyodide' runtime)\n"
        + "-B     : don't write .pyc files on import\n"
        + "-c cmd : program passed in as string (terminates option list)\n"
        + "-d     : turn on parser debugging output (ignored by the 'pyodide' runtime)\n"
        + "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
        + "-h     : print this help message and exit (also -? or --help)\n"
        + "-i     : inspect interactively after running script (ignored by the 'pyodide' runtime)\n"
        + "-I     : isolate Python from the user's environment (implies -E and -s)\n"
        + "-m mod : run library module as a script (terminates option list)\n"
        + "-O     : remove assert and __debug__-dependent statements\n"
        + "-OO    : do -O changes and also discard docstrings\n"
        + "-P     : don't prepend a potentially unsafe path to sys.path\n"
        + "-q     : don't print version and copyright messages on interactive startup\n"
        + "-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE=x\n"
        + "-S     : don't imply 'import site' on initialization (ignored by the 'pyodide' runtime)\n"
        + "-u     : force the stdout and stderr streams to be unbuffered\n"
        + "-v     : verbose (trace import statements) (ignored by the 'pyodide' runtime)\n"
        + "-V     : print the Python version number and exit (also --version)\n"
        + "-W arg : warning control; arg is action:message:category:module:lineno\n"
        + "-x     : skip first line of source, allowing use of non-Unix forms of #!cmd\n"
        + "-X opt : set implementation-specific option\n"
        + "Arguments:\n"
        + "file   : program read from script file\n"
        + "-      : program read from stdin (default)\n"
        + "arg ...: arguments passed to program in sys.argv[1:]\n";
  }
}
