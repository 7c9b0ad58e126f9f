package io.mirage4j.shell.builtins.awk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The syntax tree of an awk program; each node evaluates or executes itself on an {@link AwkRuntime}. */
final class Ast {
  private Ast() {}

  /** An expression. */
  abstract static class Expr {
    abstract Value eval(AwkRuntime rt);
  }

  /** An expression that can be assigned: a variable, a field or an array element. */
  abstract static class LValue extends Expr {
    abstract void set(AwkRuntime rt, Value v);
  }

  /** A statement. */
  abstract static class Stmt {
    abstract void exec(AwkRuntime rt);
  }

  /** A name that holds an array: a global or a function's parameter. */
  record ArrayRef(boolean local, int index, String name) {
    Map<String, Value> get(AwkRuntime rt) {
      return rt.array(local, index, name);
    }
  }

  static final class Literal extends Expr {
    final Value value;

    Literal(Value value) {
      this.value = value;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return value;
    }
  }

  /** {@code /re/} on its own: whether $0 matches. */
  static final class RegexMatch extends Expr {
    final String ere;

    RegexMatch(String ere) {
      this.ere = ere;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return Value.of(rt.regex(ere).matcher(rt.record()).find());
    }
  }

  /** {@code (a, b)}: only as print's arguments or before {@code in}. */
  static final class Grouping extends Expr {
    final List<Expr> items;

    Grouping(List<Expr> items) {
      this.items = items;
    }

    @Override
    Value eval(AwkRuntime rt) {
      throw new AwkRuntime.Failure("syntax error: a list in parentheses");
    }
  }

  static final class Var extends LValue {
    final boolean local;
    final int index;
    final String name;

    Var(boolean local, int index, String name) {
      this.local = local;
      this.index = index;
      this.name = name;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return rt.getVar(local, index, name);
    }

    @Override
    void set(AwkRuntime rt, Value v) {
      rt.setVar(local, index, name, v);
    }
  }

  static final class Field extends LValue {
    final Expr index;

    Field(Expr index) {
      this.index = index;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return rt.field(fieldIndex(rt));
    }

    private int fieldIndex(AwkRuntime rt) {
      double d = index.eval(rt).toNum();
      if (d < 0) {
        throw new AwkRuntime.Failure("negative field index $" + Format.number(d, "%.6g"));
      }
      return (int) d;
    }

    @Override
    void set(AwkRuntime rt, Value v) {
      rt.setField(fieldIndex(rt), v.toStr(rt.convfmt()));
    }
  }

  static final class Element extends LValue {
    final ArrayRef array;
    final List<Expr> subscripts;

    Element(ArrayRef array, List<Expr> subscripts) {
      this.array = array;
      this.subscripts = subscripts;
    }

    String key(AwkRuntime rt) {
      return rt.subscript(subscripts);
    }

    @Override
    Value eval(AwkRuntime rt) {
      Map<String, Value> a = array.get(rt);
      String k = key(rt);
      Value v = a.get(k);
      if (v == null) {
        a.put(k, Value.EMPTY);
        return Value.EMPTY;
      }
      return v;
    }

    @Override
    void set(AwkRuntime rt, Value v) {
      array.get(rt).put(key(rt), v);
    }
  }

  static final class Assign extends Expr {
    final LValue target;
    final char op;
    final Expr value;

    Assign(LValue target, char op, Expr value) {
      this.target = target;
      this.op = op;
      this.value = value;
    }

    @Override
    Value eval(AwkRuntime rt) {
      Value v;
      if (op == '=') {
        v = value.eval(rt);
        if (v.kind == Value.UNINIT) {
          v = Value.EMPTY;
        }
      } else {
        double right = value.eval(rt).toNum();
        double left = target.eval(rt).toNum();
        v = Value.of(Binary.apply(op, left, right));
      }
      target.set(rt, v);
      return v;
    }
  }

  static final class IncDec extends Expr {
    final LValue target;
    final boolean prefix;
    final int delta;

    IncDec(LValue target, boolean prefix, int delta) {
      this.target = target;
      this.prefix = prefix;
      this.delta = delta;
    }

    @Override
    Value eval(AwkRuntime rt) {
      double old = target.eval(rt).toNum();
      Value now = Value.of(old + delta);
      target.set(rt, now);
      return prefix ? now : Value.of(old);
    }
  }

