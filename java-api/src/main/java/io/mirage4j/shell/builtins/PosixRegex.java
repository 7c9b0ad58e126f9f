package io.mirage4j.shell.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * POSIX regular expressions, basic ({@code grep}) and extended ({@code grep -E}) with the GNU
 * extensions ({@code \+ \? \| \< \> \b \w \s}, back-references), translated to {@link
 * java.util.regex} syntax. Malformed expressions fail with GNU grep's messages; the quirks GNU
 * accepts (a leading {@code *} is literal in a BRE and ignored with a warning in an ERE, an ERE
 * <code>{</code> that starts no valid interval is literal) are kept. Also used by the shell's
 * {@code [[ … =~ … ]]}.
 *
 * <pre>{@code
 * PosixRegex.translate("a\\{2\\}", false).regex(); // "a{2}"
 * PosixRegex.translate("(a|b)+", true).regex();     // "(a|b)+"
 * }</pre>
 */
public final class PosixRegex {
  private static final int DUP_MAX = 0x7fff;
  private static final Map<String, String> CLASSES = Map.ofEntries(
      Map.entry("alpha", "\\p{Alpha}"),
      Map.entry("digit", "0-9"),
      Map.entry("alnum", "\\p{Alnum}"),
      Map.entry("upper", "\\p{Upper}"),
      Map.entry("lower", "\\p{Lower}"),
      Map.entry("space", "\\p{Space}"),
      Map.entry("blank", "\\p{Blank}"),
      Map.entry("punct", "\\p{P}\\p{S}"),
      Map.entry("print", "\\p{Print}"),
      Map.entry("graph", "\\p{Graph}"),
      Map.entry("cntrl", "\\p{Cntrl}"),
      Map.entry("xdigit", "0-9A-Fa-f"));

  /** A malformed expression; the message is GNU grep's, e.g. {@code Unmatched ( or \(}. */
  public static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  /** The Java regex, and GNU's warnings about it ({@code * at start of expression}). */
  public record Translation(String regex, List<String> warnings) {}

  private final String p;
  private final boolean extended;
  private final StringBuilder out = new StringBuilder();
  private final List<String> warnings = new ArrayList<>();
  private final Deque<int[]> open = new ArrayDeque<>();
  private final BitSet closed = new BitSet();
  private int groups;
  private int atom = -1;
  private boolean quantified;
  private int i;

  private PosixRegex(String pattern, boolean extended) {
    this.p = pattern;
    this.extended = extended;
  }

  public static Translation translate(String pattern, boolean extended) throws SyntaxError {
    PosixRegex t = new PosixRegex(pattern, extended);
    t.run();
    return new Translation(t.out.toString(), List.copyOf(t.warnings));
  }

  private void run() throws SyntaxError {
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '\\') {
        backslash();
      } else if (c == '[') {
        int start = out.length();
        bracket();
        atom(start);
      } else if (c == '.') {
        i++;
        atom(out.length());
        out.append('.');
      } else if (c == '*') {
        i++;
        quantifier("*", "*");
      } else if (c == '^') {
        i++;
        if (extended || atStart()) {
          out.append('^');
          noAtom();
        } else {
          literal('^');
        }
      } else if (c == '$') {
        i++;
        if (extended || i == p.length() || p.startsWith("\\)", i) || p.startsWith("\\|", i)) {
          out.append('$');
          noAtom();
        } else {
          literal('$');
        }
      } else if (extended && c == '(') {
        i++;
        openGroup();
      } else if (extended && c == ')' && !open.isEmpty()) {
        i++;
        closeGroup();
      } else if (extended && c == '|') {
        i++;
        alternation();
      } else if (extended && (c == '+' || c == '?')) {
        i++;
        quantifier(String.valueOf(c), String.valueOf(c));
      } else if (extended && c == '{') {
        interval();
      } else {
        int cp = p.codePointAt(i);
        i += Character.charCount(cp);
        literal(cp);
      }
    }
    if (!open.isEmpty()) {
      throw new SyntaxError("Unmatched ( or \\(");
    }
  }

  private void backslash() throws SyntaxError {
    if (i + 1 >= p.length()) {
      throw new SyntaxError("Trailing backslash");
    }
    char c = p.charAt(i + 1);
    i += 2;
    if (!extended) {
      switch (c) {
        case '(' -> {
          openGroup();
          return;
        }
        case ')' -> {
          if (open.isEmpty()) {
            throw new SyntaxError("Unmatched ) or \\)");
          }
          closeGroup();
          return;
        }
        case '|' -> {
          alternation();
          return;
        }
        case '{' -> {
          if (atom < 0) {
            literal('{');
          } else {
            i -= 2;
            interval();
          }
          return;
        }
        case '+', '?' -> {
          if (atom < 0) {
            literal(c);
          } else {
            quantifier(String.valueOf(c), null);
          }
          return;
        }
        default -> {
          // shared with ERE below
        }
      }
    }
    switch (c) {
      case '<' -> anchor("\\b(?=\\w)");
      case '>' -> anchor("\\b(?<=\\w)");
      case 'b' -> anchor("\\b");
      case 'B' -> anchor("\\B");
      case '`' -> anchor("\\A");
      case '\'' -> anchor("\\z");
      case 'w', 'W', 's', 'S' -> {
        atom(out.length());
        out.append('\\').append(c);
      }
      default -> {
        if (c >= '1' && c <= '9') {
          int n = c - '0';
          if (n > groups || !closed.get(n)) {
            throw new SyntaxError("Invalid back reference");
          }
          atom(out.length());
          out.append("(?:\\").append(n).append(')');
        } else {
          int cp = p.codePointAt(i - 1);
          i += Character.charCount(cp) - 1;
          literal(cp);
        }
      }
    }
  }

  private boolean atStart() {
    int before = i - 2;
    if (before < 0) {
      return true;
    }
    return !extended && before >= 1 && p.charAt(before - 1) == '\\'
        && (p.charAt(before) == '(' || p.charAt(before) == '|');
  }

  private void openGroup() {
    groups++;
    open.push(new int[] {out.length(), groups});
    out.append('(');
    noAtom();
  }

  private void closeGroup() {
    int[] g = open.pop();
    out.append(')');
    closed.set(g[1]);
    atom = g[0];
    quantified = false;
  }

  private void alternation() {
    out.append('|');
    noAtom();
  }

  private void anchor(String regex) {
    out.append(regex);
    noAtom();
  }

  private void noAtom() {
    atom = -1;
    quantified = false;
  }

  private void atom(int start) {
    atom = start;
    quantified = false;
  }

  private void literal(int cp) {
    atom(out.length());
    appendLiteral(out, cp);
  }

  private static void appendLiteral(StringBuilder sb, int cp) {
    if (cp < 0x80 && !Character.isLetterOrDigit(cp)) {
      sb.append('\\');
    }
    sb.appendCodePoint(cp);
  }

  /** Applies a quantifier to the last atom; with none, BRE takes it literally and ERE drops it. */
  private void quantifier(String regex, String shown) throws SyntaxError {
    if (atom < 0) {
      if (!extended) {
        literal(regex.charAt(0));
        return;
      }
      warnings.add((shown == null ? regex : shown) + " at start of expression");
      return;
    }
    if (quantified) {
      out.insert(atom, "(?:");
      out.append(')');
    }
    out.append(regex);
    quantified = true;
  }

  /** {@code {m,n}} (ERE) or {@code \{m,n\}} (BRE) at {@code i}. */
  private void interval() throws SyntaxError {
    int start = i;
    i += extended ? 1 : 2;
    int min = -1;
    int max = -1;
    boolean comma = false;
    boolean valid = true;
    while (i < p.length() && Character.isDigit(p.charAt(i)) && p.charAt(i) < 128) {
      min = Math.min(DUP_MAX + 1, (min < 0 ? 0 : min * 10) + p.charAt(i++) - '0');
    }
    if (i < p.length() && p.charAt(i) == ',') {
      comma = true;
      i++;
      while (i < p.length() && Character.isDigit(p.charAt(i)) && p.charAt(i) < 128) {
        max = Math.min(DUP_MAX + 1, (max < 0 ? 0 : max * 10) + p.charAt(i++) - '0');
      }
    } else {
      max = min;
    }
    String close = extended ? "}" : "\\}";
    if (!p.startsWith(close, i)) {
      if (extended) {
        boolean secondComma = comma && i < p.length() && p.charAt(i) == ',';
        if (!secondComma) {
          i = start + 1;
          literal('{');
          return;
        }
        throw new SyntaxError("Invalid content of \\{\\}");
      }
      throw new SyntaxError(p.indexOf("\\}", i) < 0 ? "Unmatched \\{" : "Invalid content of \\{\\}");
    }
    i += close.length();
    if (min < 0 && !comma) {
      valid = false;
    }
    if (min < 0) {
      min = 0;
    }
    if (!valid) {
      if (extended) {
        i = start + 1;
        literal('{');
        return;
      }
      throw new SyntaxError("Invalid content of \\{\\}");
    }
    if (max >= 0 && min > max) {
      throw new SyntaxError("Invalid content of \\{\\}");
    }
    if (min > DUP_MAX || max > DUP_MAX) {
      throw new SyntaxError("Regular expression too big");
    }
    String regex = "{" + min + (comma ? "," + (max < 0 ? "" : String.valueOf(max)) : "") + "}";
    quantifier(regex, "{...}");
  }

  /** A bracket expression at {@code i}, as a Java character class. */
  private void bracket() throws SyntaxError {
    int start = i;
    i++;
    StringBuilder cls = new StringBuilder("[");
    if (i < p.length() && p.charAt(i) == '^') {
      cls.append('^');
      i++;
    }
    if (i >= p.length()) {
      throw new SyntaxError("Invalid regular expression");
    }
    int contentStart = i;
    boolean first = true;
    while (true) {
      if (i >= p.length()) {
        throw new SyntaxError("Unmatched [, [^, [:, [., or [=");
      }
      char c = p.charAt(i);
      if (c == ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
        int end = p.indexOf(":]", i + 2);
        if (end < 0) {
          throw new SyntaxError("Unmatched [, [^, [:, [., or [=");
        }
        String name = p.substring(i + 2, end);
        String mapped = CLASSES.get(name);
        if (mapped == null) {
          throw new SyntaxError("Invalid character class name");
        }
        cls.append(mapped);
        i = end + 2;
        if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
          throw new SyntaxError("Invalid range end");
        }
        continue;
      }
      int low = element();
      if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
        i++;
        if (p.startsWith("[:", i)) {
          throw new SyntaxError("Invalid range end");
        }
        int high = element();
        if (high < low) {
          throw new SyntaxError("Invalid range end");
        }
        appendLiteral(cls, low);
        cls.append('-');
        appendLiteral(cls, high);
      } else {
        appendLiteral(cls, low);
      }
    }
    String content = p.substring(contentStart, i - 1);
    if (content.length() >= 2 && content.startsWith(":") && content.endsWith(":") && p.charAt(start + 1) != '^') {
      throw new SyntaxError("character class syntax is [[:space:]], not [:space:]");
    }
    out.append(cls.append(']'));
  }

  /** One character of a bracket expression, a {@code [.c.]} or {@code [=c=]} included. */
  private int element() throws SyntaxError {
    if (p.charAt(i) == '[' && i + 1 < p.length() && (p.charAt(i + 1) == '.' || p.charAt(i + 1) == '=')) {
      String end = p.charAt(i + 1) + "]";
      int close = p.indexOf(end, i + 2);
      if (close < 0) {
        throw new SyntaxError("Unmatched [, [^, [:, [., or [=");
      }
      String inner = p.substring(i + 2, close);
      if (inner.codePointCount(0, inner.length()) != 1) {
        throw new SyntaxError("Invalid collation character");
      }
      i = close + 2;
      return inner.codePointAt(0);
    }
    int cp = p.codePointAt(i);
    i += Character.charCount(cp);
    return cp;
  }
}
