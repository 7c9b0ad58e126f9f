package io.mirage4j.shell.builtins.bc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads bc statements one top-level statement at a time, so that each runs as soon as it is
 * complete, as bc runs them. A syntax error is reported with its line and reading goes on after
 * the end of that line.
 */
final class BcParser {
  private static final Set<String> KEYWORDS = Set.of("if", "else", "while", "for", "break", "continue", "quit",
      "halt", "return", "define", "auto", "print", "length", "sqrt", "scale", "ibase", "obase", "last", "read",
      "limits", "warranty");
  private static final String[] PUNCTS = {"&&", "||", "==", "<=", ">=", "!=", "++", "--", "+=", "-=", "*=", "/=",
      "%=", "^=", "+", "-", "*", "/", "%", "^", "=", "<", ">", "!", "(", ")", "{", "}", "[", "]", ",", ";"};

  /** A syntax error, at a line. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;

    SyntaxError(int line) {
      super(null, null, false, false);
      this.line = line;
    }
  }

  /** {@code quit}: bc stops as soon as it reads it. */
  static final class QuitRead extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QuitRead() {
      super(null, null, false, false);
    }
  }

  private record Token(String kind, String text, int line) {
    boolean is(String s) {
      return (kind.equals("punct") || kind.equals("keyword")) && text.equals(s);
    }
  }

  private final String src;
  private int pos;
  private int line = 1;
  private Token current;
  private boolean atLineStart = true;

  BcParser(String src) {
    this.src = src;
  }

  private Token lex() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
        line++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        int stop = end < 0 ? src.length() : end + 2;
        for (int i = pos; i < stop; i++) {
          if (src.charAt(i) == '\n') {
            line++;
          }
        }
        pos = stop;
      } else {
        break;
      }
    }
    if (pos >= src.length()) {
      return new Token("eof", "", line);
    }
    char c = src.charAt(pos);
    int start = pos;
    if (c == '\n') {
      pos++;
      line++;
      return new Token("newline", "\n", line - 1);
    }
    if (c == '"') {
      int end = src.indexOf('"', pos + 1);
      if (end < 0) {
        pos = src.length();
        throw new SyntaxError(line);
      }
      String text = src.substring(pos + 1, end);
      int startLine = line;
      line += (int) text.chars().filter(ch -> ch == '\n').count();
      pos = end + 1;
      return new Token("string", text, startLine);
    }
    if (Character.isDigit(c) || (c >= 'A' && c <= 'F') || c == '.') {
      while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || (src.charAt(pos) >= 'A'
          && src.charAt(pos) <= 'F') || src.charAt(pos) == '.')) {
        pos++;
      }
      String text = src.substring(start, pos);
      if (text.equals(".")) {
        return new Token("name", "last", line);
      }
      return new Token("number", text, line);
    }
    if ((c >= 'a' && c <= 'z') || c == '_') {
      while (pos < src.length() && ((src.charAt(pos) >= 'a' && src.charAt(pos) <= 'z') || src.charAt(pos) == '_'
          || Character.isDigit(src.charAt(pos)))) {
        pos++;
      }
      String word = src.substring(start, pos);
      return new Token(KEYWORDS.contains(word) && !Set.of("scale", "ibase", "obase", "last").contains(word)
          ? "keyword" : "name", word, line);
    }
    for (String p : PUNCTS) {
      if (src.startsWith(p, pos)) {
        pos += p.length();
        return new Token("punct", p, line);
      }
    }
    pos++;
    throw new SyntaxError(line);
  }

  private Token peek() {
    if (current == null) {
      current = lex();
    }
    return current;
  }

  private Token advance() {
    Token t = peek();
    current = null;
    return t;
  }

  private boolean accept(String s) {
    if (peek().is(s)) {
      advance();
      return true;
    }
    return false;
  }

  private SyntaxError error() {
    Token t = peek();
    return new SyntaxError(t.kind().equals("newline") ? t.line() + 1 : t.line());
  }

  private void expect(String s) {
    if (!accept(s)) {
      throw error();
    }
  }

  private void newlines() {
    while (peek().kind().equals("newline")) {
      advance();
    }
  }

  /** Skips the rest of the line after a syntax error. */
  void recover() {
    if (current != null && current.kind().equals("newline")) {
      current = null;
      return;
    }
    current = null;
    while (pos < src.length() && src.charAt(pos) != '\n') {
      pos++;
    }
    if (pos < src.length()) {
      pos++;
      line++;
    }
  }

  /** The next top-level statement, or null at the end; function definitions go into {@code s}. */
  BcAst.Stmt next(BcState s) {
    while (true) {
      Token t = peek();
      if (t.kind().equals("eof")) {
        return null;
      }
      if (t.kind().equals("newline") || t.is(";")) {
        advance();
        continue;
      }
      if (t.is("define")) {
        advance();
        BcAst.Function f = function();
        s.functions.put(f.name(), f);
        continue;
      }
      BcAst.Stmt st = statement();
      end();
      return st;
    }
  }

  /** Whether the last statement read ended its line. */
  boolean atLineStart() {
    return atLineStart;
  }

  private void end() {
    Token t = peek();
    atLineStart = !t.is(";");
    if (t.kind().equals("newline") || t.is(";")) {
      advance();
    } else if (!t.kind().equals("eof") && !t.is("}")) {
      throw error();
    }
  }

  private BcAst.Function function() {
    Token name = advance();
    if (!name.kind().equals("name")) {
      throw new SyntaxError(name.line());
    }
    expect("(");
    List<String> params = new ArrayList<>();
    while (!peek().is(")")) {
      Token p = advance();
      if (!p.kind().equals("name")) {
        throw new SyntaxError(p.line());
      }
      params.add(p.text());
      if (!peek().is(")")) {
        expect(",");
      }
    }
    advance();
    newlines();
    expect("{");
    newlines();
    List<String> autos = new ArrayList<>();
    if (accept("auto")) {
      do {
        Token a = advance();
        if (!a.kind().equals("name")) {
          throw new SyntaxError(a.line());
        }
        autos.add(a.text());
      } while (accept(","));
      end();
    }
    List<BcAst.Stmt> body = statements();
    expect("}");
    return new BcAst.Function(name.text(), params, autos, new BcAst.Block(body));
  }

  private List<BcAst.Stmt> statements() {
    List<BcAst.Stmt> body = new ArrayList<>();
    while (true) {
      newlines();
      while (accept(";")) {
        newlines();
      }
      if (peek().is("}") || peek().kind().equals("eof")) {
        return body;
      }
      body.add(statement());
      end();
    }
  }

  private BcAst.Stmt statement() {
    Token t = peek();
    if (t.kind().equals("string")) {
      advance();
      return new BcAst.Print(List.of(t.text()), false);
    }
    if (accept("{")) {
      List<BcAst.Stmt> body = statements();
      expect("}");
      return new BcAst.Block(body);
    }
    if (accept("quit")) {
      throw new QuitRead();
    }
    if (accept("halt")) {
      return new BcAst.Jump("halt", null);
    }
    if (accept("break")) {
      return new BcAst.Jump("break", null);
    }
    if (accept("continue")) {
      return new BcAst.Jump("continue", null);
    }
    if (accept("return")) {
      Token n = peek();
      if (n.kind().equals("newline") || n.is(";") || n.is("}") || n.kind().equals("eof")) {
        return new BcAst.Jump("return", null);
      }
      return new BcAst.Jump("return", expr());
    }
    if (accept("print")) {
      List<Object> items = new ArrayList<>();
      do {
        Token item = peek();
        if (item.kind().equals("string")) {
          advance();
          items.add(item.text());
        } else {
          items.add(expr());
        }
      } while (accept(","));
      return new BcAst.Print(items, true);
    }
    if (accept("if")) {
      expect("(");
      BcAst.Expr test = expr();
      expect(")");
      newlines();
      BcAst.Stmt then = statement();
      if (peek().is("else")) {
        advance();
        newlines();
        return new BcAst.If(test, then, statement());
      }
      return new BcAst.If(test, then, null);
    }
    if (accept("while")) {
      expect("(");
      BcAst.Expr test = expr();
      expect(")");
      newlines();
      return new BcAst.Loop(null, test, null, statement());
    }
    if (accept("for")) {
      expect("(");
      BcAst.Expr init = peek().is(";") ? null : expr();
      expect(";");
      BcAst.Expr test = peek().is(";") ? null : expr();
      expect(";");
      BcAst.Expr step = peek().is(")") ? null : expr();
      expect(")");
      newlines();
      return new BcAst.Loop(init, test, step, statement());
    }
    if (peek().kind().equals("newline") || peek().is(";")) {
      return new BcAst.Block(List.of());
    }
    return new BcAst.ExprStmt(expr());
  }

  private BcAst.Expr expr() {
    BcAst.Expr left = and();
    while (accept("||")) {
      left = new BcAst.Logic('|', left, and());
    }
    return left;
  }

  private BcAst.Expr and() {
    BcAst.Expr left = not();
    while (accept("&&")) {
      left = new BcAst.Logic('&', left, not());
    }
    return left;
  }

  private BcAst.Expr not() {
    if (accept("!")) {
      return new BcAst.Logic('!', not(), null);
    }
    return relation();
  }

  private BcAst.Expr relation() {
    BcAst.Expr left = assignment();
    Token t = peek();
    if (t.kind().equals("punct") && Set.of("<", "<=", ">", ">=", "==", "!=").contains(t.text())) {
      advance();
      return new BcAst.Compare(t.text(), left, assignment());
    }
    return left;
  }

  private BcAst.Expr assignment() {
    BcAst.Expr left = additive();
    Token t = peek();
    if (t.kind().equals("punct") && Set.of("=", "+=", "-=", "*=", "/=", "%=", "^=").contains(t.text())) {
      if (!(left instanceof BcAst.LValue lv)) {
        throw error();
      }
      advance();
      return new BcAst.Assign(lv, t.text().charAt(0), assignment());
    }
    return left;
  }

  private BcAst.Expr additive() {
    BcAst.Expr left = multiplicative();
    while (peek().is("+") || peek().is("-")) {
      char op = advance().text().charAt(0);
      left = new BcAst.Binary(op, left, multiplicative());
    }
    return left;
  }

  private BcAst.Expr multiplicative() {
    BcAst.Expr left = power();
    while (peek().is("*") || peek().is("/") || peek().is("%")) {
      char op = advance().text().charAt(0);
      left = new BcAst.Binary(op, left, power());
    }
    return left;
  }

  private BcAst.Expr power() {
    BcAst.Expr base = unary();
    if (accept("^")) {
      return new BcAst.Binary('^', base, power());
    }
    return base;
  }

  private BcAst.Expr unary() {
    if (accept("-")) {
      return new BcAst.Negate(unary());
    }
    if (peek().is("++") || peek().is("--")) {
      int delta = advance().is("++") ? 1 : -1;
      BcAst.Expr target = primary();
      if (!(target instanceof BcAst.LValue lv)) {
        throw error();
      }
      return new BcAst.IncDec(lv, true, delta);
    }
    BcAst.Expr e = primary();
    if (e instanceof BcAst.LValue lv && (peek().is("++") || peek().is("--"))) {
      return new BcAst.IncDec(lv, false, advance().is("++") ? 1 : -1);
    }
    return e;
  }

  private BcAst.Expr primary() {
    Token t = peek();
    if (t.kind().equals("newline") || t.kind().equals("eof")) {
      throw error();
    }
    advance();
    switch (t.kind()) {
      case "number" -> {
        return new BcAst.Num(t.text());
      }
      case "name" -> {
        if (accept("(")) {
          return new BcAst.Call(t.text(), arguments());
        }
        if (accept("[")) {
          BcAst.Expr index = expr();
          expect("]");
          return new BcAst.Element(t.text(), index);
        }
        return new BcAst.Var(t.text());
      }
      case "keyword" -> {
        if (t.text().equals("length") || t.text().equals("sqrt")) {
          expect("(");
          return new BcAst.Call(t.text(), arguments());
        }
        throw new SyntaxError(t.line());
      }
      default -> {
        if (t.is("(")) {
          BcAst.Expr e = expr();
          expect(")");
          return e;
        }
        throw new SyntaxError(t.kind().equals("newline") ? t.line() + 1 : t.line());
      }
    }
  }

  private List<BcAst.Expr> arguments() {
    List<BcAst.Expr> args = new ArrayList<>();
    if (accept(")")) {
      return args;
    }
    do {
      args.add(expr());
    } while (accept(","));
    expect(")");
    return args;
  }
}