  static final class Cond extends Expr {
    final Expr test;
    final Expr then;
    final Expr otherwise;

    Cond(Expr test, Expr then, Expr otherwise) {
      this.test = test;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return test.eval(rt).truthy() ? then.eval(rt) : otherwise.eval(rt);
    }
  }

  static final class Logical extends Expr {
    final boolean and;
    final Expr left;
    final Expr right;

    Logical(boolean and, Expr left, Expr right) {
      this.and = and;
      this.left = left;
      this.right = right;
    }

    @Override
    Value eval(AwkRuntime rt) {
      boolean l = left.eval(rt).truthy();
      if (and) {
        return Value.of(l && right.eval(rt).truthy());
      }
      return Value.of(l || right.eval(rt).truthy());
    }
  }

  static final class Unary extends Expr {
    final char op;
    final Expr operand;

    Unary(char op, Expr operand) {
      this.op = op;
      this.operand = operand;
    }

    @Override
    Value eval(AwkRuntime rt) {
      Value v = operand.eval(rt);
      return switch (op) {
        case '!' -> Value.of(!v.truthy());
        case '-' -> Value.of(-v.toNum());
        default -> Value.of(v.toNum());
      };
    }
  }

  static final class Binary extends Expr {
    final char op;
    final Expr left;
    final Expr right;

    Binary(char op, Expr left, Expr right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    Value eval(AwkRuntime rt) {
      double l = left.eval(rt).toNum();
      double r = right.eval(rt).toNum();
      return Value.of(apply(op, l, r));
    }

    static double apply(char op, double l, double r) {
      return switch (op) {
        case '+' -> l + r;
        case '-' -> l - r;
        case '*' -> l * r;
        case '/' -> {
          if (r == 0) {
            throw new AwkRuntime.Failure("division by zero");
          }
          yield l / r;
        }
        case '%' -> {
          if (r == 0) {
            throw new AwkRuntime.Failure("division by zero in %");
          }
          yield l % r;
        }
        default -> Math.pow(l, r);
      };
    }
  }

  static final class Compare extends Expr {
    final String op;
    final Expr left;
    final Expr right;

    Compare(String op, Expr left, Expr right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    Value eval(AwkRuntime rt) {
      Value l = left.eval(rt);
      Value r = right.eval(rt);
      int c;
      if (l.isNumeric() && r.isNumeric()) {
        c = Double.compare(l.toNum(), r.toNum());
        if (l.toNum() == r.toNum()) {
          c = 0;
        }
      } else {
        c = l.toStr(rt.convfmt()).compareTo(r.toStr(rt.convfmt()));
      }
      return Value.of(switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case "==" -> c == 0;
        case "!=" -> c != 0;
        case ">=" -> c >= 0;
        default -> c > 0;
      });
    }
  }

  static final class Match extends Expr {
    final boolean negated;
    final Expr left;
    final Expr right;

    Match(boolean negated, Expr left, Expr right) {
      this.negated = negated;
      this.left = left;
      this.right = right;
    }

    @Override
    Value eval(AwkRuntime rt) {
      String s = left.eval(rt).toStr(rt.convfmt());
      boolean m = rt.pattern(right).matcher(s).find();
      return Value.of(m != negated);
    }
  }

  static final class Concat extends Expr {
    final Expr left;
    final Expr right;

    Concat(Expr left, Expr right) {
      this.left = left;
      this.right = right;
    }

    @Override
    Value eval(AwkRuntime rt) {
      String l = left.eval(rt).toStr(rt.convfmt());
      return Value.string(l + right.eval(rt).toStr(rt.convfmt()));
    }
  }

  static final class In extends Expr {
    final List<Expr> subscripts;
    final ArrayRef array;

    In(List<Expr> subscripts, ArrayRef array) {
      this.subscripts = subscripts;
      this.array = array;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return Value.of(array.get(rt).containsKey(rt.subscript(subscripts)));
    }
  }

  static final class Call extends Expr {
    final String name;
    final List<Expr> args;
    final int line;
    AwkProgram.Function function;

