package io.mirage4j.python;

import java.util.List;

/**
 * CPython's command-line options that change how a program runs, as {@code sys.flags} and friends
 * show them. A {@link PythonRuntime} reads them from {@link PythonRun#flags()}; {@link
 * PythonCommandLine} makes them.
 *
 * <pre>{@code
 * PythonCommandLine.Run run =
 *     (PythonCommandLine.Run) PythonCommandLine.parse("python3", List.of("-OO", "-B", "app.py"));
 * run.flags().optimize();          // 2
 * run.flags().dontWriteBytecode(); // true
 * }</pre>
 *
 * @param optimize 0, 1 ({@code -O}) or 2 ({@code -OO})
 * @param dontWriteBytecode {@code -B}
 * @param safePath {@code -P}: nothing is put in front of {@code sys.path}
 * @param skipFirstLine {@code -x}
 * @param warnOptions the {@code -W} values, in order
 * @param xOptions the {@code -X} values, in order
 * @param quiet {@code -q}
 * @param unbuffered {@code -u}
 * @param ignoreEnvironment {@code -E} (reported in {@code sys.flags}; the runtime has no host environment anyway)
 * @param isolated {@code -I}
 * @param noUserSite {@code -s}
 * @param noSite {@code -S}
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
    boolean noSite) {

  /** No options given. */
  public static final PythonFlags NONE =
      new PythonFlags(0, false, false, false, List.of(), List.of(), false, false, false, false, false, false);

  public PythonFlags {
    if (optimize < 0 || optimize > 2) {
      throw new IllegalArgumentException("optimize must be 0, 1 or 2: " + optimize);
    }
    warnOptions = List.copyOf(warnOptions);
    xOptions = List.copyOf(xOptions);
  }
}
