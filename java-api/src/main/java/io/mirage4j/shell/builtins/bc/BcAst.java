package io.mirage4j.shell.builtins.bc;

import java.math.BigDecimal;
import java.util.List;

/** The syntax tree of a bc program; nodes evaluate or execute themselves on a {@link BcState}. */
final class BcAst {
  private BcAst() {}

  abstract static class Expr {
    abstract BigDecimal eval(BcState s);

    /** Whether a statement of this expression alone prints its value (assignments do not). */
    boolean prints() {
      return true;
    }
  }

  /** A variable, an array element or one of {@code scale ibase obase last}. */
  abstract static class LValue extends Expr {
    abstract void set(BcState s, BigDecimal v);
  }

  abstract static class Stmt {
    abstract void exec(BcState s);
  }

  static final class Num extends Expr {
    final String digits;

    Num(String digits) {
      this.digits = digits;
    }

    @Override
    BigDecimal eval(BcState s) {
      return s.literal(digits);
    }
  }

  static final class Var extends LValue {
    final String name;

    Var(String name) {
      this.name = name;
    }

    @Override
    BigDecimal eval(BcState s) {
      return s.get(name);
    }

    @Override
    void set(BcState s, BigDecimal v) {
      s.set(name, v);
    }
  }

  static final class Element extends LValue {
    final String name;
    final Expr index;

    Element(String name, Expr index) {
      this.name = name;
      this.index = index;
    }

    @Override
    BigDecimal eval(BcState s) {
      return s.array(name).getOrDefault(index.eval(s).toBigInteger(), BigDecimal.ZERO);
    }

    @Override
    void set(BcState s, BigDecimal v) {
      s.array(name).put(index.eval(s).toBigInteger(), v);
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
    BigDecimal eval(BcState s) {
      BigDecimal v = value.eval(s);
      if (op != '=') {
        v = Binary.apply(s, op, target.eval(s), v);
      }
      target.set(s, v);
      return target.eval(s);
    }

    @Override
    boolean prints() {
      return false;
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
    BigDecimal eval(BcState s) {
      BigDecimal old = target.eval(s);
      BigDecimal now = old.add(BigDecimal.valueOf(delta));
      target.set(s, now);
      return prefix ? now : old;
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
    BigDecimal eval(BcState s) {
      return apply(s, op, left.eval(s), right.eval(s));
    }

    static BigDecimal apply(BcState s, char op, BigDecimal a, BigDecimal b) {
      int scale = s.scale();
      return switch (op) {
        case '+' -> a.add(b);
        case '-' -> a.subtract(b);
        case '*' -> BcNumbers.multiply(a, b, scale);
        case '/' -> BcNumbers.divide(a, b, scale);
        case '%' -> BcNumbers.modulo(a, b, scale);
        default -> {
          if (b.stripTrailingZeros().scale() > 0) {
            s.warn("non-zero scale in exponent");
          }
          yield BcNumbers.power(a, b, scale);
        }
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
    BigDecimal eval(BcState s) {
      int c = left.eval(s).compareTo(right.eval(s));
      boolean r = switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "==" -> c == 0;
        default -> c != 0;
      };
      return r ? BigDecimal.ONE : BigDecimal.ZERO;
    }
  }

  static final class Logic extends Expr {
    final char op;
    final Expr left;
    final Expr right;

    Logic(char op, Expr left, Expr right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    BigDecimal eval(BcState s) {
      boolean l = left.eval(s).signum() != 0;
      boolean r = switch (op) {
        case '!' -> !l;
        case '&' -> l && right.eval(s).signum() != 0;
        default -> l || right.eval(s).signum() != 0;
      };
      return r ? BigDecimal.ONE : BigDecimal.ZERO;
    }
  }

  static final class Negate extends Expr {
    final Expr operand;

    Negate(Expr operand) {
      this.operand = operand;
    }

    @Override
    BigDecimal eval(BcState s) {
      return operand.eval(s).negate();
    }
  }

  static final class Call extends Expr {
    final String name;
    final List<Expr> args;

    Call(String name, List<Expr> args) {
      this.name = name;
      this.args = args;
    }

    @Override
    BigDecimal eval(BcState s) {
      return s.call(name, args);
    }
  }

  static final class Block extends Stmt {
    final List<Stmt> body;

    Block(List<Stmt> body) {
      this.body = body;
    }

    @Override
    void exec(BcState s) {
      for (Stmt st : body) {
        st.exec(s);
      }
    }
  }

  static final class ExprStmt extends Stmt {
    final Expr expr;

    ExprStmt(Expr expr) {
      this.expr = expr;
    }

    @Override
    void exec(BcState s) {
      BigDecimal v = expr.eval(s);
      if (expr.prints()) {
        s.printValue(v);
        s.last(v);
      }
    }
  }

  /** A string on its own, or {@code print} with strings and expressions. */
  static final class Print extends Stmt {
    final List<Object> items;
    final boolean escapes;

    Print(List<Object> items, boolean escapes) {
      this.items = items;
      this.escapes = escapes;
    }

    @Override
    void exec(BcState s) {
      for (Object item : items) {
        if (item instanceof String text) {
          s.print(escapes ? unescape(text) : text);
        } else {
          BigDecimal v = ((Expr) item).eval(s);
          s.print(s.format(v));
          s.last(v);
        }
      }
    }

    private static String unescape(String text) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '\\' || i + 1 >= text.length()) {
          sb.append(c);
          continue;
        }
        char e = text.charAt(++i);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'a' -> sb.append('\u0007');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'r' -> sb.append('\r');
          case 'q' -> sb.append('"');
          case 'e', '\\' -> sb.append('\\');
          default -> sb.append('\\').append(e);
        }
      }
      return sb.toString();
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
    void exec(BcState s) {
      if (test.eval(s).signum() != 0) {
        then.exec(s);
      } else if (otherwise != null) {
        otherwise.exec(s);
      }
    }
  }

  static final class Loop extends Stmt {
    final Expr init;
    final Expr test;
    final Expr step;
    final Stmt body;

    Loop(Expr init, Expr test, Expr step, Stmt body) {
      this.init = init;
      this.test = test;
      this.step = step;
      this.body = body;
    }

    @Override
    void exec(BcState s) {
      if (init != null) {
        init.eval(s);
      }
      while (test == null || test.eval(s).signum() != 0) {
        s.tick();
        try {
          body.exec(s);
        } catch (BcState.Break e) {
          return;
        } catch (BcState.Continue e) {
          // the step comes next
        }
        if (step != null) {
          step.eval(s);
        }
      }
    }
  }

  /** {@code break}, {@code continue}, {@code return}, {@code halt}. */
  static final class Jump extends Stmt {
    final String kind;
    final Expr value;

    Jump(String kind, Expr value) {
      this.kind = kind;
      this.value = value;
    }

    @Override
    void exec(BcState s) {
      switch (kind) {
        case "break" -> throw BcState.Break.INSTANCE;
        case "continue" -> throw BcState.Continue.INSTANCE;
        case "halt" -> throw BcState.Quit.INSTANCE;
        default -> {
          s.returnValue(value == null ? BigDecimal.ZERO : value.eval(s));
          throw BcState.Return.INSTANCE;
        }
      }
    }
  }

  /** A function: its parameters, its {@code auto} locals and its body. */
  record Function(String name, List<String> params, List<String> autos, Stmt body) {}
}