    Call(String name, List<Expr> args, int line) {
      this.name = name;
      this.args = args;
      this.line = line;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return rt.call(function, args);
    }
  }

  static final class BuiltinCall extends Expr {
    final String name;
    final List<Expr> args;

    BuiltinCall(String name, List<Expr> args) {
      this.name = name;
      this.args = args;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return rt.builtin(this);
    }
  }

  /** {@code getline [var] [< file]}. */
  static final class Getline extends Expr {
    final LValue target;
    final Expr file;

    Getline(LValue target, Expr file) {
      this.target = target;
      this.file = file;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return rt.getline(target, file == null ? null : file.eval(rt).toStr(rt.convfmt()));
    }
  }

  /** {@code cmd | getline [var]}. */
  static final class PipeGetline extends Expr {
    final Expr command;
    final LValue target;

    PipeGetline(Expr command, LValue target) {
      this.command = command;
      this.target = target;
    }

    @Override
    Value eval(AwkRuntime rt) {
      return rt.pipeGetline(command.eval(rt).toStr(rt.convfmt()), target);
    }
  }

  static final class Block extends Stmt {
    final List<Stmt> body;

    Block(List<Stmt> body) {
      this.body = body;
    }

    @Override
    void exec(AwkRuntime rt) {
      for (Stmt s : body) {
        s.exec(rt);
      }
    }
  }

  static final class ExprStmt extends Stmt {
    final Expr expr;

    ExprStmt(Expr expr) {
      this.expr = expr;
    }

    @Override
    void exec(AwkRuntime rt) {
      expr.eval(rt);
    }
  }

  /** {@code print} or {@code printf}, with an optional {@code >}, {@code >>} or {@code |}. */
  static final class Print extends Stmt {
    final boolean formatted;
    final List<Expr> args;
    final String redirect;
    final Expr destination;

    Print(boolean formatted, List<Expr> args, String redirect, Expr destination) {
      this.formatted = formatted;
      this.args = args;
      this.redirect = redirect;
      this.destination = destination;
    }

    @Override
    void exec(AwkRuntime rt) {
      String text;
      if (formatted) {
        if (args.isEmpty()) {
          throw new AwkRuntime.Failure("printf: no format");
        }
        List<Value> values = new ArrayList<>(args.size());
        for (Expr a : args) {
          values.add(a.eval(rt));
        }
        text = Format.sprintf(values.get(0).toStr(rt.convfmt()), values.subList(1, values.size()), rt.convfmt());
      } else if (args.isEmpty()) {
        text = rt.record() + rt.ors();
      } else {
        StringBuilder sb = new StringBuilder();
        String ofs = rt.ofs();
        for (int i = 0; i < args.size(); i++) {
          if (i > 0) {
            sb.append(ofs);
          }
          Value v = args.get(i).eval(rt);
          sb.append(v.kind == Value.NUMBER ? Format.number(v.num, rt.ofmt()) : v.toStr(rt.convfmt()));
        }
        text = sb.append(rt.ors()).toString();
      }
      rt.output(redirect, destination == null ? null : destination.eval(rt).toStr(rt.convfmt()), text);
    }
  }

  static final class If extends Stmt {
    final Expr test;
    final Stmt then;
    final Stmt otherwise;

    If(Expr test, Stmt then, Stmt otherwise) {
      this.test = test;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    void exec(AwkRuntime rt) {
      if (test.eval(rt).truthy()) {
        then.exec(rt);
      } else if (otherwise != null) {
        otherwise.exec(rt);
      }
    }
  }

  static final class While extends Stmt {
    final Expr test;
    final Stmt body;
    final boolean doWhile;

    While(Expr test, Stmt body, boolean doWhile) {
      this.test = test;
      this.body = body;
      this.doWhile = doWhile;
    }

    @Override
    void exec(AwkRuntime rt) {
      if (doWhile) {
        do {
          rt.tick();
          try {
            body.exec(rt);
          } catch (AwkRuntime.Break e) {
            return;
          } catch (AwkRuntime.Continue e) {
            // the test comes next
          }
        } while (test.eval(rt).truthy());
        return;
      }
      while (test.eval(rt).truthy()) {
        rt.tick();
        try {
          body.exec(rt);
        } catch (AwkRuntime.Break e) {
          return;
        } catch (AwkRuntime.Continue e) {
          // the test comes next
        }
      }
    }
  }

