package io.mirage4j.shell.builtins.awk;

import io.mirage4j.shell.builtins.awk.Lexer.Kind;
import io.mirage4j.shell.builtins.awk.Lexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an awk program into an {@link AwkProgram}, by recursive descent over POSIX awk's grammar. */
final class Parser {
  private static final Set<String> ASSIGN = Set.of("=", "+=", "-=", "*=", "/=", "%=", "^=");
  private static final Set<String> RELOPS = Set.of("<", "<=", "==", "!=", ">=", ">");

  private final Lexer lexer;
  private final List<Token> ahead = new ArrayList<>();
  private final AwkProgram program = new AwkProgram();
  private final List<Ast.Call> calls = new ArrayList<>();
  private Map<String, Integer> locals;
  private AwkProgram.Function function;

  private Parser(String source) {
    this.lexer = new Lexer(source);
  }

  static AwkProgram parse(String source) {
    Parser p = new Parser(source);
    p.program();
    for (Ast.Call c : p.calls) {
      c.function = p.program.functions.get(c.name);
      if (c.function == null) {
        throw new Lexer.SyntaxError(c.line, "function " + c.name + " never defined");
      }
    }
    return p.program;
  }

  private Token peek(int k) {
    while (ahead.size() <= k) {
      ahead.add(lexer.next());
    }
    return ahead.get(k);
  }

  private Token peek() {
    return peek(0);
  }

  private Token advance() {
    Token t = peek();
    ahead.remove(0);
    return t;
  }

  private boolean at(String s) {
    return peek().is(s);
  }

  private boolean accept(String s) {
    if (at(s)) {
      advance();
      return true;
    }
    return false;
  }

  private Token expect(String s) {
    if (!at(s)) {
      throw error();
    }
    return advance();
  }

  private Lexer.SyntaxError error() {
    Token t = peek();
    String near = switch (t.kind()) {
      case EOF -> "end of file";
      case NEWLINE -> "end of line";
      case STRING -> "\"" + t.text() + "\"";
      default -> t.text();
    };
    return new Lexer.SyntaxError(t.line(), "syntax error at or near " + near);
  }

  private void newlines() {
    while (peek().kind() == Kind.NEWLINE) {
      advance();
    }
  }

  private void terminators() {
    while (peek().kind() == Kind.NEWLINE || at(";")) {
      advance();
    }
  }

  private void program() {
    terminators();
    while (peek().kind() != Kind.EOF) {
      item();
      terminators();
    }
  }

  private void item() {
    if (accept("function")) {
      functionDefinition();
    } else if (accept("BEGIN")) {
      newlines();
      program.begin.add(block());
    } else if (accept("END")) {
      newlines();
      program.end.add(block());
    } else if (at("{")) {
      program.rules.add(new AwkProgram.Rule(null, null, block()));
    } else {
      Ast.Expr pattern = expr(false);
      Ast.Expr rangeEnd = null;
      if (accept(",")) {
        newlines();
        rangeEnd = expr(false);
      }
      Ast.Stmt action = at("{") ? block() : null;
      program.rules.add(new AwkProgram.Rule(pattern, rangeEnd, action));
    }
  }

  private void functionDefinition() {
    Token name = advance();
    if (name.kind() != Kind.NAME && name.kind() != Kind.FUNC_NAME) {
      throw new Lexer.SyntaxError(name.line(), "syntax error at or near " + name.text());
    }
    if (program.functions.containsKey(name.text())) {
      throw new Lexer.SyntaxError(name.line(), "function " + name.text() + " redefined");
    }
    expect("(");
    List<String> params = new ArrayList<>();
    newlines();
    while (!at(")")) {
      Token p = advance();
      if (p.kind() != Kind.NAME) {
        throw new Lexer.SyntaxError(p.line(), "syntax error at or near " + p.text());
      }
      params.add(p.text());
      newlines();
      if (!at(")")) {
        expect(",");
        newlines();
      }
    }
    advance();
    AwkProgram.Function f = new AwkProgram.Function(name.text(), params);
    program.functions.put(f.name, f);
    function = f;
    locals = new HashMap<>();
    for (int i = 0; i < params.size(); i++) {
      locals.put(params.get(i), i);
    }
    newlines();
    f.body = block();
    function = null;
    locals = null;
  }

