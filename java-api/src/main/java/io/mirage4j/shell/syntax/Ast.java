package io.mirage4j.shell.syntax;

import java.util.List;

/**
 * The syntax tree of a command line. Every node is an immutable record. {@link Parser} makes it and
 * the shell's interpreter runs it; not part of the stable API.
 *
 * <pre>{@code
 * Ast.Script script = Parser.parse("echo hi | wc -l");
 * Ast.Pipeline p = script.items().get(0).first();
 * p.commands().size(); // 2
 * }</pre>
 */
public final class Ast {
  private Ast() {}

  /** Commands run one after the other ({@code ;} or newline). */
  public record Script(List<AndOr> items) {
    public Script {
      items = List.copyOf(items);
    }
  }

  /**
   * Pipelines joined by {@code &&} and {@code ||}, run in the background when the list ends with
   * {@code &}.
   *
   * @param text the list's source text, as {@code jobs} shows it; null for a list that runs in the
   *     foreground
   */
  public record AndOr(Pipeline first, List<Link> rest, boolean background, String text) {
    public AndOr {
      rest = List.copyOf(rest);
    }

    /** A list that runs in the foreground. */
    public AndOr(Pipeline first, List<Link> rest) {
      this(first, rest, false, null);
    }

    /** This list run in the background ({@code list &}), shown by {@code jobs} as {@code text}. */
    public AndOr inBackground(String text) {
      return new AndOr(first, rest, true, text);
    }
  }

  /** {@code && pipeline} or {@code || pipeline}. */
  public record Link(boolean and, Pipeline pipeline) {}

  /**
   * Commands joined by {@code |}, optionally negated with {@code !}, optionally timed ({@code
   * time}, {@code time -p}).
   *
   * @param time null, {@code "time"} or {@code "time -p"}
   */
  public record Pipeline(boolean negated, List<Command> commands, String time) {
    public Pipeline {
      commands = List.copyOf(commands);
    }

    /** A pipeline that is not timed. */
    public Pipeline(boolean negated, List<Command> commands) {
      this(negated, commands, null);
    }
  }

  /** One command of a pipeline. */
  public sealed interface Command permits Simple, Subshell, Group, For, If, While, FunctionDef, Case, Conditional, ArithCommand,
      ArithFor {
    List<Redirect> redirects();
  }

  /** {@code NAME=value... word... redirections}. */
  public record Simple(List<Assignment> assignments, List<Word> words, List<Redirect> redirects) implements Command {
    public Simple {
      assignments = List.copyOf(assignments);
      words = List.copyOf(words);
      redirects = List.copyOf(redirects);
    }
  }

  /** {@code ( script )}: runs in a copy of the session state. */
  public record Subshell(Script body, List<Redirect> redirects) implements Command {}

  /** {@code { script; }}: runs in the current state. */
  public record Group(Script body, List<Redirect> redirects) implements Command {}

  /** {@code for NAME in words; do script; done}; {@code words} is null without {@code in}. */
  public record For(String name, List<Word> words, Script body, List<Redirect> redirects) implements Command {}

  /** {@code if cond; then body; elif …; else …; fi}. */
  public record If(List<Branch> branches, Script otherwise, List<Redirect> redirects) implements Command {}

  /** One {@code if}/{@code elif} condition and its body. */
  public record Branch(Script condition, Script body) {}

  /** {@code while cond; do body; done}, or {@code until} when {@code until} is true. */
  public record While(boolean until, Script condition, Script body, List<Redirect> redirects) implements Command {}

  /** {@code case WORD in PATTERN|PATTERN) script ;; … esac}. */
  public record Case(Word subject, List<CaseItem> items, List<Redirect> redirects) implements Command {
    public Case {
      items = List.copyOf(items);
    }
  }

  /**
   * One clause of a {@code case}.
   *
   * @param terminator {@code ;;} (stop), {@code ;&} (run the next clause's body too) or {@code ;;&}
   *     (go on testing the next clauses' patterns)
   */
  public record CaseItem(List<Word> patterns, Script body, String terminator) {
    public CaseItem {
      patterns = List.copyOf(patterns);
    }
  }

