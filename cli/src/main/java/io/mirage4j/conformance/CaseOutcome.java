package io.mirage4j.conformance;

/**
 * What a command line produced, as text (UTF-8, invalid bytes replaced): the actual outcome of a
 * case, or the one it expects ({@link #expectedBy}).
 *
 * <pre>{@code
 * new CaseOutcome("a\nc\n", "", 0).firstDifference(new CaseOutcome("a\nb\n", "", 0));
 * // stdout differs at char 2: expected "b\n", got "c\n"
 * }</pre>
 *
 * @param stdout standard output
 * @param stderr standard error
 * @param exit the exit status
 */
public record CaseOutcome(String stdout, String stderr, int exit) {

  /** What the case expects. */
  public static CaseOutcome expectedBy(ConformanceCase c) {
    return new CaseOutcome(c.stdout(), c.stderr(), c.exit());
  }

  /** A one-line description of the first difference from {@code expected}, or null if equal. */
  public String firstDifference(CaseOutcome expected) {
    if (!stdout.equals(expected.stdout)) {
      return "stdout " + diff(expected.stdout, stdout);
    }
    if (!stderr.equals(expected.stderr)) {
      return "stderr " + diff(expected.stderr, stderr);
    }
    if (exit != expected.exit) {
      return "exit: expected " + expected.exit + ", got " + exit;
    }
    return null;
  }

  private static String diff(String expected, String actual) {
    int i = 0;
    while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    return "differs at char " + i + ": expected " + excerpt(expected, i) + ", got " + excerpt(actual, i);
  }

  private static String excerpt(String s, int at) {
    if (at >= s.length()) {
      return "<end>";
    }
    String cut = s.substring(at, Math.min(s.length(), at + 30));
    return "\"" + cut.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }
}