  private Ast.Block block() {
    expect("{");
    List<Ast.Stmt> body = new ArrayList<>();
    terminators();
    while (!at("}")) {
      if (peek().kind() == Kind.EOF) {
        throw error();
      }
      body.add(statement());
      terminators();
    }
    advance();
    return new Ast.Block(body);
  }

  private void endSimple() {
    Token t = peek();
    if (t.kind() == Kind.NEWLINE || t.is(";")) {
      advance();
    } else if (!t.is("}") && t.kind() != Kind.EOF) {
      throw error();
    }
  }

  private Ast.Stmt body() {
    newlines();
    if (accept(";")) {
      return new Ast.Block(List.of());
    }
    return statement();
  }

  private Ast.Stmt statement() {
    if (at("{")) {
      return block();
    }
    if (accept(";")) {
      return new Ast.Block(List.of());
    }
    if (accept("if")) {
      expect("(");
      Ast.Expr test = expr(false);
      expect(")");
      Ast.Stmt then = body();
      // an else may follow on the next line, or after a semicolon
      int k = 0;
      while (peek(k).kind() == Kind.NEWLINE || peek(k).is(";")) {
        k++;
      }
      if (peek(k).is("else")) {
        for (int i = 0; i <= k; i++) {
          advance();
        }
        return new Ast.If(test, then, body());
      }
      return new Ast.If(test, then, null);
    }
    if (accept("while")) {
      expect("(");
      Ast.Expr test = expr(false);
      expect(")");
      if (accept(";")) {
        return new Ast.While(test, new Ast.Block(List.of()), false);
      }
      return new Ast.While(test, body(), false);
    }
    if (accept("do")) {
      Ast.Stmt b = body();
      terminators();
      expect("while");
      expect("(");
      Ast.Expr test = expr(false);
      expect(")");
      endSimple();
      return new Ast.While(test, b, true);
    }
    if (accept("for")) {
      return forStatement();
    }
    Ast.Stmt s = simpleStatement();
    endSimple();
    return s;
  }

  private Ast.Stmt forStatement() {
    expect("(");
    if (peek(0).kind() == Kind.NAME && peek(1).is("in") && peek(2).kind() == Kind.NAME && peek(3).is(")")) {
      Ast.LValue var = variable(advance().text());
      advance();
      Ast.ArrayRef array = arrayRef(advance().text());
      advance();
      return new Ast.ForIn(var, array, body());
    }
    Ast.Expr init = at(";") ? null : expr(false);
    expect(";");
    newlines();
    Ast.Expr test = at(";") ? null : expr(false);
    expect(";");
    newlines();
    Ast.Expr step = at(")") ? null : expr(false);
    expect(")");
    if (accept(";")) {
      return new Ast.For(init, test, step, new Ast.Block(List.of()));
    }
    return new Ast.For(init, test, step, body());
  }

  private boolean endsSimple(Token t) {
    return t.kind() == Kind.NEWLINE || t.kind() == Kind.EOF || t.is(";") || t.is("}");
  }

  private Ast.Stmt simpleStatement() {
    Token t = peek();
    if (t.is("print") || t.is("printf")) {
      advance();
      boolean formatted = t.is("printf");
      List<Ast.Expr> args = new ArrayList<>();
      Token n = peek();
      if (!endsSimple(n) && !n.is(">") && !n.is(">>") && !n.is("|")) {
        args = exprList(true);
        if (args.size() == 1 && args.get(0) instanceof Ast.Grouping g) {
          args = g.items;
        }
      }
      String redirect = null;
      Ast.Expr destination = null;
      if (at(">") || at(">>") || at("|")) {
        redirect = advance().text();
        destination = concatenation(true);
      }
      return new Ast.Print(formatted, args, redirect, destination);
    }
    if (accept("next")) {
      return new Ast.Jump(AwkRuntime.Next.INSTANCE);
    }
    if (accept("nextfile")) {
      return new Ast.Jump(AwkRuntime.NextFile.INSTANCE);
    }
    if (accept("break")) {
      return new Ast.Jump(AwkRuntime.Break.INSTANCE);
    }
    if (accept("continue")) {
      return new Ast.Jump(AwkRuntime.Continue.INSTANCE);
    }
    if (accept("exit")) {
      return new Ast.Exit(endsSimple(peek()) ? null : expr(false));
    }
    if (accept("return")) {
      return new Ast.Return(endsSimple(peek()) ? null : expr(false));
    }
    if (accept("delete")) {
      Token name = advance();
      if (name.kind() != Kind.NAME) {
        throw new Lexer.SyntaxError(name.line(), "syntax error at or near " + name.text());
      }
      Ast.ArrayRef array = arrayRef(name.text());
      if (accept("[")) {
        List<Ast.Expr> subs = exprList(false);
        expect("]");
        return new Ast.Delete(array, subs);
      }
      return new Ast.Delete(array, null);
    }
    return new Ast.ExprStmt(expr(false));
  }

