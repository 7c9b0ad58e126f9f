package io.mirage4j.python;

import java.util.List;
import java.util.Objects;

/**
 * What changes how a program runs, as CPython's start-up reads it from the command line and the
 * {@code PYTHON*} environment variables, and as {@code sys.flags} and friends show it. A {@link
 * PythonRuntime} reads them from {@link PythonRun#flags()}; {@link PythonCommandLine} makes them
 * from the options and {@link PythonStartup} adds what the environment says.
 *
 * <pre>{@code
 * PythonCommandLine.Run run =
 *     (PythonCommandLine.Run) PythonCommandLine.parse("python3", List.of("-OO", "-B", "app.py"));
 * run.flags().optimize();          // 2
 * run.flags().dontWriteBytecode(); // true
 * }</pre>
 *
 * @param optimize 0, 1 ({@code -O}), 2 ({@code -OO}) or more ({@code -OOO}, {@code PYTHONOPTIMIZE=5});
 *     anything from 2 up compiles as 2
 * @param dontWriteBytecode {@code -B}, {@code PYTHONDONTWRITEBYTECODE}
 * @param safePath {@code -P}, {@code -I}, {@code PYTHONSAFEPATH}: nothing is put in front of {@code sys.path}
 * @param skipFirstLine {@code -x}
 * @param warnOptions the {@code PYTHONWARNINGS} entries, then the {@code -W} values, in order ({@code sys.warnoptions})
 * @param xOptions the {@code -X} values, in order
 * @param quiet {@code -q}
 * @param unbuffered {@code -u}, {@code PYTHONUNBUFFERED}
 * @param ignoreEnvironment {@code -E} or {@code -I}: the {@code PYTHON*} variables are not read
 * @param isolated {@code -I}
 * @param noUserSite {@code -s} or {@code -I}
 * @param noSite {@code -S}
 * @param pythonPath the {@code PYTHONPATH} entries, absolute and normalised: they follow {@code
 *     sys.path[0]}
 * @param ioEncoding the encoding {@code PYTHONIOENCODING} names for the standard streams, or {@code ""}
 *     for the runtime's (UTF-8)
 * @param ioErrors the error handler {@code PYTHONIOENCODING} names for stdin and stdout, or {@code ""}
 * @param hashRandomization {@code sys.flags.hash_randomization}: false for {@code PYTHONHASHSEED=0}
 * @param utf8Mode {@code sys.flags.utf8_mode} as {@code PYTHONUTF8} or {@code -X utf8} set it, or -1
 *     for the runtime's
 * @param intMaxStrDigits the limit {@code PYTHONINTMAXSTRDIGITS} or {@code -X int_max_str_digits} set
 *     (0 for none), or -1 for the runtime's default
 */
public record PythonFlags(
    int optimize,
    boolean dontWriteBytecode,
    boolean safePath,
    boolean skipFirstLine,
    List<String> warnOptions,
    List<String> xOptions,
    boolean quiet,
    boolean unbuffered,
    boolean ignoreEnvironment,
    boolean isolated,
    boolean noUserSite,
    boolean noSite,
    List<String> pythonPath,
    String ioEncoding,
    String ioErrors,
    boolean hashRandomization,
    int utf8Mode,
    int intMaxStrDigits) {

  /** No options given. */
  public static final PythonFlags NONE =
      new PythonFlags(0, false, false, false, List.of(), List.of(), false, false, false, false, false, false);

  public PythonFlags {
    if (optimize < 0) {
      throw new IllegalArgumentException("optimize must not be negative: " + optimize);
    }
    warnOptions = List.copyOf(warnOptions);
    xOptions = List.copyOf(xOptions);
    pythonPath = List.copyOf(pythonPath);
    Objects.requireNonNull(ioEncoding, "ioEncoding");
    Objects.requireNonNull(ioErrors, "ioErrors");
    if (utf8Mode < -1 || utf8Mode > 1) {
      throw new IllegalArgumentException("utf8Mode must be -1, 0 or 1: " + utf8Mode);
    }
    if (intMaxStrDigits < -1) {
      throw new IllegalArgumentException("intMaxStrDigits must be -1 or more: " + intMaxStrDigits);
    }
  }

  /** The command-line options alone, with nothing read from the environment. */
  public PythonFlags(
      int optimize,
      boolean dontWriteBytecode,
      boolean safePath,
      boolean skipFirstLine,
      List<String> warnOptions,
      List<String> xOptions,
      boolean quiet,
      boolean unbuffered,
      boolean ignoreEnvironment,
      boolean isolated,
      boolean noUserSite,
      boolean noSite) {
    this(optimize, dontWriteBytecode, safePath, skipFirstLine, warnOptions, xOptions, quiet, unbuffered,
        ignoreEnvironment, isolated, noUserSite, noSite, List.of(), "", "", true, -1, -1);
  }
}