  static final class For extends Stmt {
    final Expr init;
    final Expr test;
    final Expr step;
    final Stmt body;

    For(Expr init, Expr test, Expr step, Stmt body) {
      this.init = init;
      this.test = test;
      this.step = step;
      this.body = body;
    }

    @Override
    void exec(AwkRuntime rt) {
      if (init != null) {
        init.eval(rt);
      }
      while (test == null || test.eval(rt).truthy()) {
        rt.tick();
        try {
          body.exec(rt);
        } catch (AwkRuntime.Break e) {
          return;
        } catch (AwkRuntime.Continue e) {
          // the step comes next
        }
        if (step != null) {
          step.eval(rt);
        }
      }
    }
  }

  static final class ForIn extends Stmt {
    final LValue var;
    final ArrayRef array;
    final Stmt body;

    ForIn(LValue var, ArrayRef array, Stmt body) {
      this.var = var;
      this.array = array;
      this.body = body;
    }

    @Override
    void exec(AwkRuntime rt) {
      List<String> keys = new ArrayList<>(array.get(rt).keySet());
      for (String k : keys) {
        rt.tick();
        var.set(rt, Value.input(k));
        try {
          body.exec(rt);
        } catch (AwkRuntime.Break e) {
          return;
        } catch (AwkRuntime.Continue e) {
          // the next key
        }
      }
    }
  }

  /** {@code break}, {@code continue}, {@code next}, {@code nextfile}. */
  static final class Jump extends Stmt {
    final RuntimeException signal;

    Jump(RuntimeException signal) {
      this.signal = signal;
    }

    @Override
    void exec(AwkRuntime rt) {
      throw signal;
    }
  }

  static final class Exit extends Stmt {
    final Expr status;

    Exit(Expr status) {
      this.status = status;
    }

    @Override
    void exec(AwkRuntime rt) {
      if (status != null) {
        rt.exitStatus((int) status.eval(rt).toNum());
      }
      throw AwkRuntime.Exit.INSTANCE;
    }
  }

  static final class Return extends Stmt {
    final Expr value;

    Return(Expr value) {
      this.value = value;
    }

    @Override
    void exec(AwkRuntime rt) {
      rt.returnValue(value == null ? Value.EMPTY : value.eval(rt));
      throw AwkRuntime.Return.INSTANCE;
    }
  }

  static final class Delete extends Stmt {
    final ArrayRef array;
    final List<Expr> subscripts;

    Delete(ArrayRef array, List<Expr> subscripts) {
      this.array = array;
      this.subscripts = subscripts;
    }

    @Override
    void exec(AwkRuntime rt) {
      if (subscripts == null) {
        array.get(rt).clear();
      } else {
        array.get(rt).remove(rt.subscript(subscripts));
      }
    }
  }

  /** Replaces the matches of a pattern the way {@code sub} and {@code gsub} do; returns the count. */
  static int substitute(Pattern p, String repl, String target, boolean global, StringBuilder out) {
    Matcher m = p.matcher(target);
    int count = 0;
    int at = 0;
    int lastEnd = -1;
    int search = 0;
    while (search <= target.length() && m.find(search)) {
      int s = m.start();
      int e = m.end();
      if (s == e && s == lastEnd) {
        // an empty match right after the previous match does not count
        if (s >= target.length()) {
          break;
        }
        search = s + 1;
        continue;
      }
      out.append(target, at, s);
      for (int i = 0; i < repl.length(); i++) {
        char c = repl.charAt(i);
        if (c == '\\' && i + 1 < repl.length() && (repl.charAt(i + 1) == '&' || repl.charAt(i + 1) == '\\')) {
          out.append(repl.charAt(++i));
        } else if (c == '&') {
          out.append(target, s, e);
        } else {
          out.append(c);
        }
      }
      count++;
      at = e;
      lastEnd = e;
      if (!global) {
        break;
      }
      if (s == e) {
        if (e < target.length()) {
          out.append(target.charAt(e));
        }
        at = e + 1;
        search = e + 1;
      } else {
        search = e;
      }
    }
    if (at < target.length()) {
      out.append(target, at, target.length());
    }
    return count;
  }
}