  private List<Ast.Expr> exprList(boolean noGt) {
    List<Ast.Expr> list = new ArrayList<>();
    list.add(expr(noGt));
    while (accept(",")) {
      newlines();
      list.add(expr(noGt));
    }
    return list;
  }

  private Ast.Expr expr(boolean noGt) {
    Ast.Expr left = ternary(noGt);
    Token t = peek();
    if (t.kind() == Kind.PUNCT && ASSIGN.contains(t.text()) && left instanceof Ast.LValue lv) {
      advance();
      newlines();
      Ast.Expr value = expr(noGt);
      return new Ast.Assign(lv, t.text().equals("=") ? '=' : t.text().charAt(0), value);
    }
    return left;
  }

  private Ast.Expr ternary(boolean noGt) {
    Ast.Expr test = or(noGt);
    if (accept("?")) {
      newlines();
      Ast.Expr a = expr(noGt);
      newlines();
      expect(":");
      newlines();
      Ast.Expr b = expr(noGt);
      return new Ast.Cond(test, a, b);
    }
    return test;
  }

  private Ast.Expr or(boolean noGt) {
    Ast.Expr left = and(noGt);
    while (accept("||")) {
      newlines();
      left = new Ast.Logical(false, left, and(noGt));
    }
    return left;
  }

  private Ast.Expr and(boolean noGt) {
    Ast.Expr left = in(noGt);
    while (accept("&&")) {
      newlines();
      left = new Ast.Logical(true, left, in(noGt));
    }
    return left;
  }

  private Ast.Expr in(boolean noGt) {
    Ast.Expr left = match(noGt);
    while (at("in")) {
      advance();
      Token name = advance();
      if (name.kind() != Kind.NAME) {
        throw new Lexer.SyntaxError(name.line(), "syntax error at or near " + name.text());
      }
      List<Ast.Expr> subs = left instanceof Ast.Grouping g ? g.items : List.of(left);
      left = new Ast.In(subs, arrayRef(name.text()));
    }
    return left;
  }

  private Ast.Expr match(boolean noGt) {
    Ast.Expr left = comparison(noGt);
    while (at("~") || at("!~")) {
      boolean negated = advance().is("!~");
      left = new Ast.Match(negated, left, comparison(noGt));
    }
    return left;
  }

  private Ast.Expr comparison(boolean noGt) {
    Ast.Expr left = concatenation(noGt);
    while (at("|") && peek(1).is("getline")) {
      advance();
      advance();
      left = new Ast.PipeGetline(left, optionalTarget());
    }
    Token t = peek();
    if (t.kind() == Kind.PUNCT && RELOPS.contains(t.text()) && !(noGt && t.is(">"))) {
      advance();
      return new Ast.Compare(t.text(), left, concatenation(noGt));
    }
    return left;
  }

  private boolean startsOperand(Token t) {
    return switch (t.kind()) {
      case NUMBER, STRING, NAME, FUNC_NAME, BUILTIN -> true;
      case PUNCT -> t.is("$") || t.is("(") || t.is("++") || t.is("--");
      default -> false;
    };
  }

  private Ast.Expr concatenation(boolean noGt) {
    Ast.Expr left = additive();
    while (startsOperand(peek())) {
      left = new Ast.Concat(left, additive());
    }
    return left;
  }

  private Ast.Expr additive() {
    Ast.Expr left = multiplicative();
    while (at("+") || at("-")) {
      char op = advance().text().charAt(0);
      left = new Ast.Binary(op, left, multiplicative());
    }
    return left;
  }

  private Ast.Expr multiplicative() {
    Ast.Expr left = unary();
    while (at("*") || at("/") || at("%")) {
      char op = advance().text().charAt(0);
      left = new Ast.Binary(op, left, unary());
    }
    return left;
  }

