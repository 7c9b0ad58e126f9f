package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code test EXPRESSION} and {@code [ EXPRESSION ]}, as bash's builtin, with bash's parsing by
 * argument count: files {@code -e -a -f -d -s -r -w -x} ({@code -w}: the owning mount allows
 * writing; {@code -x}: a directory, or a file on an {@code EXEC} mount; {@code -s}: a non-empty
 * file or any directory, as on a real file system), {@code -L -h -b -c -p -S -g -u -k -t} (never
 * true here), {@code -O -G} (exists), {@code -v VAR}; strings {@code -z -n = == != < >}; integers
 * {@code -eq -ne -lt -le -gt -ge}; {@code -nt -ot -ef}; {@code ! -a -o ( )}. Status 0 true, 1
 * false, 2 for a malformed expression.
 */
final class Test extends Coreutil {

  /** A malformed expression; the message is bash's. */
  private static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    List<String> argv = args;
    if (t.name().equals("[")) {
      if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
        t.error("missing `]'");
        return 2;
      }
      argv = args.subList(0, args.size() - 1);
    }
    try {
      return new Evaluation(t, argv).result() ? 0 : 1;
    } catch (SyntaxError e) {
      t.error(e.getMessage());
      return 2;
    }
  }

  /** One evaluation over the arguments, as bash's {@code test.c} walks them. */
  private static final class Evaluation {
    private final Tool t;
    private final List<String> argv;
    private final int argc;
    private int pos;

    Evaluation(Tool t, List<String> argv) {
      this.t = t;
      this.argv = argv;
      this.argc = argv.size();
    }

    boolean result() throws SyntaxError {
      if (argc == 0) {
        return false;
      }
      boolean value = posix();
      if (pos != argc) {
        if (pos < argc && argv.get(pos).startsWith("-")) {
          throw new SyntaxError("syntax error: `" + argv.get(pos) + "' unexpected");
        }
        throw new SyntaxError("too many arguments");
      }
      return value;
    }

    private boolean posix() throws SyntaxError {
      switch (argc) {
        case 1 -> {
          pos = argc;
          return !argv.get(0).isEmpty();
        }
        case 2 -> {
          boolean v = twoArguments();
          pos = argc;
          return v;
        }
        case 3 -> {
          return threeArguments();
        }
        case 4 -> {
          if (argv.get(0).equals("!")) {
            pos = 1;
            return !threeArguments();
          }
          if (argv.get(0).equals("(") && argv.get(3).equals(")")) {
            pos = 1;
            boolean v = twoArguments();
            pos = argc;
            return v;
          }
          return expr();
        }
        default -> {
          return expr();
        }
      }
    }

    private boolean twoArguments() throws SyntaxError {
      String a = argv.get(pos);
      if (a.equals("!")) {
        return argv.get(pos + 1).isEmpty();
      }
      if (a.length() == 2 && a.charAt(0) == '-' && isUnary(a)) {
        return unaryOperator();
      }
      throw new SyntaxError(a + ": unary operator expected");
    }

    private boolean threeArguments() throws SyntaxError {
      String middle = argv.get(pos + 1);
      boolean v;
      if (isBinary(middle)) {
        v = binaryOperator();
      } else if (middle.equals("-a")) {
        v = !argv.get(pos).isEmpty() && !argv.get(pos + 2).isEmpty();
      } else if (middle.equals("-o")) {
        v = !argv.get(pos).isEmpty() || !argv.get(pos + 2).isEmpty();
      } else if (argv.get(pos).equals("!")) {
        pos++;
        v = !twoArguments();
      } else if (argv.get(pos).equals("(") && argv.get(pos + 2).equals(")")) {
        v = !argv.get(pos + 1).isEmpty();
      } else {
        throw new SyntaxError(middle + ": binary operator expected");
      }
      pos = argc;
      return v;
    }

    private boolean expr() throws SyntaxError {
      if (pos >= argc) {
        throw new SyntaxError("argument expected");
      }
      return or();
    }

    private boolean or() throws SyntaxError {
      boolean value = and();
      if (pos < argc && argv.get(pos).equals("-o")) {
        pos++;
        boolean right = or();
        return value || right;
      }
      return value;
    }

    private boolean and() throws SyntaxError {
      boolean value = term();
      if (pos < argc && argv.get(pos).equals("-a")) {
        pos++;
        boolean right = and();
        return value && right;
      }
      return value;
    }

    private boolean term() throws SyntaxError {
      if (pos >= argc) {
        throw new SyntaxError("argument expected");
      }
      if (argv.get(pos).equals("!")) {
        boolean negate = false;
        while (pos < argc && argv.get(pos).equals("!")) {
          advance();
          negate = !negate;
        }
        return negate != term();
      }
      if (argv.get(pos).equals("(")) {
        advance();
        boolean value = expr();
        if (pos >= argc) {
          throw new SyntaxError("`)' expected");
        }
        if (!argv.get(pos).equals(")")) {
          throw new SyntaxError("`)' expected, found " + argv.get(pos));
        }
        pos++;
        return value;
      }
      if (pos + 3 <= argc && isBinary(argv.get(pos + 1))) {
        return binaryOperator();
      }
      if (pos + 2 <= argc && isUnary(argv.get(pos))) {
        return unaryOperator();
      }
      return !argv.get(pos++).isEmpty();
    }

    private void advance() throws SyntaxError {
      pos++;
      if (pos >= argc) {
        throw new SyntaxError("argument expected");
      }
    }

    private boolean unaryOperator() throws SyntaxError {
      String op = argv.get(pos);
      if (op.equals("-t")) {
        pos++;
        if (pos < argc) {
          if (integer(argv.get(pos)) != null) {
            pos++;
          }
        }
        return false;
      }
      advance();
      boolean value = unary(op.charAt(1), argv.get(pos));
      pos++;
      return value;
    }

    private boolean binaryOperator() throws SyntaxError {
      String left = argv.get(pos);
      String op = argv.get(pos + 1);
      String right = argv.get(pos + 2);
      pos += 3;
      return switch (op) {
        case "=", "==" -> left.equals(right);
        case "!=" -> !left.equals(right);
        case "<" -> compareBytes(left, right) < 0;
        case ">" -> compareBytes(left, right) > 0;
        case "-nt" -> newer(left, right);
        case "-ot" -> newer(right, left);
        case "-ef" -> sameFile(left, right);
        default -> compareIntegers(op, left, right);
      };
    }

    private boolean compareIntegers(String op, String left, String right) throws SyntaxError {
      BigInteger a = integer(left);
      if (a == null) {
        throw new SyntaxError(left + ": integer expression expected");
      }
      BigInteger b = integer(right);
      if (b == null) {
        throw new SyntaxError(right + ": integer expression expected");
      }
      int c = a.compareTo(b);
      return switch (op) {
        case "-eq" -> c == 0;
        case "-ne" -> c != 0;
        case "-lt" -> c < 0;
        case "-le" -> c <= 0;
        case "-gt" -> c > 0;
        default -> c >= 0;
      };
    }

    private boolean unary(char op, String arg) {
      switch (op) {
        case 'z':
          return arg.isEmpty();
        case 'n':
          return !arg.isEmpty();
        case 'v':
          return t.state().get(arg) != null;
        case 'o', 'R', 'L', 'h', 'b', 'c', 'p', 'S', 'g', 'u', 'k', 'N':
          return false;
        default:
          break;
      }
      FileStat stat = stat(arg);
      if (stat == null) {
        return false;
      }
      return switch (op) {
        case 'f' -> stat.isFile();
        case 'd' -> stat.isDirectory();
        case 's' -> stat.isDirectory() || stat.size() > 0;
        case 'w' -> t.mode(arg).allows(Mode.WRITE);
        case 'x' -> (t.fs().permissions(t.resolve(arg)) & 0100) != 0
            && (stat.isDirectory() || t.mode(arg).allows(Mode.EXEC));
        default -> true;
      };
    }

    private FileStat stat(String operand) {
      if (operand.isEmpty()) {
        return null;
      }
      try {
        return t.stat(operand);
      } catch (ResourceException e) {
        return null;
      }
    }

    private boolean newer(String a, String b) {
      FileStat x = stat(a);
      FileStat y = stat(b);
      if (x == null) {
        return false;
      }
      return y == null || x.modified().isAfter(y.modified());
    }

    private boolean sameFile(String a, String b) {
      return stat(a) != null && stat(b) != null && t.resolve(a).equals(t.resolve(b));
    }
  }

  private static boolean isUnary(String op) {
    return op.length() == 2 && op.charAt(0) == '-' && "abcdefghknoprstuvwxzGLNOSR".indexOf(op.charAt(1)) >= 0;
  }

  private static boolean isBinary(String op) {
    return switch (op) {
      case "=", "==", "!=", "<", ">", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge" -> true;
      default -> false;
    };
  }

  /** An integer as bash's {@code legal_number} reads it: blanks around, a sign, decimal digits. */
  private static BigInteger integer(String s) {
    String v = s.strip();
    if (!v.matches("[+-]?[0-9]+")) {
      return null;
    }
    BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
    return n.bitLength() < 64 ? n : null;
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
