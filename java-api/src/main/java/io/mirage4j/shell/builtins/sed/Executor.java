package io.mirage4j.shell.builtins.sed;

import io.mirage4j.shell.builtins.sed.Script.Address;
import io.mirage4j.shell.builtins.sed.Script.Command;
import io.mirage4j.shell.builtins.sed.Script.Part;
import io.mirage4j.shell.builtins.sed.Script.Regex;
import io.mirage4j.shell.builtins.sed.Script.Substitution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link Script} over lines, one cycle per line as GNU sed does: the line goes into the
 * pattern space, the commands run, the pattern space is printed unless {@code -n}, then what
 * {@code a}, {@code r} and {@code R} queued. Only the current line (and the next, to know whether
 * this one is the last) is held, plus what {@code N}, {@code H} and {@code G} gather.
 *
 * <pre>{@code
 * Executor ex = new Executor(script, quiet, 70, '\n', files);
 * boolean more = ex.process(source); // false once q or Q ran
 * int status = ex.exitStatus();
 * }</pre>
 */
public final class Executor {

  /**
   * One input line without its delimiter; {@code terminated} unless it was the input's last
   * and had none.
   *
   * <pre>{@code
   * new Executor.Line("text", true);
   * }</pre>
   */
  public record Line(String text, boolean terminated) {}

  /**
   * The lines of the input, with a look ahead to tell the last one.
   *
   * <pre>{@code
   * Executor.Source src = ...; // the front's own reader over the input files
   * }</pre>
   */
  public interface Source {
    /** The next line, or null at the end. */
    Line next() throws IOException;

    /** Whether no line follows the last one {@link #next} returned. */
    boolean atEnd() throws IOException;

    /** The name of the file the last line came from ({@code -} for standard input). */
    String fileName();
  }

  /**
   * Where output goes: the main output, and the files {@code r R w W} name.
   *
   * <pre>{@code
   * Executor.Files files = ...; // the front's bridge to the workspace's files
   * }</pre>
   */
  public interface Files {
    /** Writes to the main output. */
    void out(String text) throws IOException;

    /** Appends to a file a {@code w} command names (it was emptied before the first line). */
    void write(String file, String text) throws IOException;

    /** The whole of a file, or null when it cannot be read (then {@code r} prints nothing). */
    String read(String file) throws IOException;

    /** A file's lines for {@code R}, or null when it cannot be read. */
    Source lines(String file) throws IOException;
  }

  private final List<Command> commands;
  private final boolean quiet;
  private final long lineLength;
  private final char delimiter;
  private final Files files;
  private final boolean[] active;
  private final long[] rangeEnd;
  private final Map<String, Source> readers = new HashMap<>();
  private final Map<String, Boolean> writerMissingNewline = new HashMap<>();
  private final List<String[]> append = new ArrayList<>();
  private Pattern lastRegex;
  private String ps;
  private boolean psTerminated = true;
  private String hold = "";
  private long lineNumber;
  private boolean replaced;
  private boolean missingNewline;
  private int exitStatus;
  private Source source;

  /**
   * @param lineLength the width {@code l} wraps at ({@code -l N}, 70 by default; 0 never wraps)
   * @param delimiter what ends a line: {@code '\n'}, or NUL with {@code -z}
   */
  public Executor(Script script, boolean quiet, long lineLength, char delimiter, Files files) {
    this.commands = script.commands();
    this.quiet = quiet || script.quiet();
    this.lineLength = lineLength;
    this.delimiter = delimiter;
    this.files = files;
    this.active = new boolean[commands.size()];
    this.rangeEnd = new long[commands.size()];
  }

  /** The status {@code q N} or {@code Q N} asked for, else 0. */
  public int exitStatus() {
    return exitStatus;
  }

  /** Line numbers start again at 1, as with {@code -s} and {@code -i} for each file. */
  public void restartLineNumbers() {
    lineNumber = 0;
  }

