package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code grep [-GEFivwxcnloqsrRhH] [-e PATTERNS]... [PATTERNS] [FILE]...}: basic (default) or
 * extended ({@code -E}) regular expressions or fixed strings ({@code -F}); {@code -i} ignore
 * case, {@code -v} invert, {@code -w} whole words, {@code -x} whole lines, {@code -c} count,
 * {@code -n} line numbers, {@code -l} file names, {@code -o} only the matches (leftmost
 * longest), {@code -q} quiet, {@code -s} no file errors,
 * {@code -r}/{@code -R} recursive, {@code -h}/{@code -H} without/with file names. Exit status 0
 * when a line is selected, 1 when none, 2 on error. Files with NUL bytes or invalid UTF-8 are
 * binary: a match is reported as {@code grep: FILE: binary file matches}. Directories are walked
 * in name order.
 */
final class Grep extends Coreutil {
  private static final String STDIN_NAME = "(standard input)";
  private static final Map<String, Character> LONGS = Map.ofEntries(
      Map.entry("extended-regexp", 'E'), Map.entry("fixed-strings", 'F'), Map.entry("basic-regexp", 'G'),
      Map.entry("ignore-case", 'i'), Map.entry("invert-match", 'v'), Map.entry("word-regexp", 'w'),
      Map.entry("line-regexp", 'x'), Map.entry("count", 'c'), Map.entry("line-number", 'n'),
      Map.entry("files-with-matches", 'l'), Map.entry("only-matching", 'o'), Map.entry("quiet", 'q'), Map.entry("silent", 'q'),
      Map.entry("no-messages", 's'), Map.entry("recursive", 'r'), Map.entry("dereference-recursive", 'R'),
      Map.entry("no-filename", 'h'), Map.entry("with-filename", 'H'), Map.entry("regexp", 'e'), Map.entry("file", 'f'));

  /** What one run was asked to do. */
  private static final class Search {
    List<Pattern> patterns;
    /**
     * The patterns as bytes when each is plain ASCII text, without a character that means more than
     * itself and without -i, -w or -x; a line then matches when its bytes hold one of them.
     */
    byte[][] literals;
    boolean invert;
    boolean count;
    boolean numbers;
    boolean listFiles;
    boolean onlyMatching;
    boolean quiet;
    boolean silent;
    boolean recursive;
    Boolean names;
    boolean selected;
    boolean error;
  }

