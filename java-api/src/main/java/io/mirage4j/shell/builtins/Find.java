package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.Programs;
import io.mirage4j.shell.ShellState;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code find [PATH...] [EXPRESSION]}: GNU findutils' expression ({@code -name -iname -path
 * -ipath -type -size -mtime -mmin -newer -empty -perm -executable -readable -writable -maxdepth
 * -mindepth -depth -prune -print -print0 -printf -delete -exec … ;} and {@code -exec … +},
 * {@code ! -not -a -o ( )}), its messages and statuses. {@code -perm} and {@code -executable} read
 * the mode the resource reports, as {@code test -x} does: executable means the owner's {@code x}
 * bit, and for a file also a mount in EXEC mode; {@code -writable} means a writable mount, and
 * everything is readable. Directories are walked depth first, each one's entries in name order (the order the
 * workspace lists them; GNU find uses the order the disk returns). Commands that {@code -exec}
 * names run as programs, within the line's budget, as {@code xargs} runs them.
 */
final class Find extends Coreutil {
  private static final int BATCH = 1000;

  /** One entry being looked at. */
  private record Entry(String shown, String path, FileStat stat, int depth) {
    String name() {
      if (depth == 0) {
        String s = shown.length() > 1 ? shown.replaceAll("/+$", "") : shown;
        return s.isEmpty() ? "/" : s.substring(s.lastIndexOf('/') + 1);
      }
      return shown.substring(shown.lastIndexOf('/') + 1);
    }
  }

  /** A node of the expression. */
  private interface Expr {
    boolean test(Entry e) throws IOException;
  }

  /** Reported already; find ends with status 1. */
  private static final class BadExpression extends Exception {
    private static final long serialVersionUID = 1L;

    BadExpression(String message) {
      super(message, null, false, false);
    }
  }