  /** {@code (( expression ))}: status 0 when the value is not 0. */
  public record ArithCommand(Word expression, List<Redirect> redirects) implements Command {}

  /** {@code for (( init; condition; step )); do body; done}; an empty condition is true. */
  public record ArithFor(Word init, Word condition, Word step, Script body, List<Redirect> redirects)
      implements Command {}

  /** {@code [[ expression ]]}. */
  public record Conditional(CondExpr expression, List<Redirect> redirects) implements Command {}

  /** An expression inside {@code [[ ]]}. */
  public sealed interface CondExpr permits CondAnd, CondOr, CondNot, CondUnary, CondBinary, CondWord {}

  /** {@code left && right}. */
  public record CondAnd(CondExpr left, CondExpr right) implements CondExpr {}

  /** {@code left || right}. */
  public record CondOr(CondExpr left, CondExpr right) implements CondExpr {}

  /** {@code ! expression}. */
  public record CondNot(CondExpr expression) implements CondExpr {}

  /** {@code -op word}: {@code -z}, {@code -n}, {@code -v} and the file tests. */
  public record CondUnary(String op, Word operand) implements CondExpr {}

  /** {@code word op word}: {@code == != =~ < >} and {@code -eq} and the other numeric and file comparisons. */
  public record CondBinary(String op, Word left, Word right) implements CondExpr {}

  /** A lone word: true when it expands to a non-empty string. */
  public record CondWord(Word word) implements CondExpr {}

  /**
   * {@code name() compound-command}.
   *
   * @param text the definition's source text ({@code name() { …; }}), from which it parses again;
   *     null when it was not made by the parser
   */
  public record FunctionDef(String name, Command body, String text) implements Command {
    /** A definition without its source text. */
    public FunctionDef(String name, Command body) {
      this(name, body, null);
    }

    @Override
    public List<Redirect> redirects() {
      return List.of();
    }
  }

  /**
   * {@code NAME=value} before a command, or alone; also {@code NAME+=value}, {@code NAME[i]=value}
   * and {@code NAME=(…)}.
   *
   * @param index the subscript of {@code NAME[index]=}, or null
   * @param append whether it is {@code +=}
   * @param elements the elements of {@code NAME=(…)}, or null for a plain value
   */
  public record Assignment(String name, Word value, Word index, boolean append, List<ArrayElement> elements) {
    /** A plain {@code NAME=value}. */
    public Assignment(String name, Word value) {
      this(name, value, null, false, null);
    }
  }

  /** One element of {@code NAME=(…)}: {@code value} or {@code [index]=value}. */
  public record ArrayElement(Word index, Word value) {}

  /** The kinds of redirection. */
  public enum RedirectOp {
    /** {@code [n]> file} */
    WRITE,
    /** {@code [n]>> file} */
    APPEND,
    /** {@code [n]< file} */
    READ,
    /** {@code [n]<> file}: read and written, created when missing, never truncated */
    READ_WRITE,
    /** {@code [n]>&m}, {@code [n]<&m} */
    DUPLICATE,
    /** {@code &> file} */
    WRITE_BOTH,
    /** {@code &>> file} */
    APPEND_BOTH,
    /** {@code [n]<< DELIM}: the body is in {@link Redirect#heredoc()} */
    HEREDOC,
    /** {@code [n]<<< word} */
    HERE_STRING
  }

  /**
   * One redirection.
   *
   * @param fd the descriptor redirected (0 for input, 1 for output unless given)
   * @param op what to do
   * @param target the file, the descriptor to duplicate, or the here-string
   * @param heredoc the here-document's body, for {@link RedirectOp#HEREDOC}
   */
  public record Redirect(int fd, RedirectOp op, Word target, Heredoc heredoc) {}

  /**
   * A here-document. Its body follows the line that names it, so the parser fills it in once it
   * reaches that line; after parsing it never changes.
   */
  public static final class Heredoc {
    private final boolean literal;
    private Word body = new Word(List.of());

