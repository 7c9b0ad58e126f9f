package io.mirage4j.shell;

import io.mirage4j.shell.builtins.PosixRegex;
import io.mirage4j.shell.syntax.Ast;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates {@code [[ … ]]} as bash does: words are expanded without splitting or globbing, the
 * right side of {@code ==} and {@code !=} is a pattern and that of {@code =~} a POSIX extended
 * regular expression (quoted parts literal) whose match and groups go to {@code BASH_REMATCH},
 * {@code -eq} and the other numeric operators evaluate their sides as arithmetic, and file tests
 * are those of {@code test}.
 */
final class Conditions {
  private static final String ERE_SPECIALS = "\\.[]()*+?{}|^$";
  private static final int FLAGS = Pattern.DOTALL | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;

  /** A {@code [[ ]]} that cannot be evaluated: {@code status} 2 for a bad regex, 1 for bad arithmetic. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Failure(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final Expander expander;
  private final ShellState state;
  private final Function<List<String>, Integer> test;
  private final Runnable checkStopped;

  /**
   * @param test runs {@code test} with the given arguments and returns its status (for file tests)
   * @param checkStopped throws when the line has been stopped (checked while a regex runs)
   */
  Conditions(Expander expander, ShellState state, Function<List<String>, Integer> test, Runnable checkStopped) {
    this.expander = expander;
    this.state = state;
    this.test = test;
    this.checkStopped = checkStopped;
  }

  boolean evaluate(Ast.CondExpr e) {
    if (e instanceof Ast.CondAnd and) {
      return evaluate(and.left()) && evaluate(and.right());
    }
    if (e instanceof Ast.CondOr or) {
      return evaluate(or.left()) || evaluate(or.right());
    }
    if (e instanceof Ast.CondNot not) {
      return !evaluate(not.expression());
    }
    if (e instanceof Ast.CondWord w) {
      return !expander.string(w.word()).isEmpty();
    }
    if (e instanceof Ast.CondUnary u) {
      return unary(u.op(), expander.string(u.operand()));
    }
    Ast.CondBinary b = (Ast.CondBinary) e;
    String left = expander.string(b.left());
    switch (b.op()) {
      case "==", "=":
        return expander.pattern(b.right()).matches(left);
      case "!=":
        return !expander.pattern(b.right()).matches(left);
      case "=~":
        return regex(left, b.right());
      case "<":
        return compare(left, expander.string(b.right())) < 0;
      case ">":
        return compare(left, expander.string(b.right())) > 0;
      case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
        return numeric(b.op(), arithmetic(left), arithmetic(expander.string(b.right())));
      default:
        return test.apply(List.of(left, b.op(), expander.string(b.right()))) == 0;
    }
  }

  private boolean unary(String op, String operand) {
    switch (op) {
      case "-z":
        return operand.isEmpty();
      case "-n":
        return !operand.isEmpty();
      case "-v":
        return isSet(operand);
      case "-o":
        return false;
      default:
        return test.apply(List.of(op, operand)) == 0;
    }
  }

  /** {@code -v NAME} or {@code -v NAME[subscript]}. */
  private boolean isSet(String operand) {
    int bracket = operand.indexOf('[');
    if (bracket > 0 && operand.endsWith("]")) {
      String name = operand.substring(0, bracket);
      String subscript = operand.substring(bracket + 1, operand.length() - 1);
      Map<String, String> array = state.array(name);
      if (subscript.equals("@") || subscript.equals("*")) {
        return array != null ? !array.isEmpty() : state.get(name) != null;
      }
      if (state.associative(name)) {
        return array.containsKey(subscript);
      }
      long i = arithmetic(subscript);
      return array != null ? array.containsKey(Long.toString(i)) : i == 0 && state.get(name) != null;
    }
    return state.get(operand) != null;
  }

  private long arithmetic(String text) {
    try {
      return expander.arithmetic(text);
    } catch (Expander.ExpansionException e) {
      throw new Failure(1, "[[: " + e.getMessage());
    }
  }

  private static boolean numeric(String op, long a, long b) {
    return switch (op) {
      case "-eq" -> a == b;
      case "-ne" -> a != b;
      case "-lt" -> a < b;
      case "-le" -> a <= b;
      case "-gt" -> a > b;
      default -> a >= b;
    };
  }

  /** Compares by code point, as bash does in the C.UTF-8 locale. */
  private static int compare(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private boolean regex(String subject, Ast.Word right) {
    StringBuilder ere = new StringBuilder();
    for (Ast.Part p : right.parts()) {
      if (p instanceof Ast.Literal l) {
        ere.append(l.text());
      } else if (p instanceof Ast.Quoted q) {
        quote(ere, q.text());
      } else if (p instanceof Ast.DoubleQuoted d) {
        quote(ere, expander.string(new Ast.Word(d.parts())));
      } else {
        ere.append(expander.string(new Ast.Word(List.of(p))));
      }
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(PosixRegex.translate(ere.toString(), true).regex(), FLAGS);
    } catch (PosixRegex.SyntaxError | PatternSyntaxException e) {
      throw new Failure(2, null);
    }
    Matcher m = pattern.matcher(new CheckedText(subject, checkStopped));
    Map<String, String> groups = ShellState.emptyArray(false);
    boolean found = m.find();
    if (found) {
      for (int g = 0; g <= m.groupCount(); g++) {
        groups.put(Integer.toString(g), m.group(g) == null ? "" : m.group(g));
      }
    }
    state.setArray("BASH_REMATCH", groups, false);
    return found;
  }

  private static void quote(StringBuilder ere, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (ERE_SPECIALS.indexOf(c) >= 0) {
        ere.append('\\');
      }
      ere.append(c);
    }
  }

  /** The text a regex runs over, checking now and then that the line was not stopped meanwhile. */
  private record CheckedText(String text, Runnable checkStopped, int[] reads) implements CharSequence {
    CheckedText(String text, Runnable checkStopped) {
      this(text, checkStopped, new int[1]);
    }

    @Override
    public char charAt(int index) {
      if ((++reads[0] & 0xfff) == 0) {
        checkStopped.run();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
