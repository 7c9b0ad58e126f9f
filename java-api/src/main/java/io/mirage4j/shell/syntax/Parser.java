package io.mirage4j.shell.syntax;

import io.mirage4j.shell.ShellSyntaxException;
import io.mirage4j.shell.syntax.Ast.AndOr;
import io.mirage4j.shell.syntax.Ast.Assignment;
import io.mirage4j.shell.syntax.Ast.Branch;
import io.mirage4j.shell.syntax.Ast.Command;
import io.mirage4j.shell.syntax.Ast.Heredoc;
import io.mirage4j.shell.syntax.Ast.Link;
import io.mirage4j.shell.syntax.Ast.Part;
import io.mirage4j.shell.syntax.Ast.Pipeline;
import io.mirage4j.shell.syntax.Ast.Redirect;
import io.mirage4j.shell.syntax.Ast.RedirectOp;
import io.mirage4j.shell.syntax.Ast.Script;
import io.mirage4j.shell.syntax.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a command line into an {@link Ast.Script}: a recursive-descent parser over characters
 * for the bash subset mirage4j runs. Newlines inside double quotes are kept, as bash keeps them.
 * Used by the shell; not part of the stable API.
 *
 * <pre>{@code
 * Ast.Script s = Parser.parse("cat <<EOF | wc -l\na\nb\nEOF");
 * Parser.parse("if true"); // throws ShellSyntaxException: syntax error near 'newline'
 * }</pre>
 */
public final class Parser {
  /**
   * How deeply compound commands ({@code ( )}, {@code { }}, {@code if}, loops, function bodies) and
   * substitutions ({@code $( )}, backquotes, {@code ${ }}, {@code $(( ))}) may nest in one line.
   * Chosen so that parsing and running the deepest line fits, with room to spare, in a thread stack
   * of 1 MiB (the JVM's default on 64-bit Linux) even before the JIT compiler has shrunk the frames:
   * measured, command substitutions fit about 490 levels there.
   */
  public static final int MAX_NESTING = 200;

  private static final Set<String> RESERVED =
      Set.of("if", "then", "elif", "else", "fi", "for", "in", "while", "until", "do", "done", "{", "}", "!", "case",
          "esac", "[[", "]]");
  private static final Set<String> UNARY_TESTS = Set.of("-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p",
      "-r", "-s", "-t", "-u", "-w", "-x", "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R");
  private static final Set<String> BINARY_TESTS = Set.of("==", "=", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt",
      "-ge", "-nt", "-ot", "-ef");
  private static final String WORD_END = " \t\n;&|<>()";

  private final String src;
  private int pos;
  private int depth;
  private final List<PendingHeredoc> pendingHeredocs = new ArrayList<>();

  private record PendingHeredoc(String delimiter, boolean stripTabs, Heredoc heredoc) {}

  private Parser(String src, int depth) {
    this.src = src;
    this.depth = depth;
  }

  /**
   * Parses a whole command line.
   *
   * @throws ShellSyntaxException naming the text where parsing failed
   */
  public static Script parse(String source) {
    return parse(source, 0);
  }

  /** Parses a line that is itself nested {@code depth} levels deep (a command substitution's). */
  static Script parse(String source, int depth) {
    checkNesting(depth, source, 0);
    Parser p = new Parser(source, depth);
    Script script = p.script(Set.of(), false);
    if (!p.atEnd()) {
      throw p.errorHere();
    }
    p.readPendingHeredocs();
    return script;
  }

  /** Refuses one level too many, before the recursion that would parse it. */
  static void checkNesting(int depth, String src, int from) {
    if (depth > MAX_NESTING) {
      throw ShellSyntaxException.nestingTooDeep(MAX_NESTING, src.substring(from, Math.min(src.length(), from + 20)));
    }
  }

  // ---- scripts and lists -------------------------------------------------------------------