  /** {@code -q} found a match: nothing more needs reading. */
  private static final class Done extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Done() {
      super(null, null, false, false);
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      List<String> withoutColor = args.stream().filter(a -> !a.matches("--colou?r(=.*)?")).toList();
      o = Getopt.parse(withoutColor, "GEFiyvwxcnloqsrRhHe:f:", LONGS);
    } catch (Getopt.UsageException e) {
      t.error(e.getMessage());
      return usage(t);
    }
    List<String> operands = new ArrayList<>(o.operands());
    List<String> patternTexts = new ArrayList<>();
    char syntax = 'G';
    Search s = new Search();
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'G', 'E', 'F' -> syntax = opt.name();
        case 'e' -> patternTexts.add(opt.value());
        case 'f' -> {
          List<String> fromFile = patternFile(t, opt.value());
          if (fromFile == null) {
            return 2;
          }
          patternTexts.addAll(fromFile);
        }
        case 'v' -> s.invert = true;
        case 'c' -> s.count = true;
        case 'n' -> s.numbers = true;
        case 'l' -> s.listFiles = true;
        case 'o' -> s.onlyMatching = true;
        case 'q' -> s.quiet = true;
        case 's' -> s.silent = true;
        case 'r', 'R' -> s.recursive = true;
        case 'h' -> s.names = false;
        case 'H' -> s.names = true;
        default -> {
          // -i -y -w -x are read below
        }
      }
    }
    if (patternTexts.isEmpty() && !o.has('f')) {
      if (operands.isEmpty()) {
        return usage(t);
      }
      patternTexts.add(operands.remove(0));
    }
    boolean ignoreCase = o.has('i') || o.has('y');
    try {
      s.patterns = compile(t, patternTexts, syntax, ignoreCase, o.has('w'), o.has('x'));
      s.literals = ignoreCase || o.has('w') || o.has('x') ? null : literals(patternTexts, syntax);
    } catch (PosixRegex.SyntaxError e) {
      t.error(e.getMessage());
      return 2;
    }
    boolean implicitDot = operands.isEmpty() && s.recursive;
    if (operands.isEmpty()) {
      operands.add(s.recursive ? "." : "-");
    }
    if (s.names == null && operands.size() > 1) {
      s.names = true;
    }
    try {
      for (String operand : operands) {
        operand(t, s, operand, implicitDot);
      }
    } catch (Done e) {
      return 0;
    }
    return s.error && !(s.quiet && s.selected) ? 2 : s.selected ? 0 : 1;
  }

  /** The patterns of {@code -f FILE}, one per line, or null after reporting that it cannot be read. */
  private static List<String> patternFile(Tool t, String operand) throws IOException {
    byte[] data;
    try {
      data = operand.equals("-") ? t.readStdin() : t.read(operand);
    } catch (ResourceException e) {
      t.error(operand + ": " + Tool.message(e));
      return null;
    }
    String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    return List.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
  }

  private static int usage(Tool t) throws IOException {
    t.ctx().stderr().write(("Usage: grep [OPTION]... PATTERNS [FILE]...\n"
        + "Try 'grep --help' for more information.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return 2;
  }

  private static List<Pattern> compile(Tool t, List<String> texts, char syntax, boolean ignoreCase,
      boolean words, boolean lines) throws PosixRegex.SyntaxError, IOException {
    int flags = Pattern.DOTALL | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    if (ignoreCase) {
      flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    List<Pattern> patterns = new ArrayList<>();
    for (String text : texts) {
      for (String one : text.split("\n", -1)) {
        String regex;
        if (syntax == 'F') {
          regex = Pattern.quote(one);
        } else {
          PosixRegex.Translation tr = PosixRegex.translate(one, syntax == 'E');
          for (String w : tr.warnings()) {
            t.error("warning: " + w);
          }
          regex = tr.regex();
        }
        if (lines) {
          regex = "^(?:" + regex + ")$";
        } else if (words) {
          regex = "(?<!\\w)(?:" + regex + ")(?!\\w)";
        }
        try {
          patterns.add(Pattern.compile(regex, flags));
        } catch (PatternSyntaxException e) {
          throw new PosixRegex.SyntaxError(e.getDescription());
        }
      }
    }
    return patterns;
  }

  private static void operand(Tool t, Search s, String operand, boolean implicitDot) throws IOException {
    if (operand.equals("-")) {
      search(t, s, t.stdin(), STDIN_NAME);
      return;
    }
    FileStat stat;
    try {
      stat = t.stat(operand);
    } catch (ResourceException e) {
      fail(t, s, operand, e);
      return;
    }
    if (!stat.isDirectory()) {
      read(t, s, operand, operand);
      return;
    }
    if (!s.recursive) {
      fail(t, s, operand, new ResourceException(ResourceException.Reason.IS_A_DIRECTORY, operand));
      return;
    }
    if (s.names == null) {
      s.names = true;
    }
    walk(t, s, operand, implicitDot ? "" : operand);
  }

  private static void walk(Tool t, Search s, String operand, String shown) throws IOException {
    List<FileStat> entries;
    try {
      entries = t.fs().list(t.resolve(operand));
    } catch (ResourceException e) {
      fail(t, s, shown, e);
      return;
    }
    for (FileStat entry : entries) {
      String child = operand.endsWith("/") ? operand + entry.name() : operand + "/" + entry.name();
      String childShown = shown.isEmpty() ? entry.name()
          : shown.endsWith("/") ? shown + entry.name() : shown + "/" + entry.name();
      if (entry.isDirectory()) {
        walk(t, s, child, childShown);
      } else {
        read(t, s, child, childShown);
      }
    }
  }

  private static void read(Tool t, Search s, String operand, String shown) throws IOException {
    InputStream data;
    try {
      data = t.open(operand);
    } catch (ResourceException e) {
      fail(t, s, shown, e);
      return;
    }
    try (data) {
      search(t, s, data, shown);
    }
  }

  private static void fail(Tool t, Search s, String shown, ResourceException e) throws IOException {
    s.error = true;
    if (!s.silent) {
      t.error(shown + ": " + Tool.message(e));
    }
  }

  /**
   * Searches one input as it is read. As GNU grep does, input is binary once a NUL byte has been
   * read (it reads {@value NulWatch#PIECE} bytes at a time): the input's output ends there. A line
   * about to be printed that is not UTF-8 (with {@code -o}: a match) is left out, and the lines
   * after it are printed. When a line was held back either way, {@code binary file matches} goes
   * to stderr after the input's output. Counting ({@code -c}, {@code -l}, {@code -q}) is not
   * affected.
   */
  private static void search(Tool t, Search s, InputStream in, String name) throws IOException {
    NulWatch data = new NulWatch(in);
    boolean showName = Boolean.TRUE.equals(s.names);
    String prefix = showName ? name + ":" : "";
    long count = 0;
    long number = 0;
    boolean heldBack = false;
    Lines.Source lines = Lines.of(data);
    for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
      number++;
      boolean match = s.literals != null ? containsAny(line, s.literals) : matches(s.patterns, line.text());
      if (match == s.invert) {
        continue;
      }
      count++;
      s.selected = true;
      if (s.quiet) {
        throw new Done();
      }
      if (s.listFiles) {
        break;
      }
      if (s.count) {
        continue;
      }
      if (data.sawNul()) {
        heldBack = true;
        break;
      }
      String lead = s.numbers ? prefix + number + ":" : prefix;
      if (s.onlyMatching) {
        if (!s.invert) {
          heldBack |= printMatches(t, s.patterns, line.text(), lead, isBinary(line));
        }
        continue;
      }
      if (isBinary(line)) {
        heldBack = true;
        continue;
      }
      t.print(lead);
      line.writeTerminated(t);
    }
    if (heldBack) {
      t.error(name + ": binary file matches");
    }
    if (s.listFiles) {
      if (count > 0) {
        t.print(name + "\n");
      }
    } else if (s.count) {
      t.print(prefix + count + "\n");
    }
  }

  /**
   * Prints each non-empty match of the line, leftmost first and longest at its start, as POSIX
   * matching finds them; in a line that is not UTF-8 ({@code binary}), a match holding bytes that
   * are not is held back. Returns whether one was.
   */
  private static boolean printMatches(Tool t, List<Pattern> patterns, String text, String lead, boolean binary)
      throws IOException {
    boolean heldBack = false;
    int pos = 0;
    while (pos <= text.length()) {
      int bestStart = -1;
      int bestEnd = -1;
      for (Pattern p : patterns) {
        Matcher m = p.matcher(text);
        if (!m.find(pos)) {
          continue;
        }
        int end = longest(p, text, m.start(), m.end());
        if (bestStart < 0 || m.start() < bestStart || m.start() == bestStart && end > bestEnd) {
          bestStart = m.start();
          bestEnd = end;
        }
      }
      if (bestStart < 0) {
        return heldBack;
      }
      if (bestEnd > bestStart) {
        String match = text.substring(bestStart, bestEnd);
        if (binary && match.indexOf('\uFFFD') >= 0) {
          heldBack = true;
        } else {
          t.print(lead + match + "\n");
        }
        pos = bestEnd;
      } else {
        pos = bestStart < text.length() ? text.offsetByCodePoints(bestStart, 1) : bestStart + 1;
      }
    }
    return heldBack;
  }

  /** The furthest end of a match of {@code p} from {@code start}; Java stops at the first alternative that fits. */
  private static int longest(Pattern p, String text, int start, int end) {
    if (p.pattern().indexOf('|') < 0) {
      return end;
    }
    Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int e = text.length(); e > end; e--) {
      if (m.region(start, e).matches()) {
        return e;
      }
    }
    return end;
  }

  /** The characters that make a basic or extended regular expression more than plain text. */
  private static final String REGEX_CHARACTERS = "\\.[]*^$+?(){}|";

  /** Each pattern as ASCII bytes, or null when one of them is not plain ASCII text. */
  private static byte[][] literals(List<String> texts, char syntax) {
    List<byte[]> literals = new ArrayList<>();
    for (String text : texts) {
      for (String one : text.split("\n", -1)) {
        for (int i = 0; i < one.length(); i++) {
          char c = one.charAt(i);
          if (c >= 0x80 || syntax != 'F' && REGEX_CHARACTERS.indexOf(c) >= 0) {
            return null;
          }
        }
        literals.add(one.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
    }
    return literals.toArray(new byte[0][]);
  }

  /**
   * Whether the line's bytes hold one of the ASCII texts. An ASCII byte is never part of a UTF-8
   * sequence of several bytes, so this is what matching the decoded line would find.
   */
  private static boolean containsAny(Lines.Line line, byte[][] literals) {
    byte[] buf = line.buf();
    for (byte[] literal : literals) {
      int last = line.end() - literal.length;
      for (int i = line.start(); i <= last; i++) {
        if (literal.length == 0
            || buf[i] == literal[0] && Arrays.equals(buf, i, i + literal.length, literal, 0, literal.length)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(List<Pattern> patterns, String line) {
    for (Pattern p : patterns) {
      if (p.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }

  /** An input that notes whether a NUL byte has been read, reading at most {@link #PIECE} bytes at a time. */
  private static final class NulWatch extends FilterInputStream {
    static final int PIECE = 32 * 1024;
    private boolean sawNul;

    NulWatch(InputStream in) {
      super(in);
    }

    boolean sawNul() {
      return sawNul;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      sawNul |= b == 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, Math.min(len, PIECE));
      for (int i = off; i < off + n && !sawNul; i++) {
        sawNul = b[i] == 0;
      }
      return n;
    }
  }

  /** Whether a line holds NUL bytes or bytes that are not UTF-8, as GNU grep checks in a UTF-8 locale. */
  private static boolean isBinary(Lines.Line line) {
    return isBinary(line.buf(), line.start(), line.end());
  }

  /** NUL bytes or bytes that are not UTF-8 make data binary, as in GNU grep in a UTF-8 locale. */
  static boolean isBinary(byte[] data) {
    return isBinary(data, 0, data.length);
  }

  private static boolean isBinary(byte[] data, int from, int to) {
    int i = from;
    while (i < to) {
      int b = data[i] & 0xff;
      if (b == 0) {
        return true;
      }
      if (b < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (b >= 0xc2 && b <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return true;
      }
      if (i + n >= to) {
        return true;
      }
      int cp = b & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int c = data[i + k] & 0xff;
        if ((c & 0xc0) != 0x80) {
          return true;
        }
        cp = cp << 6 | c & 0x3f;
      }
      if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
        return true;
      }
      i += n + 1;
    }
    return false;
  }
}