  /** {@code -quit}: stop at once. */
  private static final class Quit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Quit() {
      super("quit", null, false, false);
    }
  }

  /** An {@code -exec … +}: the paths gathered for its next run. */
  private final class Batch {
    final List<String> argv;
    final List<String> paths = new ArrayList<>();

    Batch(List<String> argv) {
      this.argv = argv;
    }

    void flush() throws IOException {
      if (paths.isEmpty()) {
        return;
      }
      List<String> all = new ArrayList<>(argv);
      all.addAll(paths);
      paths.clear();
      if (execute(all) != 0) {
        status = 1;
      }
    }
  }

  private Tool t;
  private List<String> args;
  private int pos;
  private int status;
  private boolean hasAction;
  private boolean depthFirst;
  private int maxDepth = Integer.MAX_VALUE;
  private int minDepth;
  private boolean pruned;
  private final List<Batch> batches = new ArrayList<>();
  private final long now = System.currentTimeMillis();

  @Override
  int run(Tool tool, List<String> arguments) throws IOException {
    Find f = new Find();
    f.t = tool;
    f.args = arguments;
    return f.find();
  }

  private int find() throws IOException {
    List<String> starts = new ArrayList<>();
    while (pos < args.size() && !isExpressionStart(args.get(pos))) {
      starts.add(args.get(pos++));
    }
    if (starts.isEmpty()) {
      starts.add(".");
    }
    Expr expr;
    try {
      expr = pos < args.size() ? parseOr() : e -> true;
      if (pos < args.size()) {
        String a = args.get(pos);
        if (a.equals(")")) {
          throw new BadExpression("you have too many ')'");
        }
        throw new BadExpression(mustPrecede(a));
      }
    } catch (BadExpression e) {
      t.error(e.getMessage());
      return 1;
    }
    if (!hasAction) {
      Expr inner = expr;
      expr = e -> {
        if (inner.test(e)) {
          t.print(e.shown() + "\n");
        }
        return true;
      };
    }
    try {
      for (String start : starts) {
        FileStat st;
        try {
          st = t.stat(start);
        } catch (ResourceException e) {
          t.error(Quote.plain(start) + ": " + Tool.message(e));
          status = 1;
          continue;
        }
        visit(new Entry(start, t.resolve(start), st, 0), expr);
      }
    } catch (Quit q) {
      // -quit: the batches still run, as GNU find runs them
    }
    for (Batch b : batches) {
      b.flush();
    }
    return status;
  }

  private String mustPrecede(String a) {
    String message = "paths must precede expression: `" + a + "'";
    String before = pos > 0 ? args.get(pos - 1) : "";
    if (before.startsWith("-") && before.length() > 1) {
      message += "\nfind: possible unquoted pattern after predicate `" + before + "'?";
    }
    return message;
  }

  private static boolean isExpressionStart(String a) {
    return a.startsWith("-") && a.length() > 1 || a.equals("!") || a.equals("(");
  }

  private void visit(Entry e, Expr expr) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException();
    }
    pruned = false;
    if (!depthFirst && e.depth() >= minDepth) {
      expr.test(e);
    }
    boolean descend = e.stat().isDirectory() && e.depth() < maxDepth && !(pruned && !depthFirst);
    if (descend) {
      List<FileStat> children;
      try {
        children = t.fs().list(e.path());
      } catch (ResourceException ex) {
        t.error(Quote.plain(e.shown()) + ": " + Tool.message(ex));
        status = 1;
        children = List.of();
      }
      for (FileStat child : children) {
        String shown = e.shown().endsWith("/") ? e.shown() + child.name() : e.shown() + "/" + child.name();
        String path = e.path().equals("/") ? "/" + child.name() : e.path() + "/" + child.name();
        visit(new Entry(shown, path, child, e.depth() + 1), expr);
      }
    }
    if (depthFirst && e.depth() >= minDepth) {
      expr.test(e);
    }
  }

  // ---- the expression

  private Expr parseOr() throws BadExpression {
    Expr left = parseAnd();
    while (pos < args.size() && (args.get(pos).equals("-o") || args.get(pos).equals("-or"))) {
      String op = args.get(pos++);
      if (pos >= args.size() || args.get(pos).equals(")")) {
        throw new BadExpression("expected an expression after '" + op + "'");
      }
      Expr l = left;
      Expr r = parseAnd();
      left = e -> l.test(e) || r.test(e);
    }
    return left;
  }

  private Expr parseAnd() throws BadExpression {
    Expr left = parseUnary();
    while (pos < args.size()) {
      String a = args.get(pos);
      if (a.equals("-o") || a.equals("-or") || a.equals(")")) {
        break;
      }
      if (a.equals("-a") || a.equals("-and")) {
        pos++;
        if (pos >= args.size()) {
          throw new BadExpression("expected an expression after '" + a + "'");
        }
      } else if (!isExpressionStart(a)) {
        throw new BadExpression(mustPrecede(a));
      }
      Expr l = left;
      Expr r = parseUnary();
      left = e -> l.test(e) && r.test(e);
    }
    return left;
  }

  private Expr parseUnary() throws BadExpression {
    if (pos >= args.size()) {
      throw new BadExpression("invalid expression");
    }
    String a = args.get(pos++);
    switch (a) {
      case "!", "-not" -> {
        if (pos >= args.size()) {
          throw new BadExpression("expected an expression after '" + a + "'");
        }
        Expr inner = parseUnary();
        return e -> !inner.test(e);
      }
      case "(" -> {
        if (pos < args.size() && args.get(pos).equals(")")) {
          throw new BadExpression("invalid expression; empty parentheses are not allowed.");
        }
        Expr inner = parseOr();
        if (pos >= args.size() || !args.get(pos).equals(")")) {
          throw new BadExpression("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
        }
        pos++;
        return inner;
      }
      case "-o", "-or", "-a", "-and" -> throw new BadExpression(
          "invalid expression; you have used a binary operator '" + a + "' with nothing before it.");
      case ")" -> throw new BadExpression("invalid expression; you have too many ')'");
      default -> {
        return primary(a);
      }
    }
  }

  private String argument(String predicate) throws BadExpression {
    if (pos >= args.size()) {
      throw new BadExpression("missing argument to `" + predicate + "'");
    }
    return args.get(pos++);
  }

  private Expr primary(String p) throws BadExpression {
    switch (p) {
      case "-name", "-iname" -> {
        Pattern g = glob(argument(p), p.equals("-iname"));
        return e -> g.matcher(e.name()).matches();
      }
      case "-path", "-ipath", "-wholename", "-iwholename" -> {
        Pattern g = glob(argument(p), p.startsWith("-i"));
        return e -> g.matcher(e.shown()).matches();
      }
      case "-type" -> {
        String types = argument(p);
        boolean dir = false;
        boolean file = false;
        for (String one : types.split(",", -1)) {
          if (one.length() != 1 || "fdlbcps".indexOf(one.charAt(0)) < 0) {
            throw new BadExpression(one.length() > 1 && types.indexOf(',') < 0
                ? "Must separate multiple arguments to -type using: ','"
                : "Unknown argument to -type: " + one);
          }
          dir |= one.equals("d");
          file |= one.equals("f");
        }
        boolean d = dir;
        boolean f = file;
        return e -> e.stat().isDirectory() ? d : f;
      }
      case "-maxdepth", "-mindepth" -> {
        String v = argument(p);
        if (!v.matches("[0-9]+")) {
          throw new BadExpression("Expected a positive decimal integer argument to " + p + ", but got " + Quote.plain(v));
        }
        int n = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v.length() > 10 ? "9999999999" : v));
        if (p.equals("-maxdepth")) {
          maxDepth = n;
        } else {
          minDepth = n;
        }
        return e -> true;
      }
      case "-depth", "-d" -> {
        depthFirst = true;
        return e -> true;
      }
      case "-size" -> {
        return size(argument(p));
      }
      case "-mtime", "-mmin" -> {
        String v = argument(p);
        long unit = p.equals("-mtime") ? 86_400_000L : 60_000L;
        Comparison c = comparison(v, p);
        return e -> c.test(Math.floorDiv(now - e.stat().modified().toEpochMilli(), unit));
      }
      case "-newer" -> {
        String ref = argument(p);
        Instant when;
        try {
          when = t.stat(ref).modified();
        } catch (ResourceException ex) {
          throw new BadExpression(Quote.plain(ref) + ": " + Tool.message(ex));
        }
        return e -> e.stat().modified().isAfter(when);
      }
      case "-empty" -> {
        return e -> {
          if (e.stat().isDirectory()) {
            try {
              return t.fs().list(e.path()).isEmpty();
            } catch (ResourceException ex) {
              return false;
            }
          }
          return e.stat().size() == 0;
        };
      }
      case "-perm" -> {
        return permissions(argument(p));
      }
      case "-executable" -> {
        return e -> (t.fs().permissions(e.path()) & 0100) != 0
            && (e.stat().isDirectory() || t.fs().mode(e.path()).allows(Mode.EXEC));
      }
      case "-writable" -> {
        return e -> t.fs().mode(e.path()).allows(Mode.WRITE);
      }
      case "-readable" -> {
        return e -> true;
      }
      case "-true" -> {
        return e -> true;
      }
      case "-false" -> {
        return e -> false;
      }
      case "-print" -> {
        hasAction = true;
        return e -> {
          t.print(e.shown() + "\n");
          return true;
        };
      }
      case "-print0" -> {
        hasAction = true;
        return e -> {
          t.print(e.shown() + "\0");
          return true;
        };
      }
      case "-printf" -> {
        hasAction = true;
        String format = argument(p);
        return e -> {
          t.print(printf(format, e));
          return true;
        };
      }
      case "-prune" -> {
        return e -> {
          pruned = true;
          return true;
        };
      }
      case "-quit" -> {
        return e -> {
          throw new Quit();
        };
      }
      case "-delete" -> {
        hasAction = true;
        depthFirst = true;
        return this::delete;
      }
      case "-exec" -> {
        hasAction = true;
        return exec(p);
      }
      default -> throw new BadExpression(p.startsWith("-") ? "unknown predicate `" + p + "'" : mustPrecede(p));
    }
  }

  /**
   * {@code -perm MODE} (exactly these bits), {@code -perm -MODE} (all of them), {@code -perm /MODE}
   * (any of them; {@code /0} matches everything); MODE octal or symbolic ({@code u+x,g=w}).
   */
  private Expr permissions(String arg) throws BadExpression {
    char kind = arg.startsWith("-") || arg.startsWith("/") ? arg.charAt(0) : '=';
    String mode = kind == '=' ? arg : arg.substring(1);
    int bits;
    if (mode.matches("[0-7]+")) {
      bits = Integer.parseInt(mode.length() > 5 ? "7777777" : mode, 8);
      if (bits > 07777) {
        throw new BadExpression("invalid mode " + Quote.plain(arg));
      }
    } else {
      String everyone = String.join(",", java.util.Arrays.stream(mode.split(",", -1))
          .map(c -> !c.isEmpty() && "-+=".indexOf(c.charAt(0)) >= 0 ? "a" + c : c).toList());
      if (mode.isEmpty() || !Chmod.valid(everyone)) {
        throw new BadExpression("invalid mode " + Quote.plain(arg));
      }
      bits = Chmod.apply(everyone, 0, false);
    }
    if (kind == '/' && bits == 0) {
      warn("warning: you have specified a mode pattern " + arg + " (which is equivalent to /000). The meaning of"
          + " -perm /000 has now been changed to be consistent with -perm -000; that is, while it used to match no"
          + " files, it now matches all files.");
    }
    int wanted = bits;
    return e -> {
      int has = t.fs().permissions(e.path()) & 07777;
      return switch (kind) {
        case '-' -> (has & wanted) == wanted;
        case '/' -> wanted == 0 || (has & wanted) != 0;
        default -> has == wanted;
      };
    };
  }

  private void warn(String message) {
    try {
      t.error(message);
    } catch (IOException e) {
      // the search goes on without its warning
    }
  }

  private boolean delete(Entry e) throws IOException {
    if (e.depth() == 0 && (e.shown().equals(".") || e.shown().equals("./"))) {
      return true;
    }
    try {
      t.fs().delete(e.path());
      return true;
    } catch (ResourceException ex) {
      t.error("cannot delete " + Quote.plain(e.shown()) + ": " + Tool.message(ex));
      status = 1;
      return false;
    }
  }

  private Expr exec(String p) throws BadExpression {
    List<String> argv = new ArrayList<>();
    while (true) {
      if (pos >= args.size()) {
        throw new BadExpression("missing argument to `" + p + "'");
      }
      String a = args.get(pos++);
      if (a.equals(";")) {
        break;
      }
      if (a.equals("+") && !argv.isEmpty() && argv.get(argv.size() - 1).equals("{}")) {
        argv.remove(argv.size() - 1);
        Batch b = new Batch(List.copyOf(argv));
        batches.add(b);
        return e -> {
          b.paths.add(e.shown());
          if (b.paths.size() >= BATCH) {
            b.flush();
          }
          return true;
        };
      }
      argv.add(a);
    }
    if (argv.isEmpty()) {
      throw new BadExpression("missing argument to `" + p + "'");
    }
    return e -> {
      List<String> one = new ArrayList<>(argv.size());
      for (String a : argv) {
        one.add(a.replace("{}", e.shown()));
      }
      return execute(one) == 0;
    };
  }

  private int execute(List<String> argv) throws IOException {
    Programs programs = t.ctx().programs();
    t.flush();
    if (!programs.has(argv.get(0))) {
      t.error(Quote.plain(argv.get(0)) + ": No such file or directory");
      return 127;
    }
    ShellState state = new ShellState(t.state().env(), t.state().cwd());
    return programs.run(argv, state, InputStream.nullInputStream(), t.ctx().stdout(), t.ctx().stderr());
  }

  /** A numeric test: {@code +N} more than N, {@code -N} less, {@code N} exactly. */
  private interface Comparison {
    boolean test(long value);
  }

  private static Comparison comparison(String v, String predicate) throws BadExpression {
    char sign = v.isEmpty() ? 0 : v.charAt(0);
    String digits = sign == '+' || sign == '-' ? v.substring(1) : v;
    if (!digits.matches("[0-9]{1,18}")) {
      throw new BadExpression("invalid argument `" + v + "' to `" + predicate + "'");
    }
    long n = Long.parseLong(digits);
    return sign == '+' ? x -> x > n : sign == '-' ? x -> x < n : x -> x == n;
  }

  private Expr size(String v) throws BadExpression {
    String number = v;
    long unit = 512;
    if (!v.isEmpty() && Character.isLetter(v.charAt(v.length() - 1))) {
      char u = v.charAt(v.length() - 1);
      unit = switch (u) {
        case 'c' -> 1;
        case 'w' -> 2;
        case 'b' -> 512;
        case 'k' -> 1024;
        case 'M' -> 1024 * 1024;
        case 'G' -> 1024L * 1024 * 1024;
        default -> throw new BadExpression("invalid -size type `" + u + "'");
      };
      number = v.substring(0, v.length() - 1);
    }
    Comparison c;
    try {
      c = comparison(number, "-size");
    } catch (BadExpression e) {
      throw new BadExpression("Invalid argument `" + v + "' to -size");
    }
    long u = unit;
    return e -> c.test((e.stat().size() + u - 1) / u);
  }

  private String printf(String format, Entry e) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '\\' && i + 1 < format.length()) {
        char n = format.charAt(++i);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case '0' -> sb.append('\0');
          case '\\' -> sb.append('\\');
          default -> sb.append('\\').append(n);
        }
      } else if (c == '%' && i + 1 < format.length()) {
        char n = format.charAt(++i);
        String start = startOf(e);
        switch (n) {
          case 'p' -> sb.append(e.shown());
          case 'f' -> sb.append(e.name());
          case 's' -> sb.append(e.stat().size());
          case 'd' -> sb.append(e.depth());
          case 'y' -> sb.append(e.stat().isDirectory() ? 'd' : 'f');
          case 'h' -> {
            int slash = e.shown().lastIndexOf('/');
            sb.append(slash < 0 ? "." : slash == 0 ? "/" : e.shown().substring(0, slash));
          }
          case 'P' -> sb.append(e.shown().length() > start.length()
              ? e.shown().substring(start.length() + (start.endsWith("/") ? 0 : 1)) : "");
          case '%' -> sb.append('%');
          default -> sb.append('%').append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String startOf(Entry e) {
    String s = e.shown();
    for (int d = e.depth(); d > 0; d--) {
      s = s.substring(0, s.lastIndexOf('/'));
    }
    return s;
  }

  /** A shell pattern as fnmatch(3) reads it without flags: {@code *} and {@code ?} match {@code /} and a leading dot. */
  private static Pattern glob(String g, boolean ignoreCase) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '\\' -> {
          if (i + 1 < g.length()) {
            re.append(Pattern.quote(String.valueOf(g.charAt(++i))));
          } else {
            re.append("\\\\");
          }
        }
        case '[' -> {
          int end = g.indexOf(']', i + (i + 1 < g.length() && (g.charAt(i + 1) == '!' || g.charAt(i + 1) == '^') ? 3 : 2));
          if (end < 0) {
            re.append("\\[");
          } else {
            String body = g.substring(i + 1, end);
            StringBuilder cls = new StringBuilder("[");
            int k = 0;
            if (body.startsWith("!") || body.startsWith("^")) {
              cls.append('^');
              k = 1;
            }
            for (; k < body.length(); k++) {
              char b = body.charAt(k);
              if (b == '[' && body.startsWith("[:", k) && body.indexOf(":]", k) > 0) {
                int close = body.indexOf(":]", k);
                cls.append("\\p{").append(posixClass(body.substring(k + 2, close))).append('}');
                k = close + 1;
              } else if (b == '-' && k > 0 && k + 1 < body.length()) {
                cls.append('-');
              } else {
                cls.append(b < 0x80 && !Character.isLetterOrDigit(b) ? "\\" + b : String.valueOf(b));
              }
            }
            re.append(cls).append(']');
            i = end;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    return Pattern.compile(re.toString(), flags);
  }

  private static String posixClass(String name) {
    return switch (name) {
      case "alpha" -> "Alpha";
      case "digit" -> "Digit";
      case "alnum" -> "Alnum";
      case "upper" -> "Upper";
      case "lower" -> "Lower";
      case "space" -> "Space";
      case "punct" -> "Punct";
      case "xdigit" -> "XDigit";
      default -> "Alnum";
    };
  }

}
