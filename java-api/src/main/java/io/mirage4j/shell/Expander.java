package io.mirage4j.shell;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Ast.Part;
import io.mirage4j.shell.syntax.Ast.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Expands words as bash does, in bash's order: parameters, command substitution and arithmetic;
 * field splitting of unquoted results; pathname expansion; quote removal.
 */
final class Expander {

  /** Runs a command substitution and returns what it printed. */
  @FunctionalInterface
  interface Substitution {
    String capture(Ast.Script script);
  }

  /** An expansion that cannot go on: {@code ${X:?}}, bad arithmetic. Reported as {@code mirage: …}, status 1. */
  static final class ExpansionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExpansionException(String message) {
      super(message);
    }
  }

  private final ShellState state;
  private final WorkspaceFs fs;
  private final Substitution substitution;
  /** Prints a message of an error that ends the shell ({@code set -u}). */
  private final java.util.function.Consumer<String> fatal;
  /** Whether a command substitution ran, so that {@code $?} is its status. */
  private boolean substituted;

  Expander(ShellState state, WorkspaceFs fs, Substitution substitution) {
    this(state, fs, substitution, message -> { });
  }

  Expander(ShellState state, WorkspaceFs fs, Substitution substitution, java.util.function.Consumer<String> fatal) {
    this.state = state;
    this.fs = fs;
    this.substitution = substitution;
    this.fatal = fatal;
  }

  /**
   * The status a command without a name leaves in {@code $?}: the last command substitution's,
   * or 0 when there was none.
   */
  int substitutionStatus() {
    return substituted ? state.lastStatus() : 0;
  }

  /** Full expansion of command words into fields. */
  List<String> fields(List<Word> words) {
    List<String> out = new ArrayList<>(words.size());
    Fields fields = new Fields();
    for (Word w : BraceExpansion.expandAll(words)) {
      fields.startWord();
      for (int i = 0; i < w.parts().size(); i++) {
        part(fields, w.parts().get(i), i == 0);
      }
      for (Fields.Field f : fields.done()) {
        if (f.active() != null && Glob.hasPattern(f.text(), f.active())) {
          List<String> matches = Glob.expand(f.text(), f.active(), state.cwd(), fs);
          out.addAll(matches.isEmpty() ? List.of(f.text()) : matches);
        } else {
          out.add(f.text());
        }
      }
    }
    return out;
  }

  /** Expansion into one string, without splitting or globbing (assignments, redirection targets, here-documents). */
  String string(Word word) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < word.parts().size(); i++) {
      Part p = word.parts().get(i);
      if (p instanceof Ast.Literal l) {
        sb.append(i == 0 ? tilde(l.text()) : l.text());
      } else if (p instanceof Ast.Quoted q) {
        sb.append(q.text());
      } else if (p instanceof Ast.DoubleQuoted d) {
        sb.append(string(new Word(d.parts())));
      } else {
        sb.append(value(p));
      }
    }
    return sb.toString();
  }

  private void part(Fields fields, Part p, boolean first) {
    if (p instanceof Ast.Literal l) {
      fields.append(first ? tilde(l.text()) : l.text(), true);
    } else if (p instanceof Ast.Quoted q) {
      fields.append(q.text(), false);
    } else if (p instanceof Ast.DoubleQuoted d) {
      fields.markQuoted();
      for (Part inner : d.parts()) {
        if (inner instanceof Ast.Param param && perElement(param) && "@".equals(allKind(param))) {
          fields.appendSeparate(transformed(param));
        } else if (inner instanceof Ast.Quoted q) {
          fields.append(q.text(), false);
        } else {
          fields.append(value(inner), false);
        }
      }
    } else if (p instanceof Ast.Param param && allKind(param) != null && perElement(param)) {
      for (String arg : transformed(param)) {
        fields.split(arg, state.get("IFS"));
        fields.breakField();
      }
    } else {
      fields.split(value(p), state.get("IFS"));
    }
  }

  private String tilde(String text) {
    if (text.isEmpty() || text.charAt(0) != '~') {
      return text;
    }
    if (text.length() == 1 || text.charAt(1) == '/') {
      String home = state.get("HOME");
      return home == null ? text : home + text.substring(1);
    }
    return text;
  }

  private String value(Part p) {
    if (p instanceof Ast.Param param) {
      return param(param);
    }
    if (p instanceof Ast.CommandSub sub) {
      String captured = substitution.capture(sub.script());
      substituted = true;
      return withoutTrailingNewlines(captured);
    }
    if (p instanceof Ast.Arith a) {
      return Long.toString(arithmetic(string(a.expression())));
    }
    throw new IllegalStateException("not an expansion: " + p);
  }

  /** What a command substitution yields: the captured output without its trailing newlines. */
  private static String withoutTrailingNewlines(String captured) {
    int end = captured.length();
    while (end > 0 && captured.charAt(end - 1) == '\n') {
      end--;
    }
    return captured.substring(0, end);
  }

  /** An arithmetic expression's value; bash's message when it is malformed. */
  long arithmetic(String expression) {
    try {
      return Arithmetic.evaluate(expression, this::lookup, this::assignFromArithmetic);
    } catch (ArithmeticException e) {
      String shown = expression.stripLeading();
      shown = shown.length() > 100 ? shown.substring(0, 100) + "…" : shown;
      throw new ExpansionException(shown + ": " + e.getMessage());
    }
  }

  /** The operators that test whether a parameter is set, so {@code set -u} lets it be unset. */
  private static final java.util.Set<String> NOUNSET_EXEMPT =
      java.util.Set.of(":-", "-", ":=", "=", ":+", "+", ":?", "?");

  private static final java.util.Set<String> PER_ELEMENT =
      java.util.Set.of("", "/", "//", "/#", "/%", "^", "^^", ",", ",,", "#p", "##", "%", "%%", ":", "!", "!prefix");

  /** Whether the operator applies to each value of {@code $@} or {@code ${a[@]}} on its own. */
  private static boolean perElement(Ast.Param p) {
    return PER_ELEMENT.contains(p.op());
  }

  /** The values of an all-elements parameter after its operator. */
  private List<String> transformed(Ast.Param p) {
    if (p.op().equals(":")) {
      return slice(p);
    }
    if (p.op().equals("!")) {
      return keys(p);
    }
    if (p.op().equals("!prefix")) {
      return state.namesStartingWith(p.name());
    }
    List<String> out = new ArrayList<>();
    for (String v : elements(p)) {
      out.add(p.op().isEmpty() ? v : operate(p, v));
    }
    return out;
  }

  /** {@code ${!a[@]}}: the subscripts of an array (0 for a set scalar). */
  private List<String> keys(Ast.Param p) {
    java.util.Map<String, String> array = state.array(p.name());
    if (array != null) {
      return new ArrayList<>(array.keySet());
    }
    return state.get(p.name()) == null ? List.of() : List.of("0");
  }

  /** {@code ${@:offset:length}} and {@code ${a[@]:offset:length}}. */
  private List<String> slice(Ast.Param p) {
    List<String> values;
    if (p.index() == null) {
      values = new ArrayList<>();
      values.add("mirage");
      values.addAll(state.positional());
    } else {
      values = elements(p);
    }
    long[] range = range(p.arg(), values.size());
    if (range == null) {
      return List.of();
    }
    return new ArrayList<>(values.subList((int) range[0], (int) range[1]));
  }

  /**
   * {@code offset[:length]} over {@code size} things: the start and end, or null when the offset
   * is past either end.
   */
  private long[] range(Word arg, int size) {
    String text = string(arg);
    int colon = text.indexOf(':');
    long offset = arithmetic(colon < 0 ? text : text.substring(0, colon));
    if (offset < 0) {
      offset += size;
    }
    if (offset < 0 || offset > size) {
      return null;
    }
    long end = size;
    if (colon >= 0) {
      long length = arithmetic(text.substring(colon + 1));
      if (length < 0) {
        end = size + length;
        if (end < offset) {
          throw new ExpansionException(text.substring(colon + 1).strip() + ": substring expression < 0");
        }
      } else {
        end = Math.min(size, offset + length);
      }
    }
    return new long[] {offset, end};
  }

  /** The string operators that apply to one value: replace, substring, case, trim. */
  private String operate(Ast.Param p, String value) {
    switch (p.op()) {
      case "/", "//", "/#", "/%":
        return replace(value, p);
      case ":": {
        int[] cps = value.codePoints().toArray();
        long[] range = range(p.arg(), cps.length);
        return range == null ? "" : new String(cps, (int) range[0], (int) (range[1] - range[0]));
      }
      case "^", "^^", ",", ",,":
        return changeCase(value, p);
      default:
        return trim(value, p.op(), pattern(p.arg()));
    }
  }

  /** {@code ${x/p/r}}, {@code ${x//p/r}}, {@code ${x/#p/r}}, {@code ${x/%p/r}}; an unquoted {@code &} in r is the match. */
  private String replace(String value, Ast.Param p) {
    GlobPattern pattern = pattern(p.arg());
    boolean emptyPattern = p.arg().parts().isEmpty();
    if (emptyPattern && (p.op().equals("/") || p.op().equals("//"))) {
      return value;
    }
    int[] cps = value.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    switch (p.op()) {
      case "/#": {
        int end = pattern.longestMatchAt(cps, 0);
        if (end < 0) {
          return value;
        }
        out.append(replacement(p, new String(cps, 0, end))).append(new String(cps, end, cps.length - end));
        return out.toString();
      }
      case "/%": {
        for (int start = 0; start <= cps.length; start++) {
          if (pattern.longestMatchAt(cps, start) == cps.length) {
            return new String(cps, 0, start) + replacement(p, new String(cps, start, cps.length - start));
          }
        }
        return value;
      }
      default: {
        boolean global = p.op().equals("//");
        int i = 0;
        boolean replaced = false;
        while (i < cps.length) {
          int end = (global || !replaced) ? pattern.longestMatchAt(cps, i) : -1;
          if (end > i) {
            out.append(replacement(p, new String(cps, i, end - i)));
            replaced = true;
            i = end;
          } else {
            out.appendCodePoint(cps[i]);
            i++;
          }
        }
        return out.toString();
      }
    }
  }

  /** The replacement word with each unquoted {@code &} standing for the matched text. */
  private String replacement(Ast.Param p, String matched) {
    if (p.replacement() == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Part part : p.replacement().parts()) {
      if (part instanceof Ast.Literal l) {
        sb.append(l.text().replace("&", matched));
      } else {
        sb.append(string(new Word(List.of(part))));
      }
    }
    return sb.toString();
  }

  /** {@code ^ ^^ , ,,}: the first (or every) character matching the pattern ({@code ?} when none) changes case. */
  private String changeCase(String value, Ast.Param p) {
    GlobPattern pattern = p.arg() == null || p.arg().parts().isEmpty() ? null : pattern(p.arg());
    boolean upper = p.op().startsWith("^");
    boolean all = p.op().length() == 2;
    StringBuilder sb = new StringBuilder();
    int[] cps = value.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if ((all || i == 0) && (pattern == null || pattern.matches(new String(Character.toChars(cp))))) {
        cp = upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp);
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  /** An assignment inside arithmetic: {@code x=1} or {@code a[2]=1} (the subscript already evaluated). */
  private void assignFromArithmetic(String name, String value) {
    int bracket = name.indexOf('[');
    if (bracket < 0) {
      state.set(name, value);
      return;
    }
    String array = name.substring(0, bracket);
    String key = name.substring(bracket + 1, name.length() - 1);
    java.util.Map<String, String> elements = ShellState.emptyArray(state.associative(array));
    java.util.Map<String, String> old = state.array(array);
    if (old != null) {
      elements.putAll(old);
    } else if (state.get(array) != null) {
      elements.put("0", state.get(array));
    }
    elements.put(key, value);
    state.setArray(array, elements, state.associative(array));
  }

  /** {@code @} or {@code *} when the parameter stands for several values ({@code $@}, {@code ${a[*]}}), else null. */
  private static String allKind(Ast.Param p) {
    if (p.index() == null && (p.name().equals("@") || p.name().equals("*"))) {
      return p.name();
    }
    return p.allElements();
  }

  /** The values of {@code $@}, {@code $*}, {@code ${a[@]}} or {@code ${a[*]}}. */
  private List<String> elements(Ast.Param p) {
    if (p.index() == null) {
      return state.positional();
    }
    java.util.Map<String, String> array = state.array(p.name());
    if (array != null) {
      return new ArrayList<>(array.values());
    }
    String value = state.get(p.name());
    return value == null ? List.of() : List.of(value);
  }

  /** {@code ${NAME[subscript]}}: an element, or null when unset. */
  private String element(String name, Word index) {
    java.util.Map<String, String> array = state.array(name);
    if (state.associative(name)) {
      return array.get(string(index));
    }
    long i = arithmetic(string(index));
    if (array == null) {
      return i == 0 || i == -1 ? state.get(name) : null;
    }
    if (i < 0 && !array.isEmpty()) {
      i += Long.parseLong(((java.util.SortedMap<String, String>) array).lastKey()) + 1;
    }
    return array.get(Long.toString(i));
  }

  private String lookup(String name) {
    int bracket = name.indexOf('[');
    if (bracket > 0 && name.endsWith("]")) {
      String key = name.substring(bracket + 1, name.length() - 1);
      String array = name.substring(0, bracket);
      java.util.Map<String, String> elements = state.array(array);
      if (elements == null) {
        return key.equals("0") ? state.get(array) : null;
      }
      return elements.get(key);
    }
    switch (name) {
      case "?":
        return Integer.toString(state.lastStatus());
      case "#":
        return Integer.toString(state.positional().size());
      case "@":
        return String.join(" ", state.positional());
      case "*":
        return String.join(starSeparator(), state.positional());
      case "$":
        return "1";
      case "0":
        return "mirage";
      case "-":
        return "";
      case "!":
        return state.lastJobPid();
      default:
        break;
    }
    if (Character.isDigit(name.charAt(0))) {
      int n = Integer.parseInt(name);
      return n <= state.positional().size() ? state.positional().get(n - 1) : null;
    }
    return state.get(name);
  }

  /** What joins the elements of {@code $*} and {@code ${a[*]}}: the first character of IFS, a space when it is unset. */
  private String starSeparator() {
    String ifs = state.get("IFS");
    return ifs == null ? " " : ifs.isEmpty() ? "" : ifs.substring(0, 1);
  }

  private String param(Ast.Param p) {
    String all = allKind(p);
    if (all != null && p.op().equals("#")) {
      return Integer.toString(elements(p).size());
    }
    if (all != null && p.op().equals("!prefix")) {
      String ifs = state.get("IFS");
      String separator = "*".equals(all) && ifs != null ? ifs.isEmpty() ? "" : ifs.substring(0, 1) : " ";
      return String.join(separator, transformed(p));
    }
    if (all != null && perElement(p) && !p.op().isEmpty()) {
      return String.join("*".equals(all) ? starSeparator() : " ", transformed(p));
    }
    if (p.op().equals("!")) {
      String target = lookup(p.name());
      if (target == null || target.isEmpty()) {
        return "";
      }
      return indirect(target);
    }
    String value;
    if (all != null) {
      List<String> values = elements(p);
      value = values.isEmpty() && p.index() != null && state.array(p.name()) == null && state.get(p.name()) == null
          ? null : String.join("*".equals(all) ? starSeparator() : " ", values);
    } else {
      value = p.index() == null ? lookup(p.name()) : element(p.name(), p.index());
      if (value == null && state.option("nounset") && !NOUNSET_EXEMPT.contains(p.op())) {
        String shown = p.index() != null ? p.name() + "[" + string(p.index()) + "]"
            : ShellState.isName(p.name()) ? p.name() : "$" + p.name();
        fatal.accept(shown + ": unbound variable");
        throw new ExitException(127);
      }
    }
    boolean colon = p.op().startsWith(":");
    boolean missing = value == null || colon && value.isEmpty();
    switch (p.op()) {
      case "":
        return value == null ? "" : value;
      case "#":
        return Integer.toString(value == null ? 0 : value.codePointCount(0, value.length()));
      case ":-":
      case "-":
        return missing ? string(p.arg()) : value;
      case ":=":
      case "=":
        if (missing) {
          String assigned = string(p.arg());
          state.set(p.name(), assigned);
          return assigned;
        }
        return value;
      case ":+":
      case "+":
        return missing ? "" : string(p.arg());
      case ":?":
      case "?":
        if (missing) {
          String message = string(p.arg());
          throw new ExpansionException(p.name() + ": " + (message.isEmpty() ? "parameter null or not set" : message));
        }
        return value;
      default:
        return value == null ? "" : operate(p, value);
    }
  }

  /** {@code ${!x}}: the value of the parameter whose name (or {@code name[subscript]}) {@code x} holds. */
  private String indirect(String target) {
    int bracket = target.indexOf('[');
    if (bracket > 0 && target.endsWith("]")) {
      String name = target.substring(0, bracket);
      String subscript = target.substring(bracket + 1, target.length() - 1);
      if (subscript.equals("@") || subscript.equals("*")) {
        return String.join(" ", elements(new Ast.Param(name, "", null, new Word(List.of(new Ast.Literal(subscript))))));
      }
      String value = element(name, new Word(List.of(new Ast.Literal(subscript))));
      return value == null ? "" : value;
    }
    if (!ShellState.isName(target) && !target.matches("[0-9]+|[?#@*$!0-]")) {
      throw new ExpansionException(target + ": invalid variable name");
    }
    String value = lookup(target);
    return value == null ? "" : value;
  }

  /**
   * A word expanded as a pattern: what was quoted ({@code "*"}, {@code \*}) stays literal, the
   * rest (literal text and unquoted expansions) may match.
   */
  GlobPattern pattern(Word word) {
    StringBuilder text = new StringBuilder();
    BitSet active = new BitSet();
    for (Part p : word.parts()) {
      String piece;
      boolean special;
      if (p instanceof Ast.Literal l) {
        piece = l.text();
        special = true;
      } else if (p instanceof Ast.Quoted q) {
        piece = q.text();
        special = false;
      } else if (p instanceof Ast.DoubleQuoted d) {
        piece = string(new Word(d.parts()));
        special = false;
      } else {
        piece = value(p);
        special = true;
      }
      if (special) {
        active.set(text.length(), text.length() + piece.length());
      }
      text.append(piece);
    }
    return GlobPattern.compile(text.toString(), active);
  }

  /** {@code ${x%pat}}, {@code ${x%%pat}}, {@code ${x#pat}}, {@code ${x##pat}}. */
  private static String trim(String value, String op, GlobPattern pattern) {
    return pattern.remove(value, op.startsWith("%"), op.equals("%%") || op.equals("##"));
  }

  /** Fields under construction; each character remembers whether it may act as a glob character. */
  private static final class Fields {
    private static final int[] NO_RANGES = new int[0];

    /** A finished field; {@code active} marks the characters that may glob, null when none of its * ? [ may. */
    record Field(String text, BitSet active) {}

    private final List<Field> done = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    /** The ranges of the field so far whose characters may glob: start and end, pair after pair. */
    private int[] activeRanges = NO_RANGES;
    private int activeEnd;
    private boolean started;

    void append(String s, boolean globActive) {
      if (globActive) {
        activate(text.length(), text.length() + s.length());
      }
      text.append(s);
      started = true;
    }

    /** Quotes make a field even when empty: {@code ""} is one empty argument. */
    void markQuoted() {
      started = true;
    }

    /**
     * Unquoted expansion result, split as bash splits it on {@code ifs} (null: unset, which splits
     * as space, tab and newline do); the pieces may glob.
     */
    void split(String s, String ifs) {
      if (ifs == null || ifs.equals(" \t\n")) {
        split(s);
      } else if (ifs.isEmpty()) {
        append(s, true);
      } else {
        splitOn(s, ifs);
      }
    }

    /**
     * Splitting on a set IFS: its space, tab and newline characters separate fields and are
     * dropped at the ends; each of its other characters, with the IFS white space around it, ends
     * one field, so two in a row make an empty field between them, and one at the start an empty
     * first field (one at the end makes no empty last field).
     */
    private void splitOn(String s, String ifs) {
      boolean mayGlob = Glob.hasPatternCharacter(s);
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (ifs.indexOf(c) < 0) {
          int end = i + 1;
          while (end < s.length() && ifs.indexOf(s.charAt(end)) < 0) {
            end++;
          }
          if (mayGlob) {
            activate(text.length(), text.length() + end - i);
          }
          text.append(s, i, end);
          started = true;
          i = end;
          continue;
        }
        int end = skipIfsWhite(s, i, ifs);
        if (end < s.length() && !isBlank(s.charAt(end)) && ifs.indexOf(s.charAt(end)) >= 0) {
          started = true;
          breakField();
          end = skipIfsWhite(s, end + 1, ifs);
        } else {
          breakField();
        }
        i = end;
      }
    }

    private static int skipIfsWhite(String s, int from, String ifs) {
      int i = from;
      while (i < s.length() && isBlank(s.charAt(i)) && ifs.indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      return i;
    }

    /** Unquoted expansion result: split on blanks and newlines; the pieces may glob. */
    void split(String s) {
      boolean mayGlob = Glob.hasPatternCharacter(s);
      int i = 0;
      while (i < s.length()) {
        if (isBlank(s.charAt(i))) {
          breakField();
          i++;
          continue;
        }
        int end = i + 1;
        while (end < s.length() && !isBlank(s.charAt(end))) {
          end++;
        }
        if (text.length() == 0 && end < s.length()) {
          wholeField(s.substring(i, end), mayGlob);
        } else {
          activate(text.length(), text.length() + end - i);
          text.append(s, i, end);
          started = true;
        }
        i = end;
      }
    }

    /**
     * A field that is one run of an unquoted expansion, blanks on both sides: all of it may glob,
     * which matters only if the expansion had a pattern character.
     */
    private void wholeField(String field, boolean mayGlob) {
      BitSet active = null;
      if (mayGlob && Glob.hasPatternCharacter(field)) {
        active = new BitSet(field.length());
        active.set(0, field.length());
      }
      done.add(new Field(field, active));
      started = false;
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t' || c == '\n';
    }

    private void activate(int from, int to) {
      if (from >= to) {
        return;
      }
      if (activeEnd > 0 && activeRanges[activeEnd - 1] == from) {
        activeRanges[activeEnd - 1] = to;
        return;
      }
      if (activeEnd == activeRanges.length) {
        activeRanges = Arrays.copyOf(activeRanges, Math.max(8, activeEnd * 2));
      }
      activeRanges[activeEnd++] = from;
      activeRanges[activeEnd++] = to;
    }

    /** The characters of {@code field} that may glob; null when none of its pattern characters may. */
    private BitSet active(String field) {
      if (activeEnd == 0 || !Glob.hasPatternCharacter(field)) {
        return null;
      }
      BitSet active = new BitSet(field.length());
      for (int i = 0; i < activeEnd; i += 2) {
        active.set(activeRanges[i], activeRanges[i + 1]);
      }
      return active;
    }

    /** {@code "$@"}: each argument its own field, joined to the text around it at the ends. */
    void appendSeparate(List<String> args) {
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          breakField();
        }
        append(args.get(i), false);
      }
      if (args.isEmpty() && text.length() == 0) {
        started = false;
      }
    }

    void breakField() {
      if (started) {
        String field = text.toString();
        done.add(new Field(field, active(field)));
      }
      text.setLength(0);
      activeEnd = 0;
      started = false;
    }

    /** A new word starts: the fields of the one before are forgotten. */
    void startWord() {
      done.clear();
    }

    /** The fields of the word, until the next one starts. */
    List<Field> done() {
      breakField();
      return done;
    }
  }

}