    Heredoc(boolean literal) {
      this.literal = literal;
    }

    /** The body: a word to expand ({@code <<EOF}), or one quoted literal ({@code <<'EOF'}). */
    public Word body() {
      return body;
    }

    /** Whether the delimiter was quoted, so the body is taken literally. */
    public boolean literal() {
      return literal;
    }

    void fill(Word body) {
      this.body = body;
    }

    /** Equal to a here-document of the same kind and body, as the records around it compare. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Heredoc h && h.literal == literal && h.body.equals(body);
    }

    @Override
    public int hashCode() {
      return Boolean.hashCode(literal) * 31 + body.hashCode();
    }
  }

  /** A word before expansion: the parts as written. */
  public record Word(List<Part> parts) {
    public Word {
      parts = List.copyOf(parts);
    }

    /** The word's text if it is a plain unquoted literal, else null. */
    public String literalText() {
      return parts.size() == 1 && parts.get(0) instanceof Literal l ? l.text() : null;
    }
  }

  /** A piece of a word. */
  public sealed interface Part permits Literal, Quoted, DoubleQuoted, Param, CommandSub, Arith, AssignWord {}

  /**
   * An argument of {@code declare}, {@code local} or {@code typeset} written as an assignment
   * ({@code local -a x=(1 2)}): parsed as one, not expanded as a word.
   */
  public record AssignWord(Assignment assignment) implements Part {}

  /** Unquoted text: subject to field splitting (when it came from expansion) and globbing. */
  public record Literal(String text) implements Part {}

  /** Text that was quoted or escaped: taken as is. */
  public record Quoted(String text) implements Part {}

  /** {@code "…"}: expansions inside, no splitting or globbing. */
  public record DoubleQuoted(List<Part> parts) implements Part {
    public DoubleQuoted {
      parts = List.copyOf(parts);
    }
  }

  /**
   * {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${#NAME}}, ….
   *
   * @param name the parameter: a variable name, a digit, or one of {@code ? # @ * $ 0}
   * @param op the operator ({@code ""}, {@code ":-"}, {@code "-"}, {@code ":="}, {@code "="},
   *     {@code ":+"}, {@code "+"}, {@code ":?"}, {@code "?"}, {@code "#"} (length), {@code "%"},
   *     {@code "%%"}, {@code "#p"}, {@code "##"}, {@code "/"}, {@code "//"}, {@code "/#"}, {@code "/%"},
   *     {@code ":"} (substring: {@code arg} is {@code offset[:length]}), {@code "^"}, {@code "^^"},
   *     {@code ","}, {@code ",,"}, {@code "!"} (indirection, or the subscripts with {@code [@]}), {@code "!prefix"} ({@code
   *     ${!NAME*}} and {@code ${!NAME@}}: the names of the variables that start with NAME, with
   *     {@code index} the literal {@code *} or {@code @}))
   * @param arg the operator's word, or null
   * @param index the subscript of {@code ${NAME[index]}} ({@code @} and {@code *} as literal
   *     words), or null
   * @param replacement the replacement of {@code ${NAME/pattern/replacement}} (whose pattern is
   *     {@code arg}), or null
   */
  public record Param(String name, String op, Word arg, Word index, Word replacement) implements Part {
    /** A parameter without a subscript. */
    public Param(String name, String op, Word arg) {
      this(name, op, arg, null, null);
    }

    /** A parameter with a subscript. */
    public Param(String name, String op, Word arg, Word index) {
      this(name, op, arg, index, null);
    }

    /** The subscript's text when it is {@code @} or {@code *} (all elements), else null. */
    public String allElements() {
      String text = index == null ? null : index.literalText();
      return "@".equals(text) || "*".equals(text) ? text : null;
    }
  }

  /** {@code $(script)} or {@code `script`}. */
  public record CommandSub(Script script) implements Part {}

  /** {@code $((expression))}; the expression is expanded before it is evaluated. */
  public record Arith(Word expression) implements Part {}
}