  /** Commands until the end, a closing {@code )} (when {@code inParens}) or one of {@code keywords}. */
  private Script script(Set<String> keywords, boolean inParens) {
    List<AndOr> items = new ArrayList<>();
    while (true) {
      skipNewlines();
      if (atEnd() || inParens && peek() == ')' || keywordAhead(keywords) || caseTerminatorAhead()) {
        return new Script(items);
      }
      int start = pos;
      items.add(andOr());
      skipBlanks();
      if (peekIs('&') && !lookingAt("&&")) {
        String text = src.substring(start, pos).strip();
        items.set(items.size() - 1, items.get(items.size() - 1).inBackground(text));
        pos++;
        skipBlanks();
        if (atEnd() || peek() == '\n' || inParens && peek() == ')' || keywordAhead(keywords)
            || caseTerminatorAhead()) {
          continue;
        }
        if (peek() == ';' || peek() == '&') {
          throw errorHere();
        }
        continue;
      }
      if (atEnd() || peek() == '\n') {
        continue;
      }
      if (peek() == ';' && !caseTerminatorAhead()) {
        pos++;
        continue;
      }
      if (inParens && peek() == ')' || keywordAhead(keywords) || caseTerminatorAhead()) {
        return new Script(items);
      }
      throw errorHere();
    }
  }

  /** {@code ;;}, {@code ;&} or {@code ;;&}: the end of a {@code case} clause (an error elsewhere). */
  private boolean caseTerminatorAhead() {
    return lookingAt(";;") || lookingAt(";&");
  }

  private Script body(Set<String> keywords, boolean inParens) {
    Script s = script(keywords, inParens);
    if (s.items().isEmpty()) {
      throw errorHere();
    }
    return s;
  }

  private AndOr andOr() {
    Pipeline first = pipeline();
    List<Link> rest = new ArrayList<>();
    while (true) {
      skipBlanks();
      boolean and = lookingAt("&&");
      if (!and && !lookingAt("||")) {
        return new AndOr(first, rest);
      }
      pos += 2;
      skipNewlines();
      rest.add(new Link(and, pipeline()));
    }
  }

  private Pipeline pipeline() {
    skipBlanks();
    if (keywordAhead(Set.of("time"))) {
      pos += 4;
      skipBlanks();
      String time = "time";
      if (lookingAt("-p") && (pos + 2 >= src.length() || " \t\n;&|".indexOf(src.charAt(pos + 2)) >= 0)) {
        pos += 2;
        time = "time -p";
        skipBlanks();
      }
      if (atEnd() || ";&|)\n".indexOf(peek()) >= 0 && !lookingAt("&>")) {
        return new Pipeline(false, List.of(), time);
      }
      Pipeline timed = pipeline();
      return new Pipeline(timed.negated(), timed.commands(), time);
    }
    boolean negated = false;
    if (keywordAhead(Set.of("!"))) {
      pos++;
      negated = true;
    }
    List<Command> commands = new ArrayList<>();
    commands.add(command());
    while (true) {
      skipBlanks();
      if (!(peekIs('|') && !lookingAt("||"))) {
        return new Pipeline(negated, commands);
      }
      pos++;
      skipNewlines();
      commands.add(command());
    }
  }

  // ---- commands ----------------------------------------------------------------------------

  private Command command() {
    checkNesting(++depth, src, pos);
    try {
      return unnestedCommand();
    } finally {
      depth--;
    }
  }

  private Command unnestedCommand() {
    skipBlanks();
    if (atEnd()) {
      throw errorHere();
    }
    if (lookingAt("((")) {
      return new Ast.ArithCommand(arithmeticText(), redirects());
    }
    if (peek() == '(') {
      pos++;
      Script s = body(Set.of(), true);
      expect(')');
      return new Ast.Subshell(s, redirects());
    }
    String word = bareWordAhead();
    if (word != null) {
      switch (word) {
        case "{" -> {
          pos++;
          Script s = body(Set.of("}"), false);
          expectKeyword("}");
          return new Ast.Group(s, redirects());
        }
        case "if" -> {
          return ifCommand();
        }
        case "for" -> {
          return forCommand();
        }
        case "case" -> {
          return caseCommand();
        }
        case "[[" -> {
          return conditional();
        }
        case "while", "until" -> {
          pos += word.length();
          Script condition = body(Set.of("do"), false);
          expectKeyword("do");
          Script loopBody = body(Set.of("done"), false);
          expectKeyword("done");
          return new Ast.While(word.equals("until"), condition, loopBody, redirects());
        }
        default -> {
          if (RESERVED.contains(word)) {
            throw errorHere();
          }
          if (functionDefinitionAhead(word)) {
            return functionDefinition(word);
          }
        }
      }
    }
    return simpleCommand();
  }

