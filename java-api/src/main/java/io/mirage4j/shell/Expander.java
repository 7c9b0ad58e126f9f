package io.mirage4j.shell;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Ast.Part;
import io.mirage4j.shell.syntax.Ast.Word;
import java.util.ArrayList;
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
  /** Whether a command substitution ran, so that {@code $?} is its status. */
  private boolean substituted;

  Expander(ShellState state, WorkspaceFs fs, Substitution substitution) {
    this.state = state;
    this.fs = fs;
    this.substitution = substitution;
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
    List<String> out = new ArrayList<>();
    List<Word> braced = new ArrayList<>();
    for (Word w : words) {
      braced.addAll(BraceExpansion.expand(w));
    }
    for (Word w : braced) {
      Fields fields = new Fields();
      for (int i = 0; i < w.parts().size(); i++) {
        part(fields, w.parts().get(i), i == 0);
      }
      for (Fields.Field f : fields.done()) {
        if (Glob.hasPattern(f.text(), f.active())) {
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
        if (inner instanceof Ast.Param param && param.op().isEmpty() && "@".equals(allKind(param))) {
          fields.appendSeparate(elements(param));
        } else if (inner instanceof Ast.Quoted q) {
          fields.append(q.text(), false);
        } else {
          fields.append(value(inner), false);
        }
      }
    } else if (p instanceof Ast.Param param && allKind(param) != null && param.op().isEmpty()) {
      for (String arg : elements(param)) {
        fields.split(arg);
        fields.breakField();
      }
    } else {
      fields.split(value(p));
    }
  }

  private String tilde(String text) {
    if (text.equals("~") || text.startsWith("~/")) {
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
      return captured.replaceFirst("\n+$", "");
    }
    if (p instanceof Ast.Arith a) {
      return Long.toString(arithmetic(string(a.expression())));
    }
    throw new IllegalStateException("not an expansion: " + p);
  }

  /** An arithmetic expression's value; bash's message when it is malformed. */
  long arithmetic(String expression) {
    try {
      return Arithmetic.evaluate(expression, this::lookup, state::set);
    } catch (ArithmeticException e) {
      String shown = expression.stripLeading();
      shown = shown.length() > 100 ? shown.substring(0, 100) + "…" : shown;
      throw new ExpansionException(shown + ": " + e.getMessage());
    }
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
    switch (name) {
      case "?":
        return Integer.toString(state.lastStatus());
      case "#":
        return Integer.toString(state.positional().size());
      case "@":
      case "*":
        return String.join(" ", state.positional());
      case "$":
        return "1";
      case "0":
        return "mirage";
      case "-":
        return "";
      case "!":
        return null;
      default:
        break;
    }
    if (Character.isDigit(name.charAt(0))) {
      int n = Integer.parseInt(name);
      return n <= state.positional().size() ? state.positional().get(n - 1) : null;
    }
    return state.get(name);
  }

  private String param(Ast.Param p) {
    String all = allKind(p);
    if (all != null && p.op().equals("#")) {
      return Integer.toString(elements(p).size());
    }
    String value;
    if (all != null) {
      List<String> values = elements(p);
      value = values.isEmpty() && p.index() != null && state.array(p.name()) == null && state.get(p.name()) == null
          ? null : String.join(" ", values);
    } else {
      value = p.index() == null ? lookup(p.name()) : element(p.name(), p.index());
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
        return trim(value == null ? "" : value, p.op(), pattern(p.arg()));
    }
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
    record Field(String text, BitSet active) {}

    private final List<Field> done = new ArrayList<>();
    private StringBuilder text = new StringBuilder();
    private BitSet active = new BitSet();
    private boolean started;

    void append(String s, boolean globActive) {
      if (globActive) {
        active.set(text.length(), text.length() + s.length());
      }
      text.append(s);
      started = true;
    }

    /** Quotes make a field even when empty: {@code ""} is one empty argument. */
    void markQuoted() {
      started = true;
    }

    /** Unquoted expansion result: split on blanks and newlines; the pieces may glob. */
    void split(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n') {
          breakField();
        } else {
          active.set(text.length());
          text.append(c);
          started = true;
        }
      }
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
        done.add(new Field(text.toString(), active));
      }
      text = new StringBuilder();
      active = new BitSet();
      started = false;
    }

    List<Field> done() {
      breakField();
      return done;
    }
  }

}