  /**
   * Runs the script over every line of {@code input}; returns false when {@code q} or {@code Q}
   * ended it, so no further input is read.
   */
  public boolean process(Source input) throws IOException {
    this.source = input;
    missingNewline = false;
    boolean reuse = false;
    while (true) {
      if (!reuse) {
        Line line = input.next();
        if (line == null) {
          return true;
        }
        ps = line.text();
        psTerminated = line.terminated();
        lineNumber++;
        replaced = false;
      }
      reuse = false;
      int end = runCycle();
      switch (end) {
        case END -> {
          if (!quiet) {
            printPattern();
          }
          dumpAppend();
        }
        case DELETE -> dumpAppend();
        case RESTART -> {
          dumpAppend();
          reuse = true;
        }
        case QUIT -> {
          if (!quiet) {
            printPattern();
          }
          dumpAppend();
          return false;
        }
        case QUIT_SILENT -> {
          dumpAppend();
          return false;
        }
        case EOF_END -> {
          if (!quiet) {
            printPattern();
          }
          dumpAppend();
          return true;
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  private static final int END = 0;
  private static final int DELETE = 1;
  private static final int RESTART = 2;
  private static final int QUIT = 3;
  private static final int QUIT_SILENT = 4;
  private static final int EOF_END = 5;

  private int runCycle() throws IOException {
    int pc = 0;
    while (pc < commands.size()) {
      Command c = commands.get(pc);
      if (!selected(c)) {
        pc = c.name() == '{' ? c.jump() : pc + 1;
        continue;
      }
      pc++;
      switch (c.name()) {
        case '{', '}', ':', '#' -> {
          // structure only
        }
        case '=' -> out(lineNumber + "\n");
        case 'a' -> append.add(new String[] {"text", c.text()});
        case 'i' -> out(c.text());
        case 'c' -> {
          if (c.a2() == null || c.negated() || !active[c.index()]) {
            out(c.text());
          }
          return DELETE;
        }
        case 'd' -> {
          return DELETE;
        }
        case 'D' -> {
          int nl = ps.indexOf(delimiter);
          if (nl < 0) {
            return DELETE;
          }
          ps = ps.substring(nl + 1);
          return RESTART;
        }
        case 'F' -> out(source.fileName() + "\n");
        case 'g' -> ps = hold;
        case 'G' -> ps = ps + delimiter + hold;
        case 'h' -> hold = ps;
        case 'H' -> hold = hold + delimiter + ps;
        case 'x' -> {
          String t = ps;
          ps = hold;
          hold = t;
        }
        case 'z' -> ps = "";
        case 'l' -> list(c.number() < 0 ? lineLength : c.number());
        case 'L' -> {
          // obsolete in GNU sed; does nothing
        }
        case 'n' -> {
          if (source.atEnd()) {
            return EOF_END;
          }
          if (!quiet) {
            printPattern();
          }
          if (!readNext(false)) {
            return EOF_END;
          }
        }
        case 'N' -> {
          if (source.atEnd()) {
            return EOF_END;
          }
          if (!readNext(true)) {
            return EOF_END;
          }
        }
        case 'p' -> printPattern();
        case 'P' -> {
          int nl = ps.indexOf(delimiter);
          if (nl < 0) {
            printPattern();
          } else {
            out(ps.substring(0, nl + 1));
          }
        }
        case 'q' -> {
          exitStatus = (int) c.number();
          return QUIT;
        }
        case 'Q' -> {
          exitStatus = (int) c.number();
          return QUIT_SILENT;
        }
        case 'r' -> append.add(new String[] {"file", c.text()});
        case 'R' -> {
          Source r = readers.computeIfAbsent(c.text(), f -> {
            try {
              return files.lines(f);
            } catch (IOException e) {
              return null;
            }
          });
          Line l = r == null ? null : r.next();
          if (l != null) {
            append.add(new String[] {"text", l.text() + "\n"});
          }
        }
        case 'w' -> writeTo(c.text(), ps, psTerminated);
        case 'W' -> {
          int nl = ps.indexOf(delimiter);
          writeTo(c.text(), nl < 0 ? ps : ps.substring(0, nl), true);
        }
        case 's' -> substitute(c.subst());
        case 'y' -> ps = transliterate(ps, c.from(), c.to());
        case 'b' -> pc = c.jump() < 0 ? commands.size() : c.jump();
        case 't' -> {
          if (replaced) {
            replaced = false;
            pc = c.jump() < 0 ? commands.size() : c.jump();
          }
        }
        case 'T' -> {
          if (!replaced) {
            pc = c.jump() < 0 ? commands.size() : c.jump();
          } else {
            replaced = false;
          }
        }
        default -> throw new IllegalStateException("command " + c.name());
      }
    }
    return END;
  }

  private boolean readNext(boolean join) throws IOException {
    dumpAppend();
    Line line = source.next();
    if (line == null) {
      return false;
    }
    lineNumber++;
    ps = join ? ps + delimiter + line.text() : line.text();
    psTerminated = line.terminated();
    return true;
  }

  // ---- addresses

  private boolean selected(Command c) throws IOException {
    if (c.a1() == null) {
      return true;
    }
    boolean m = c.a2() == null ? matches(c.a1()) : inRange(c);
    return m != c.negated();
  }

  private boolean inRange(Command c) throws IOException {
    int i = c.index();
    Address a2 = c.a2();
    if (!active[i]) {
      boolean start;
      if (c.a1().kind() == Script.AddressKind.ZERO) {
        start = lineNumber >= 1 && rangeEnd[i] == 0;
        if (start) {
          rangeEnd[i] = -1;
          active[i] = true;
          if (matches(a2)) {
            active[i] = false;
          }
          return true;
        }
        return false;
      }
      start = matches(c.a1());
      if (!start) {
        return false;
      }
      switch (a2.kind()) {
        case LINE -> {
          if (a2.n() <= lineNumber) {
            return true;
          }
        }
        case PLUS -> {
          if (a2.n() == 0) {
            return true;
          }
          rangeEnd[i] = lineNumber + a2.n();
        }
        case MULTIPLE -> {
          if (a2.n() <= 0 || lineNumber % a2.n() == 0) {
            return true;
          }
          rangeEnd[i] = (lineNumber / a2.n() + 1) * a2.n();
        }
        default -> {
          // checked from the next line
        }
      }
      active[i] = true;
      return true;
    }
    switch (a2.kind()) {
      case LINE, PLUS, MULTIPLE -> {
        long end = a2.kind() == Script.AddressKind.LINE ? a2.n() : rangeEnd[i];
        if (lineNumber >= end) {
          active[i] = false;
        }
        return lineNumber <= end;
      }
      default -> {
        if (matches(a2)) {
          active[i] = false;
        }
        return true;
      }
    }
  }

  private boolean matches(Address a) throws IOException {
    return switch (a.kind()) {
      case LINE -> lineNumber == a.n();
      case LAST -> source.atEnd();
      case STEP -> a.step() <= 0 ? lineNumber == a.n() : lineNumber >= a.n() && (lineNumber - a.n()) % a.step() == 0;
      case REGEX -> pattern(a.regex()).matcher(ps).find();
      case ZERO, PLUS, MULTIPLE -> false;
    };
  }

  private Pattern pattern(Regex r) {
    if (r.pattern() == null) {
      if (lastRegex == null) {
        throw new NoPreviousRegex();
      }
      return lastRegex;
    }
    lastRegex = r.pattern();
    return lastRegex;
  }

  /**
   * An empty expression ran before any other: GNU sed's {@code no previous regular expression}.
   *
   * <pre>{@code
   * // sed 's//x/'
   * }</pre>
   */
  public static final class NoPreviousRegex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoPreviousRegex() {
      super("-e expression #1, char 0: no previous regular expression", null, false, false);
    }
  }

  // ---- s and y

  private void substitute(Substitution s) throws IOException {
    Matcher m = pattern(s.regex()).matcher(ps);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int count = 0;
    int previousEnd = -1;
    int len = ps.length();
    while (from <= len && m.find(from)) {
      int start = m.start();
      int end = m.end();
      if (start == end && start == previousEnd) {
        if (start >= len) {
          break;
        }
        from = start + Character.charCount(ps.codePointAt(start));
        continue;
      }
      count++;
      if (count >= s.occurrence()) {
        if (out == null) {
          out = new StringBuilder(len + 16);
        }
        out.append(ps, copied, start);
        replace(out, m, s.replacement());
        copied = end;
        if (!s.global()) {
          break;
        }
      }
      previousEnd = end;
      from = start == end ? (end < len ? end + Character.charCount(ps.codePointAt(end)) : len + 1) : end;
    }
    if (out == null) {
      return;
    }
    out.append(ps, copied, len);
    ps = out.toString();
    replaced = true;
    if (s.print()) {
      printPattern();
    }
    if (s.writeFile() != null) {
      writeTo(s.writeFile(), ps, psTerminated);
    }
  }

  private static void replace(StringBuilder out, Matcher m, List<Part> parts) {
    char mode = 0;
    char once = 0;
    for (Part p : parts) {
      if (p.caseOp() != 0) {
        switch (p.caseOp()) {
          case 'U', 'L' -> {
            mode = p.caseOp();
            once = 0;
          }
          case 'E' -> {
            mode = 0;
            once = 0;
          }
          default -> once = p.caseOp();
        }
        continue;
      }
      String text = p.text() != null ? p.text() : m.group(p.group());
      if (text == null || text.isEmpty()) {
        continue;
      }
      if (mode == 0 && once == 0) {
        out.append(text);
        continue;
      }
      String rest = text;
      if (once != 0) {
        int n = Character.charCount(text.codePointAt(0));
        String first = text.substring(0, n);
        out.append(once == 'u' ? first.toUpperCase(java.util.Locale.ROOT) : first.toLowerCase(java.util.Locale.ROOT));
        rest = text.substring(n);
        once = 0;
      }
      out.append(mode == 'U' ? rest.toUpperCase(java.util.Locale.ROOT)
          : mode == 'L' ? rest.toLowerCase(java.util.Locale.ROOT) : rest);
    }
  }

  private static String transliterate(String text, String from, String to) {
    int[] f = from.codePoints().toArray();
    int[] t = to.codePoints().toArray();
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      for (int k = 0; k < f.length; k++) {
        if (f[k] == cp) {
          sb.appendCodePoint(t[k]);
          return;
        }
      }
      sb.appendCodePoint(cp);
    });
    return sb.toString();
  }

  // ---- output

  private void out(String text) throws IOException {
    if (missingNewline) {
      missingNewline = false;
      files.out(String.valueOf(delimiter));
    }
    files.out(text);
  }

  private void printPattern() throws IOException {
    out(ps);
    if (psTerminated) {
      files.out(String.valueOf(delimiter));
    } else {
      missingNewline = true;
    }
  }

  private void writeTo(String file, String text, boolean terminated) throws IOException {
    if (file.equals("/dev/stdout")) {
      out(text);
      if (terminated) {
        files.out(String.valueOf(delimiter));
      } else {
        missingNewline = true;
      }
      return;
    }
    StringBuilder sb = new StringBuilder();
    if (Boolean.TRUE.equals(writerMissingNewline.get(file))) {
      sb.append(delimiter);
    }
    sb.append(text);
    if (terminated) {
      sb.append(delimiter);
    }
    writerMissingNewline.put(file, !terminated);
    files.write(file, sb.toString());
  }

  private void dumpAppend() throws IOException {
    for (String[] a : append) {
      if (a[0].equals("text")) {
        out(a[1]);
      } else {
        String content = files.read(a[1]);
        if (content != null && !content.isEmpty()) {
          out(content);
        }
      }
    }
    append.clear();
  }

  private void list(long width) throws IOException {
    StringBuilder sb = new StringBuilder();
    StringBuilder line = new StringBuilder();
    byte[] bytes = ps.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int v = b & 0xff;
      String esc = switch (v) {
        case '\\' -> "\\\\";
        case 7 -> "\\a";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case 11 -> "\\v";
        default -> v >= 0x20 && v < 0x7f ? String.valueOf((char) v) : String.format("\\%03o", v);
      };
      if (width > 0 && line.length() + esc.length() > width - 1) {
        sb.append(line).append("\\\n");
        line.setLength(0);
      }
      line.append(esc);
    }
    sb.append(line).append("$\n");
    out(sb.toString());
  }
}