  private Ast.Expr unary() {
    if (at("!") || at("-") || at("+")) {
      char op = advance().text().charAt(0);
      return new Ast.Unary(op, unary());
    }
    return power();
  }

  private Ast.Expr power() {
    Ast.Expr base = postfix();
    if (accept("^")) {
      return new Ast.Binary('^', base, unary());
    }
    return base;
  }

  private Ast.Expr postfix() {
    Ast.Expr e = primary();
    if (e instanceof Ast.LValue lv && (at("++") || at("--"))) {
      return new Ast.IncDec(lv, false, advance().is("++") ? 1 : -1);
    }
    return e;
  }

  private Ast.LValue optionalTarget() {
    Token t = peek();
    if (t.kind() == Kind.NAME || t.is("$")) {
      Ast.Expr e = primary();
      if (e instanceof Ast.LValue lv) {
        return lv;
      }
      throw new Lexer.SyntaxError(t.line(), "syntax error at or near " + t.text());
    }
    return null;
  }

  private Ast.Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        advance();
        return new Ast.Literal(Value.of(t.number()));
      }
      case STRING -> {
        advance();
        return new Ast.Literal(Value.string(t.text()));
      }
      case NAME -> {
        advance();
        if (accept("[")) {
          List<Ast.Expr> subs = exprList(false);
          expect("]");
          return new Ast.Element(arrayRef(t.text()), subs);
        }
        return variable(t.text());
      }
      case FUNC_NAME -> {
        advance();
        expect("(");
        newlines();
        List<Ast.Expr> args = at(")") ? new ArrayList<>() : exprList(false);
        newlines();
        expect(")");
        Ast.Call call = new Ast.Call(t.text(), args, t.line());
        calls.add(call);
        return call;
      }
      case BUILTIN -> {
        advance();
        List<Ast.Expr> args = new ArrayList<>();
        if (accept("(")) {
          newlines();
          if (!at(")")) {
            args = exprList(false);
          }
          newlines();
          expect(")");
        } else if (!t.text().equals("length")) {
          throw error();
        }
        if (t.text().equals("split") && args.size() > 1 && args.get(1) instanceof Ast.Var v && v.local) {
          function.arrayParams[v.index] = true;
        }
        return new Ast.BuiltinCall(t.text(), args);
      }
      default -> {
        // punctuation and keywords below
      }
    }
    if (t.is("/") || t.is("/=")) {
      ahead.clear();
      Token re = lexer.regex(t.start());
      return new Ast.RegexMatch(re.text());
    }
    if (accept("(")) {
      newlines();
      List<Ast.Expr> list = exprList(false);
      newlines();
      expect(")");
      return list.size() == 1 ? list.get(0) : new Ast.Grouping(list);
    }
    if (accept("$")) {
      if (at("++") || at("--")) {
        int delta = advance().is("++") ? 1 : -1;
        Ast.Expr target = primary();
        if (!(target instanceof Ast.LValue lv)) {
          throw error();
        }
        return new Ast.Field(new Ast.IncDec(lv, true, delta));
      }
      if (at("-")) {
        advance();
        return new Ast.Field(new Ast.Unary('-', primary()));
      }
      return new Ast.Field(primary());
    }
    if (at("++") || at("--")) {
      int delta = advance().is("++") ? 1 : -1;
      Ast.Expr target = primary();
      if (!(target instanceof Ast.LValue lv)) {
        throw error();
      }
      return new Ast.IncDec(lv, true, delta);
    }
    if (at("-") || at("+") || at("!")) {
      return unary();
    }
    if (accept("getline")) {
      Ast.LValue target = optionalTarget();
      Ast.Expr file = null;
      if (accept("<")) {
        file = primary();
      }
      return new Ast.Getline(target, file);
    }
    throw error();
  }

  private Ast.LValue variable(String name) {
    if (locals != null && locals.containsKey(name)) {
      return new Ast.Var(true, locals.get(name), name);
    }
    return new Ast.Var(false, program.global(name), name);
  }

  private Ast.ArrayRef arrayRef(String name) {
    if (locals != null && locals.containsKey(name)) {
      int i = locals.get(name);
      function.arrayParams[i] = true;
      return new Ast.ArrayRef(true, i, name);
    }
    return new Ast.ArrayRef(false, program.global(name), name);
  }
}