  private Command ifCommand() {
    expectKeyword("if");
    List<Branch> branches = new ArrayList<>();
    Script otherwise = null;
    while (true) {
      Script condition = body(Set.of("then"), false);
      expectKeyword("then");
      Script then = body(Set.of("elif", "else", "fi"), false);
      branches.add(new Branch(condition, then));
      if (keywordAhead(Set.of("elif"))) {
        expectKeyword("elif");
        continue;
      }
      if (keywordAhead(Set.of("else"))) {
        expectKeyword("else");
        otherwise = body(Set.of("fi"), false);
      }
      expectKeyword("fi");
      return new Ast.If(branches, otherwise, redirects());
    }
  }

  private Command forCommand() {
    expectKeyword("for");
    skipBlanks();
    if (lookingAt("((")) {
      int start = pos;
      Word all = arithmeticText();
      String text = src.substring(start + 2, pos - 2);
      String[] clauses = text.split(";", -1);
      if (clauses.length != 3 || all == null) {
        throw new ShellSyntaxException("((" + text + "))");
      }
      skipSeparatorsAndOneSemicolon();
      expectKeyword("do");
      Script loopBody = body(Set.of("done"), false);
      expectKeyword("done");
      return new Ast.ArithFor(WordParser.heredocBody(clauses[0], depth), WordParser.heredocBody(clauses[1], depth),
          WordParser.heredocBody(clauses[2], depth), loopBody, redirects());
    }
    String name = bareWordAhead();
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw errorHere();
    }
    pos += name.length();
    List<Word> words = null;
    skipBlanks();
    if (keywordAhead(Set.of("in"))) {
      expectKeyword("in");
      words = new ArrayList<>();
      while (true) {
        skipBlanks();
        if (atEnd() || peek() == ';' || peek() == '\n') {
          break;
        }
        words.add(word());
      }
    }
    skipSeparatorsAndOneSemicolon();
    expectKeyword("do");
    Script loopBody = body(Set.of("done"), false);
    expectKeyword("done");
    return new Ast.For(name, words, loopBody, redirects());
  }

  private Command caseCommand() {
    expectKeyword("case");
    skipBlanks();
    if (atEnd() || WORD_END.indexOf(peek()) >= 0) {
      throw errorHere();
    }
    Word subject = word();
    expectKeyword("in");
    List<Ast.CaseItem> items = new ArrayList<>();
    while (true) {
      skipNewlines();
      if (keywordAhead(Set.of("esac"))) {
        break;
      }
      if (peekIs('(')) {
        pos++;
      }
      List<Word> patterns = new ArrayList<>();
      while (true) {
        skipBlanks();
        if (atEnd() || WORD_END.indexOf(peek()) >= 0) {
          throw errorHere();
        }
        patterns.add(word());
        skipBlanks();
        if (peekIs('|')) {
          pos++;
          continue;
        }
        expect(')');
        break;
      }
      Script clause = script(Set.of("esac"), false);
      skipBlanks();
      String terminator = null;
      for (String t : List.of(";;&", ";;", ";&")) {
        if (lookingAt(t)) {
          terminator = t;
          pos += t.length();
          break;
        }
      }
      items.add(new Ast.CaseItem(patterns, clause, terminator == null ? ";;" : terminator));
      if (terminator == null) {
        break;
      }
    }
    expectKeyword("esac");
    return new Ast.Case(subject, items, redirects());
  }

  /** {@code (( … ))} at the cursor: the expression between, expanded like a here-document. */
  private Word arithmeticText() {
    int start = pos;
    int open = 0;
    for (int p = pos + 2; p < src.length(); p++) {
      char c = src.charAt(p);
      if (c == '(') {
        open++;
      } else if (c == ')') {
        if (open == 0) {
          if (p + 1 < src.length() && src.charAt(p + 1) == ')') {
            pos = p + 2;
            return WordParser.heredocBody(src.substring(start + 2, p), depth);
          }
          break;
        }
        open--;
      }
    }
    throw new ShellSyntaxException(src.substring(start, Math.min(src.length(), start + 20)));
  }

  // ---- [[ … ]] -----------------------------------------------------------------------------

  private Command conditional() {
    pos += 2;
    Ast.CondExpr e = condOr();
    skipNewlines();
    if (!keywordAhead(Set.of("]]"))) {
      throw errorHere();
    }
    pos += 2;
    return new Ast.Conditional(e, redirects());
  }

  private Ast.CondExpr condOr() {
    Ast.CondExpr left = condAnd();
    while (true) {
      skipNewlines();
      if (!lookingAt("||")) {
        return left;
      }
      pos += 2;
      left = new Ast.CondOr(left, condAnd());
    }
  }

  private Ast.CondExpr condAnd() {
    Ast.CondExpr left = condNot();
    while (true) {
      skipNewlines();
      if (!lookingAt("&&")) {
        return left;
      }
      pos += 2;
      left = new Ast.CondAnd(left, condNot());
    }
  }

  private Ast.CondExpr condNot() {
    checkNesting(++depth, src, pos);
    try {
      skipNewlines();
      if (keywordAhead(Set.of("!"))) {
        pos++;
        return new Ast.CondNot(condNot());
      }
      if (peekIs('(')) {
        pos++;
        Ast.CondExpr inner = condOr();
        expect(')');
        return inner;
      }
      return condPrimary();
    } finally {
      depth--;
    }
  }

  private Ast.CondExpr condPrimary() {
    if (atEnd() || WORD_END.indexOf(peek()) >= 0 || keywordAhead(Set.of("]]"))) {
      throw errorHere();
    }
    String bare = bareWordAhead();
    if (bare != null && UNARY_TESTS.contains(bare)) {
      pos += bare.length();
      return new Ast.CondUnary(bare, condOperand());
    }
    Word left = word();
    skipNewlines();
    String op = null;
    if (peekIs('<') || peekIs('>')) {
      op = String.valueOf(peek());
    } else if (bareWordAhead() != null && BINARY_TESTS.contains(bareWordAhead())) {
      op = bareWordAhead();
    }
    if (op == null) {
      return new Ast.CondWord(left);
    }
    pos += op.length();
    Word right = op.equals("=~") ? regexWord() : condOperand();
    return new Ast.CondBinary(op, left, right);
  }

  private Word condOperand() {
    skipNewlines();
    if (atEnd() || WORD_END.indexOf(peek()) >= 0 || keywordAhead(Set.of("]]"))) {
      throw errorHere();
    }
    return word();
  }

  /** The right side of {@code =~}: parentheses and {@code |} belong to the regular expression. */
  private Word regexWord() {
    skipBlanks();
    if (atEnd() || keywordAhead(Set.of("]]")) || "\n;&".indexOf(peek()) >= 0) {
      throw errorHere();
    }
    List<Part> parts = new ArrayList<>();
    int open = 0;
    while (!atEnd()) {
      char c = peek();
      boolean special = WORD_END.indexOf(c) >= 0;
      if (special && open == 0 && (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == ')')) {
        break;
      }
      if (special) {
        if (c == '(') {
          open++;
        } else if (c == ')') {
          open--;
        }
        parts.add(new Ast.Literal(String.valueOf(c)));
        pos++;
      } else {
        parts.addAll(word().parts());
      }
    }
    return new Word(parts);
  }

  private boolean functionDefinitionAhead(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      return false;
    }
    int p = pos + name.length();
    while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
      p++;
    }
    return p < src.length() && src.charAt(p) == '(';
  }

  private Command functionDefinition(String name) {
    int start = pos;
    pos += name.length();
    skipBlanks();
    expect('(');
    skipBlanks();
    expect(')');
    skipNewlines();
    String next = bareWordAhead();
    boolean compound = peekIs('(') || next != null && Set.of("{", "if", "for", "while", "until", "case", "[[").contains(next) || lookingAt("((");
    if (!compound) {
      throw errorHere();
    }
    Command body = command();
    return new Ast.FunctionDef(name, body, src.substring(start, pos).strip());
  }

  private static final Set<String> DECLARATIONS = Set.of("declare", "typeset", "local");

  private Command simpleCommand() {
    List<Assignment> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (redirectAhead()) {
        redirects.add(redirect());
        continue;
      }
      if (atEnd() || ";&|)\n".indexOf(peek()) >= 0) {
        break;
      }
      if (peek() == '(') {
        throw errorHere();
      }
      String name = words.isEmpty() ? null : words.get(0).literalText();
      boolean declaration = name != null && DECLARATIONS.contains(name);
      if (words.isEmpty() || declaration) {
        Assignment a = assignment();
        if (a != null) {
          if (declaration) {
            words.add(new Word(List.of(new Ast.AssignWord(a))));
          } else {
            assignments.add(a);
          }
          continue;
        }
      }
      words.add(word());
    }
    if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
      throw errorHere();
    }
    return new Ast.Simple(assignments, words, redirects);
  }

  /**
   * {@code NAME=value}, {@code NAME+=value}, {@code NAME[i]=value} or {@code NAME=(…)} at the
   * cursor, or null (the cursor unmoved) when the word there is not an assignment.
   */
  private Assignment assignment() {
    int p = pos;
    if (p >= src.length() || !(Character.isLetter(src.charAt(p)) && src.charAt(p) < 128 || src.charAt(p) == '_')) {
      return null;
    }
    while (p < src.length() && (src.charAt(p) < 128 && Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
      p++;
    }
    String name = src.substring(pos, p);
    String subscript = null;
    if (p < src.length() && src.charAt(p) == '[') {
      int open = 0;
      int q = p;
      for (; q < src.length(); q++) {
        char c = src.charAt(q);
        if (c == '[') {
          open++;
        } else if (c == ']' && --open == 0) {
          break;
        } else if (c == '\n') {
          return null;
        }
      }
      if (q >= src.length()) {
        return null;
      }
      subscript = src.substring(p + 1, q);
      p = q + 1;
    }
    boolean append = src.startsWith("+=", p);
    if (!append && !src.startsWith("=", p)) {
      return null;
    }
    pos = p + (append ? 2 : 1);
    Word index = subscript == null ? null : WordParser.subscriptWord(subscript, depth);
    if (subscript == null && peekIs('(')) {
      return new Assignment(name, new Word(List.of()), null, append, arrayElements());
    }
    Word value = atEnd() || WORD_END.indexOf(peek()) >= 0 ? new Word(List.of()) : word();
    return new Assignment(name, value, index, append, null);
  }

  /** {@code (word [index]=word …)} of an array assignment; newlines and comments are blanks here. */
  private List<Ast.ArrayElement> arrayElements() {
    pos++;
    List<Ast.ArrayElement> elements = new ArrayList<>();
    while (true) {
      skipNewlines();
      if (atEnd()) {
        throw errorHere();
      }
      if (peek() == ')') {
        pos++;
        return elements;
      }
      if (WORD_END.indexOf(peek()) >= 0) {
        throw errorHere();
      }
      Word index = null;
      if (peek() == '[') {
        int close = src.indexOf(']', pos);
        if (close > 0 && src.startsWith("=", close + 1)) {
          index = WordParser.subscriptWord(src.substring(pos + 1, close), depth);
          pos = close + 2;
        }
      }
      Word value = atEnd() || WORD_END.indexOf(peek()) >= 0 ? new Word(List.of()) : word();
      elements.add(new Ast.ArrayElement(index, value));
    }
  }

  // ---- redirections ------------------------------------------------------------------------

  private List<Redirect> redirects() {
    List<Redirect> list = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (!redirectAhead()) {
        return list;
      }
      list.add(redirect());
    }
  }

  private boolean redirectAhead() {
    int p = pos;
    while (p < src.length() && Character.isDigit(src.charAt(p))) {
      p++;
    }
    if (p < src.length() && (src.charAt(p) == '<' || src.charAt(p) == '>')) {
      return true;
    }
    return p == pos && lookingAt("&>");
  }

  private Redirect redirect() {
    int start = pos;
    while (Character.isDigit(peekOr(' '))) {
      pos++;
    }
    Integer fd = pos > start ? Integer.valueOf(src.substring(start, pos)) : null;
    RedirectOp op;
    int defaultFd;
    if (lookingAt("&>>")) {
      pos += 3;
      op = RedirectOp.APPEND_BOTH;
      defaultFd = 1;
    } else if (lookingAt("&>")) {
      pos += 2;
      op = RedirectOp.WRITE_BOTH;
      defaultFd = 1;
    } else if (lookingAt("<<<")) {
      pos += 3;
      op = RedirectOp.HERE_STRING;
      defaultFd = 0;
    } else if (lookingAt("<<")) {
      return heredoc(fd == null ? 0 : fd);
    } else if (lookingAt("<>")) {
      pos += 2;
      op = RedirectOp.READ_WRITE;
      defaultFd = 0;
    } else if (lookingAt("<&") || lookingAt(">&")) {
      op = RedirectOp.DUPLICATE;
      defaultFd = peek() == '<' ? 0 : 1;
      pos += 2;
    } else if (lookingAt(">>")) {
      pos += 2;
      op = RedirectOp.APPEND;
      defaultFd = 1;
    } else if (lookingAt(">|")) {
      pos += 2;
      op = RedirectOp.WRITE;
      defaultFd = 1;
    } else if (peek() == '>') {
      pos++;
      op = RedirectOp.WRITE;
      defaultFd = 1;
    } else {
      pos++;
      op = RedirectOp.READ;
      defaultFd = 0;
    }
    skipBlanks();
    if (atEnd() || WORD_END.indexOf(peek()) >= 0) {
      throw errorHere();
    }
    Word target = word();
    if (op == RedirectOp.DUPLICATE && fd == null && defaultFd == 1) {
      String text = target.literalText();
      if (text == null || !text.matches("[0-9]+|-")) {
        op = RedirectOp.WRITE_BOTH;
      }
    }
    return new Redirect(fd == null ? defaultFd : fd, op, target, null);
  }

  private Redirect heredoc(int fd) {
    pos += 2;
    boolean stripTabs = false;
    if (peekIs('-')) {
      pos++;
      stripTabs = true;
    }
    skipBlanks();
    if (atEnd() || WORD_END.indexOf(peek()) >= 0) {
      throw errorHere();
    }
    int start = pos;
    Word delimiter = word();
    String raw = src.substring(start, pos);
    boolean literal = raw.indexOf('\'') >= 0 || raw.indexOf('"') >= 0 || raw.indexOf('\\') >= 0;
    Heredoc heredoc = new Heredoc(literal);
    pendingHeredocs.add(new PendingHeredoc(quoteRemoved(delimiter), stripTabs, heredoc));
    return new Redirect(fd, RedirectOp.HEREDOC, delimiter, heredoc);
  }

  private static String quoteRemoved(Word w) {
    StringBuilder sb = new StringBuilder();
    for (Part p : w.parts()) {
      if (p instanceof Ast.Literal l) {
        sb.append(l.text());
      } else if (p instanceof Ast.Quoted q) {
        sb.append(q.text());
      } else if (p instanceof Ast.DoubleQuoted d) {
        sb.append(quoteRemoved(new Word(d.parts())));
      } else {
        sb.append('$');
      }
    }
    return sb.toString();
  }

  /** Called after a newline is consumed: the bodies of the here-documents named on its line. */
  private void readPendingHeredocs() {
    for (PendingHeredoc pending : pendingHeredocs) {
      StringBuilder body = new StringBuilder();
      while (!atEnd()) {
        int eol = src.indexOf('\n', pos);
        String line = src.substring(pos, eol < 0 ? src.length() : eol);
        pos = eol < 0 ? src.length() : eol + 1;
        if (pending.stripTabs()) {
          line = line.replaceFirst("^\t+", "");
        }
        if (line.equals(pending.delimiter())) {
          break;
        }
        body.append(line).append('\n');
      }
      pending.heredoc().fill(pending.heredoc().literal()
          ? new Word(List.of(new Ast.Quoted(body.toString())))
          : WordParser.heredocBody(body.toString(), depth));
    }
    pendingHeredocs.clear();
  }

  // ---- words -------------------------------------------------------------------------------

  private Word word() {
    WordParser words = new WordParser(src, pos, depth);
    Word w = words.word();
    pos = words.position();
    return w;
  }

  /** The unquoted word at the cursor, if it is one a keyword could be (letters, braces, !). */
  private String bareWordAhead() {
    int p = pos;
    while (p < src.length() && WORD_END.indexOf(src.charAt(p)) < 0) {
      char c = src.charAt(p);
      if (c == '\'' || c == '"' || c == '\\' || c == '$' || c == '`') {
        return null;
      }
      p++;
    }
    return p == pos ? null : src.substring(pos, p);
  }

  private boolean keywordAhead(Set<String> keywords) {
    String w = bareWordAhead();
    return w != null && keywords.contains(w);
  }

  private void expectKeyword(String keyword) {
    skipNewlines();
    if (!keywordAhead(Set.of(keyword))) {
      throw errorHere();
    }
    pos += keyword.length();
  }

  // ---- characters --------------------------------------------------------------------------

  private void skipBlanks() {
    while (!atEnd()) {
      char c = peek();
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        while (!atEnd() && peek() != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void skipNewlines() {
    while (true) {
      skipBlanks();
      if (!peekIs('\n')) {
        return;
      }
      pos++;
      readPendingHeredocs();
    }
  }

  private void skipSeparatorsAndOneSemicolon() {
    skipBlanks();
    if (peekIs(';')) {
      pos++;
    }
    skipNewlines();
  }

  private void expect(char c) {
    skipBlanks();
    if (!peekIs(c)) {
      throw errorHere();
    }
    pos++;
  }

  private boolean atEnd() {
    return pos >= src.length();
  }

  private char peek() {
    return src.charAt(pos);
  }

  private char peekOr(char fallback) {
    return atEnd() ? fallback : peek();
  }

  private boolean peekIs(char c) {
    return !atEnd() && peek() == c;
  }

  private boolean lookingAt(String s) {
    return src.startsWith(s, pos);
  }

  /** A syntax error naming the token at the cursor, or {@code newline} at a line's end. */
  private ShellSyntaxException errorHere() {
    skipBlanks();
    if (atEnd() || peek() == '\n') {
      return new ShellSyntaxException("newline");
    }
    for (String op : List.of(";;", "&&", "||", "<<<", "<<", ">>", "&>", ">&", "<&")) {
      if (lookingAt(op)) {
        return new ShellSyntaxException(op);
      }
    }
    char c = peek();
    if (WORD_END.indexOf(c) >= 0) {
      return new ShellSyntaxException(String.valueOf(c));
    }
    int end = pos;
    while (end < src.length() && WORD_END.indexOf(src.charAt(end)) < 0) {
      end++;
    }
    return new ShellSyntaxException(src.substring(pos, end));
  }
}
