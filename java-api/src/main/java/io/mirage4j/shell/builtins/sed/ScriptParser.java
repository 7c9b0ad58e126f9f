package io.mirage4j.shell.builtins.sed;

import io.mirage4j.shell.builtins.PosixRegex;
import io.mirage4j.shell.builtins.sed.Script.Address;
import io.mirage4j.shell.builtins.sed.Script.AddressKind;
import io.mirage4j.shell.builtins.sed.Script.Command;
import io.mirage4j.shell.builtins.sed.Script.Part;
import io.mirage4j.shell.builtins.sed.Script.Regex;
import io.mirage4j.shell.builtins.sed.Script.Substitution;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles sed scripts the way GNU sed 4 reads them: the pieces given with {@code -e} and {@code
 * -f} (joined by newlines, so {@code -e 'a\' -e text} continues the text), commands separated by
 * newlines and {@code ;}, GNU's one-line {@code a text} forms, and GNU's messages for the scripts
 * it refuses ({@code -e expression #1, char 5: unterminated `s' command}).
 *
 * <pre>{@code
 * Script s = ScriptParser.parse(List.of(new ScriptParser.Piece("s/a/b/g", null)), new ScriptParser.Options(false));
 * }</pre>
 */
public final class ScriptParser {
  private static final int EOF = -1;

  /**
   * One piece of the script: an {@code -e} expression ({@code file} null) or a {@code -f} file's content.
   *
   * <pre>{@code
   * new ScriptParser.Piece("p", null);
   * }</pre>
   */
  public record Piece(String text, String file) {}

  /**
   * How expressions are read: {@code extended} for {@code -E}.
   *
   * <pre>{@code
   * new ScriptParser.Options(true);
   * }</pre>
   */
  public record Options(boolean extended) {}

  private final List<Piece> pieces;
  private final int[] starts;
  private final String s;
  private final Options options;
  private int pos;
  private final List<Command> commands = new ArrayList<>();
  private final Deque<Integer> blocks = new ArrayDeque<>();
  private final Set<String> writeFiles = new LinkedHashSet<>();

  private ScriptParser(List<Piece> pieces, Options options) {
    this.pieces = pieces;
    this.options = options;
    this.starts = new int[pieces.size()];
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < pieces.size(); k++) {
      if (k > 0) {
        sb.append('\n');
      }
      starts[k] = sb.length();
      String text = pieces.get(k).text();
      if (pieces.get(k).file() != null && text.endsWith("\n")) {
        text = text.substring(0, text.length() - 1);
      }
      sb.append(text);
    }
    this.s = sb.toString();
  }

  /** Compiles the pieces into one script. */
  public static Script parse(List<Piece> pieces, Options options) throws SedException {
    ScriptParser p = new ScriptParser(pieces, options);
    return p.run();
  }

  private Script run() throws SedException {
    boolean quiet = s.startsWith("#n") && (s.length() == 2 || s.charAt(2) == '\n');
    while (true) {
      int c = skipSpaceAndSemicolons();
      if (c == EOF) {
        break;
      }
      command(c);
    }
    if (!blocks.isEmpty()) {
      throw new SedException(where(0, pieces.size() - 1) + "unmatched `{'", SedException.BAD_USAGE);
    }
    return new Script(resolveLabels(), quiet, List.copyOf(writeFiles));
  }

  private List<Command> resolveLabels() throws SedException {
    Map<String, Integer> labels = new HashMap<>();
    for (Command c : commands) {
      if (c.name() == ':') {
        if (labels.putIfAbsent(c.text(), c.index()) != null) {
          throw new SedException("-e expression #1, char 0: duplicate label `" + c.text() + "'", SedException.BAD_USAGE);
        }
      }
    }
    List<Command> out = new ArrayList<>(commands.size());
    for (Command c : commands) {
      if (c.name() == 'b' || c.name() == 't' || c.name() == 'T') {
        if (c.text().isEmpty()) {
          c = c.withJump(-1);
        } else {
          Integer target = labels.get(c.text());
          if (target == null) {
            throw new SedException("can't find label for jump to `" + c.text() + "'", SedException.PANIC);
          }
          c = c.withJump(target);
        }
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  // ---- reading characters

  private int in() {
    return pos < s.length() ? s.charAt(pos++) : EOF;
  }

  private void back(int c) {
    if (c != EOF) {
      pos--;
    }
  }

  private int peek() {
    return pos < s.length() ? s.charAt(pos) : EOF;
  }

  private int nonBlank() {
    int c;
    do {
      c = in();
    } while (c == ' ' || c == '\t');
    return c;
  }

  private int skipSpaceAndSemicolons() {
    int c;
    do {
      c = in();
    } while (c == ' ' || c == '\t' || c == '\n' || c == ';');
    return c;
  }

  private SedException error(String message) {
    int p = pos;
    int k = 0;
    while (k + 1 < pieces.size() && starts[k + 1] < p) {
      k++;
    }
    return new SedException(where(p - starts[k], k) + message, SedException.BAD_USAGE);
  }

  private String where(int offset, int k) {
    Piece piece = pieces.get(k);
    if (piece.file() != null) {
      int line = 1;
      for (int i = starts[k]; i < starts[k] + offset - 1 && i < s.length(); i++) {
        if (s.charAt(i) == '\n') {
          line++;
        }
      }
      return "file " + piece.file() + " line " + line + ": ";
    }
    int expression = 0;
    for (int i = 0; i <= k; i++) {
      if (pieces.get(i).file() == null) {
        expression++;
      }
    }
    return "-e expression #" + expression + ", char " + Math.max(0, offset) + ": ";
  }

  // ---- commands

  private void command(int c) throws SedException {
    if (c == '#') {
      while (c != EOF && c != '\n') {
        c = in();
      }
      return;
    }
    Address a1 = null;
    Address a2 = null;
    a1 = address(c);
    if (a1 != null) {
      c = nonBlank();
      if (c == ',') {
        a2 = address(nonBlank());
        if (a2 == null) {
          throw error("unexpected `,'");
        }
        c = nonBlank();
      }
      if (a1.kind() == AddressKind.ZERO && (a2 == null || a2.kind() != AddressKind.REGEX)) {
        throw error("invalid usage of line address 0");
      }
    }
    boolean negated = false;
    if (c == '!') {
      negated = true;
      c = nonBlank();
      if (c == '!') {
        throw error("multiple `!'s");
      }
      while (c == ' ' || c == '\t') {
        c = in();
      }
    }
    int index = commands.size();
    switch (c) {
      case EOF, '\n', ';' -> throw error("missing command");
      case '#' -> {
        if (a1 != null) {
          throw error("comments don't accept any addresses");
        }
        back(c);
        command(in());
      }
      case '{' -> {
        blocks.push(index);
        add(a1, a2, negated, c, null, -1, null, null, null);
      }
      case '}' -> {
        if (blocks.isEmpty()) {
          throw error("unexpected `}'");
        }
        if (a1 != null) {
          throw error("`}' doesn't want any addresses");
        }
        int open = blocks.pop();
        add(null, null, false, c, null, -1, null, null, null);
        commands.set(open, commands.get(open).withJump(commands.size()));
        endOfCommand();
      }
      case ':' -> {
        if (a1 != null) {
          throw error(": doesn't want any addresses");
        }
        String label = label();
        if (label.isEmpty()) {
          throw error("\":\" lacks a label");
        }
        add(null, null, false, c, label, -1, null, null, null);
      }
      case 'a', 'i', 'c' -> add(a1, a2, negated, c, text(), -1, null, null, null);
      case '=', 'd', 'D', 'F', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z' -> {
        add(a1, a2, negated, c, null, -1, null, null, null);
        endOfCommand();
      }
      case 'q', 'Q', 'l', 'L' -> {
        if (a2 != null && c != 'l') {
          throw error("command only uses one address");
        }
        long n = number(-1);
        add(a1, a2, negated, c, null, c == 'l' ? n : Math.max(n, 0), null, null, null);
        endOfCommand();
      }
      case 'b', 't', 'T' -> add(a1, a2, negated, c, label(), -1, null, null, null);
      case 'r', 'R', 'w', 'W' -> {
        String file = fileName();
        if (c == 'w' || c == 'W') {
          writeFiles.add(file);
        }
        add(a1, a2, negated, c, file, -1, null, null, null);
      }
      case 's' -> add(a1, a2, negated, c, null, -1, substitution(), null, null);
      case 'y' -> {
        String[] ft = transliteration();
        add(a1, a2, negated, c, null, -1, null, ft[0], ft[1]);
        endOfCommand();
      }
      case 'v' -> {
        label();
        add(a1, a2, negated, '#', null, -1, null, null, null);
      }
      default -> throw error("unknown command: `" + (char) c + "'");
    }
  }

  private void add(Address a1, Address a2, boolean negated, int name, String text, long number,
      Substitution subst, String from, String to) {
    commands.add(new Command(a1, a2, negated, (char) name, text, number, subst, from, to, -1, commands.size()));
  }

  private void endOfCommand() throws SedException {
    int c = nonBlank();
    if (c == '}' || c == '#') {
      back(c);
    } else if (c != EOF && c != '\n' && c != ';') {
      throw error("extra characters after command");
    }
  }

  private long number(long absent) {
    int c = nonBlank();
    if (c < '0' || c > '9') {
      back(c);
      return absent;
    }
    long n = 0;
    while (c >= '0' && c <= '9') {
      n = Math.min(Integer.MAX_VALUE, n * 10 + c - '0');
      c = in();
    }
    back(c);
    return n;
  }

  private String label() {
    int c = nonBlank();
    StringBuilder sb = new StringBuilder();
    while (c != EOF && c != '\n' && c != ';' && c != ' ' && c != '\t') {
      sb.append((char) c);
      c = in();
    }
    back(c);
    return sb.toString();
  }

  private String fileName() throws SedException {
    int c = nonBlank();
    StringBuilder sb = new StringBuilder();
    while (c != EOF && c != '\n') {
      sb.append((char) c);
      c = in();
    }
    if (sb.length() == 0) {
      throw error("missing filename in r/R/w/W commands");
    }
    return sb.toString();
  }

  /** The text of {@code a i c}: GNU's one-line form or the classic {@code a\} and lines after. */
  private String text() throws SedException {
    int c = nonBlank();
    if (c == EOF) {
      throw error("expected \\ after `a', `c' or `i'");
    }
    if (c == '\\') {
      c = in();
      if (c == '\n') {
        c = in();
      } else if (c == EOF) {
        throw error("expected \\ after `a', `c' or `i'");
      }
    }
    StringBuilder sb = new StringBuilder();
    while (c != EOF && c != '\n') {
      if (c == '\\') {
        c = in();
        if (c == EOF) {
          break;
        }
      }
      sb.append((char) c);
      c = in();
    }
    return sb.append('\n').toString();
  }

  // ---- addresses

  private Address address(int c) throws SedException {
    if (c == '/' || c == '\\') {
      if (c == '\\') {
        c = in();
        if (c == EOF || c == '\n' || c == '\\') {
          throw error("unexpected `,'");
        }
      }
      String re = delimited(c, true);
      if (re == null) {
        throw error("unterminated address regex");
      }
      int flags = 0;
      while (true) {
        int f = in();
        if (f == 'I') {
          flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        } else if (f == 'M') {
          flags |= Pattern.MULTILINE;
        } else {
          back(f);
          break;
        }
      }
      return new Address(AddressKind.REGEX, 0, 0, regex(re, flags));
    }
    if (c == '$') {
      return new Address(AddressKind.LAST, 0, 0, null);
    }
    if (c == '+' || c == '~') {
      long n = digits();
      if (n < 0) {
        throw error("expected newer version of sed");
      }
      return new Address(c == '+' ? AddressKind.PLUS : AddressKind.MULTIPLE, n, 0, null);
    }
    if (c >= '0' && c <= '9') {
      back(c);
      long n = digits();
      int t = nonBlank();
      if (t == '~') {
        long step = digits();
        if (step < 0) {
          step = 0;
        }
        return new Address(AddressKind.STEP, n, step, null);
      }
      back(t);
      return new Address(n == 0 ? AddressKind.ZERO : AddressKind.LINE, n, 0, null);
    }
    return null;
  }

  private long digits() {
    int c = in();
    if (c < '0' || c > '9') {
      back(c);
      return -1;
    }
    long n = 0;
    while (c >= '0' && c <= '9') {
      n = Math.min(Long.MAX_VALUE / 20, n * 10 + c - '0');
      c = in();
    }
    back(c);
    return n;
  }

  /**
   * The text up to the next unescaped {@code delim}, or null at the end of the line: {@code
   * \delim} is the delimiter itself, and in an expression {@code \n} a newline.
   */
  private String delimited(int delim, boolean regex) {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in();
      if (c == EOF) {
        return null;
      }
      if (c == delim) {
        return sb.toString();
      }
      if (c == '\n' && regex) {
        return null;
      }
      if (c == '\\') {
        c = in();
        if (c == EOF) {
          return null;
        }
        if (c == delim) {
          sb.append((char) c);
        } else if (c == 'n' && regex) {
          sb.append('\n');
        } else if (c == '\n' && regex) {
          return null;
        } else {
          sb.append('\\').append((char) c);
        }
        continue;
      }
      sb.append((char) c);
    }
  }

  private Regex regex(String source, int flags) throws SedException {
    if (source.isEmpty()) {
      return new Regex(null, source);
    }
    try {
      boolean multiline = (flags & Pattern.MULTILINE) != 0;
      String translated = PosixRegex.translate(escapes(source), options.extended(), multiline ? "$" : "\\z").regex();
      int all = flags | Pattern.DOTALL | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
      return new Regex(Pattern.compile(translated, all), source);
    } catch (PosixRegex.SyntaxError e) {
      throw error(e.getMessage());
    } catch (PatternSyntaxException e) {
      throw error(e.getDescription());
    }
  }

  /** GNU sed's escapes in an expression ({@code \t}, {@code \x41}…), made literal characters. */
  private static String escapes(String re) {
    if (re.indexOf('\\') < 0) {
      return re;
    }
    StringBuilder sb = new StringBuilder();
    boolean inBracket = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (inBracket) {
        if (c == ']' && !re.startsWith("[", i - 1) && !re.startsWith("[^", i - 2)) {
          inBracket = false;
        }
        if (c == '\\' && i + 1 < re.length()) {
          int[] lit = escape(re, i + 1);
          if (lit != null) {
            sb.append((char) lit[0]);
            i = lit[1] - 1;
            continue;
          }
        }
        sb.append(c);
        continue;
      }
      if (c == '[') {
        inBracket = true;
        sb.append(c);
        continue;
      }
      if (c == '\\' && i + 1 < re.length()) {
        int[] lit = escape(re, i + 1);
        if (lit != null) {
          if ("$*.[\\]^|+?(){}/".indexOf(lit[0]) >= 0) {
            sb.append('\\');
          }
          sb.append((char) lit[0]);
          i = lit[1] - 1;
          continue;
        }
        sb.append(c).append(re.charAt(i + 1));
        i++;
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** The character a GNU escape at {@code at} (after its backslash) means, and where it ends; null if none. */
  static int[] escape(String t, int at) {
    char c = t.charAt(at);
    switch (c) {
      case 'a':
        return new int[] {7, at + 1};
      case 'f':
        return new int[] {'\f', at + 1};
      case 'v':
        return new int[] {11, at + 1};
      case 'r':
        return new int[] {'\r', at + 1};
      case 't':
        return new int[] {'\t', at + 1};
      case 'n':
        return new int[] {'\n', at + 1};
      case 'c':
        if (at + 1 < t.length()) {
          return new int[] {Character.toUpperCase(t.charAt(at + 1)) ^ 0x40, at + 2};
        }
        return null;
      case 'd':
        return number(t, at + 1, 10, 3);
      case 'o':
        return number(t, at + 1, 8, 3);
      case 'x':
        return number(t, at + 1, 16, 2);
      default:
        return null;
    }
  }

  private static int[] number(String t, int from, int radix, int max) {
    int n = 0;
    int i = from;
    while (i < t.length() && i - from < max && Character.digit(t.charAt(i), radix) >= 0) {
      n = n * radix + Character.digit(t.charAt(i), radix);
      i++;
    }
    return i == from ? null : new int[] {n & 0xff, i};
  }

  // ---- s and y

  private Substitution substitution() throws SedException {
    int delim = in();
    if (delim == EOF || delim == '\n' || delim == '\\') {
      throw error("unterminated `s' command");
    }
    String re = delimited(delim, true);
    if (re == null) {
      throw error("unterminated `s' command");
    }
    String rhs = replacementText(delim);
    if (rhs == null) {
      throw error("unterminated `s' command");
    }
    boolean global = false;
    boolean print = false;
    int occurrence = 0;
    int flags = 0;
    String writeFile = null;
    loop:
    while (true) {
      int c = in();
      switch (c) {
        case 'i', 'I' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 'm', 'M' -> flags |= Pattern.MULTILINE;
        case 'g' -> {
          if (global) {
            throw error("multiple `g' options to `s' command");
          }
          global = true;
        }
        case 'p' -> {
          if (print) {
            throw error("multiple `p' options to `s' command");
          }
          print = true;
        }
        case 'w' -> {
          writeFile = fileName();
          writeFiles.add(writeFile);
          break loop;
        }
        case '}', '#' -> {
          back(c);
          break loop;
        }
        case EOF, '\n', ';' -> {
          break loop;
        }
        case ' ', '\t' -> {
          // GNU allows blanks among the flags
        }
        default -> {
          if (c >= '0' && c <= '9') {
            if (occurrence != 0) {
              throw error("multiple number options to `s' command");
            }
            back(c);
            long n = digits();
            if (n == 0) {
              throw error("number option to `s' command may not be zero");
            }
            occurrence = (int) Math.min(n, Integer.MAX_VALUE);
          } else {
            throw error("unknown option to `s'");
          }
        }
      }
    }
    Regex regex = regex(re, flags);
    List<Part> parts = replacement(rhs);
    if (regex.pattern() != null) {
      int groups = regex.pattern().matcher("").groupCount();
      for (Part p : parts) {
        if (p.text() == null && p.caseOp() == 0 && p.group() > groups) {
          throw error("invalid reference \\" + p.group() + " on `s' command's RHS");
        }
      }
    }
    return new Substitution(regex, parts, global, occurrence == 0 ? 1 : occurrence, print, writeFile);
  }

  /** The replacement as written, up to the delimiter: backslash pairs kept, {@code \delim} made the delimiter. */
  private String replacementText(int delim) {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in();
      if (c == EOF) {
        return null;
      }
      if (c == delim) {
        return sb.toString();
      }
      if (c == '\\') {
        c = in();
        if (c == EOF) {
          return null;
        }
        if (c == delim && c != '&' && c != '\n') {
          sb.append((char) c);
        } else {
          sb.append('\\').append((char) c);
        }
        continue;
      }
      if (c == '\n') {
        return null;
      }
      sb.append((char) c);
    }
  }

  private static List<Part> replacement(String rhs) {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < rhs.length(); i++) {
      char c = rhs.charAt(i);
      if (c == '&') {
        flush(parts, lit);
        parts.add(new Part(null, 0, (char) 0));
      } else if (c == '\\' && i + 1 < rhs.length()) {
        char n = rhs.charAt(++i);
        if (n >= '0' && n <= '9') {
          flush(parts, lit);
          parts.add(new Part(null, n - '0', (char) 0));
        } else if ("ULulE".indexOf(n) >= 0) {
          flush(parts, lit);
          parts.add(new Part(null, -1, n));
        } else if (n == '\n') {
          lit.append('\n');
        } else {
          int[] e = escape(rhs, i);
          if (e != null) {
            lit.append((char) e[0]);
            i = e[1] - 1;
          } else {
            lit.append(n);
          }
        }
      } else {
        lit.append(c);
      }
    }
    flush(parts, lit);
    return List.copyOf(parts);
  }

  private static void flush(List<Part> parts, StringBuilder lit) {
    if (lit.length() > 0) {
      parts.add(new Part(lit.toString(), -1, (char) 0));
      lit.setLength(0);
    }
  }

  private String[] transliteration() throws SedException {
    int delim = in();
    if (delim == EOF || delim == '\n' || delim == '\\') {
      throw error("unterminated `y' command");
    }
    String[] parts = new String[2];
    for (int k = 0; k < 2; k++) {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int c = in();
        if (c == EOF) {
          throw error("unterminated `y' command");
        }
        if (c == delim) {
          break;
        }
        if (c == '\\') {
          c = in();
          if (c == EOF) {
            throw error("unterminated `y' command");
          }
          if (c == delim || c == '\\') {
            sb.append((char) c);
          } else if (c == '\n') {
            sb.append('\n');
          } else {
            int[] e = escape(s, pos - 1);
            if (e == null) {
              throw error("unknown option to `s'");
            }
            sb.append((char) e[0]);
            pos = e[1];
          }
          continue;
        }
        sb.append((char) c);
      }
      parts[k] = sb.toString();
    }
    if (parts[0].codePointCount(0, parts[0].length()) != parts[1].codePointCount(0, parts[1].length())) {
      throw error("strings for `y' command are different lengths");
    }
    return parts;
  }
}
