package io.mirage4j.shell.builtins.bc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The variables, arrays, functions and output of one bc run. */
final class BcState {

  /** Control flow, thrown without a stack. */
  static class Signal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Signal() {
      super(null, null, false, false);
    }
  }

  static final class Break extends Signal {
    private static final long serialVersionUID = 1L;
    static final Break INSTANCE = new Break();
  }

  static final class Continue extends Signal {
    private static final long serialVersionUID = 1L;
    static final Continue INSTANCE = new Continue();
  }

  static final class Return extends Signal {
    private static final long serialVersionUID = 1L;
    static final Return INSTANCE = new Return();
  }

  static final class Quit extends Signal {
    private static final long serialVersionUID = 1L;
    static final Quit INSTANCE = new Quit();
  }

  /** The line was stopped. */
  static final class Interrupted extends Signal {
    private static final long serialVersionUID = 1L;
  }

  private final Map<String, BigDecimal> vars = new HashMap<>();
  private final Map<String, Map<BigInteger, BigDecimal>> arrays = new HashMap<>();
  final Map<String, BcAst.Function> functions = new HashMap<>();
  private final OutputStream out;
  private final OutputStream err;
  private final boolean mathLibrary;
  private final int lineLength;
  private int scale;
  private int ibase = 10;
  private int obase = 10;
  private BigDecimal last = BigDecimal.ZERO;
  private BigDecimal returnValue = BigDecimal.ZERO;
  private long ticks;
  private int depth;

  BcState(OutputStream out, OutputStream err, boolean mathLibrary, int lineLength) {
    this.out = out;
    this.err = err;
    this.mathLibrary = mathLibrary;
    this.lineLength = lineLength;
    this.scale = mathLibrary ? 20 : 0;
  }

  int scale() {
    return scale;
  }

  void tick() {
    if ((++ticks & 0x3ff) == 0 && Thread.currentThread().isInterrupted()) {
      throw new Interrupted();
    }
  }

  BigDecimal literal(String digits) {
    if (ibase == 10 || digits.equals(".")) {
      return new BigDecimal(digits.startsWith(".") ? "0" + digits : digits);
    }
    int dot = digits.indexOf('.');
    String whole = dot < 0 ? digits : digits.substring(0, dot);
    BigDecimal v = BigDecimal.ZERO;
    BigDecimal base = BigDecimal.valueOf(ibase);
    for (char c : whole.toCharArray()) {
      v = v.multiply(base).add(BigDecimal.valueOf(Math.min(Character.digit(c, 16), ibase - 1)));
    }
    if (dot >= 0) {
      String frac = digits.substring(dot + 1);
      BigDecimal f = BigDecimal.ZERO;
      for (int i = frac.length() - 1; i >= 0; i--) {
        f = f.add(BigDecimal.valueOf(Math.min(Character.digit(frac.charAt(i), 16), ibase - 1)))
            .divide(base, Math.max(scale, frac.length()) + 5, java.math.RoundingMode.DOWN);
      }
      v = v.add(f.setScale(frac.length(), java.math.RoundingMode.DOWN));
    }
    return v;
  }

  BigDecimal get(String name) {
    return switch (name) {
      case "scale" -> BigDecimal.valueOf(scale);
      case "ibase" -> BigDecimal.valueOf(ibase);
      case "obase" -> BigDecimal.valueOf(obase);
      case "last" -> last;
      default -> vars.getOrDefault(name, BigDecimal.ZERO);
    };
  }

  void set(String name, BigDecimal v) {
    switch (name) {
      case "scale" -> {
        int n = v.intValue();
        if (n < 0 || n > 100_000) {
          throw new BcNumbers.BcError("Scale out of range");
        }
        scale = n;
      }
      case "ibase" -> {
        int n = v.intValue();
        ibase = Math.max(2, Math.min(16, n));
      }
      case "obase" -> {
        int n = v.intValue();
        if (n < 2) {
          throw new BcNumbers.BcError("Invalid output base");
        }
        obase = n;
      }
      case "last" -> last = v;
      default -> vars.put(name, v);
    }
  }

  Map<BigInteger, BigDecimal> array(String name) {
    return arrays.computeIfAbsent(name, k -> new HashMap<>());
  }

  void last(BigDecimal v) {
    last = v;
  }

  void returnValue(BigDecimal v) {
    returnValue = v;
  }

  String format(BigDecimal v) {
    return BcNumbers.format(v, obase, lineLength);
  }

  void printValue(BigDecimal v) {
    print(format(v) + "\n");
  }

  void print(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void warn(String message) {
    try {
      out.flush();
      err.write(("Runtime warning: " + message + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BigDecimal call(String name, List<BcAst.Expr> args) {
    switch (name) {
      case "sqrt" -> {
        return BcNumbers.sqrt(one(name, args), scale);
      }
      case "length" -> {
        return BigDecimal.valueOf(BcNumbers.length(one(name, args)));
      }
      case "scale" -> {
        return BigDecimal.valueOf(one(name, args).scale());
      }
      default -> {
        // the library and the program's own functions below
      }
    }
    BcAst.Function f = functions.get(name);
    if (f == null && mathLibrary && args.size() == 1) {
      BigDecimal x = args.get(0).eval(this);
      switch (name) {
        case "s" -> {
          return BcNumbers.sin(x, scale);
        }
        case "c" -> {
          return BcNumbers.cos(x, scale);
        }
        case "a" -> {
          return BcNumbers.atan(x, scale);
        }
        case "l" -> {
          return BcNumbers.ln(x, scale);
        }
        case "e" -> {
          return BcNumbers.exp(x, scale);
        }
        default -> {
          // not a library function
        }
      }
    }
    if (f == null) {
      throw new BcNumbers.BcError("Function " + name + " not defined.");
    }
    if (args.size() != f.params().size()) {
      throw new BcNumbers.BcError("Parameter number mismatch");
    }
    List<BigDecimal> values = new ArrayList<>();
    for (BcAst.Expr a : args) {
      values.add(a.eval(this));
    }
    if (++depth > 2000) {
      depth = 0;
      throw new BcNumbers.BcError("function call nesting too deep");
    }
    Map<String, BigDecimal> saved = new HashMap<>();
    List<String> locals = new ArrayList<>(f.params());
    locals.addAll(f.autos());
    for (String local : locals) {
      saved.put(local, vars.get(local));
    }
    try {
      for (int i = 0; i < values.size(); i++) {
        vars.put(f.params().get(i), values.get(i));
      }
      for (String auto : f.autos()) {
        vars.put(auto, BigDecimal.ZERO);
      }
      f.body().exec(this);
      return BigDecimal.ZERO;
    } catch (Return r) {
      BigDecimal v = returnValue;
      returnValue = BigDecimal.ZERO;
      return v;
    } finally {
      depth--;
      for (String local : locals) {
        BigDecimal old = saved.get(local);
        if (old == null) {
          vars.remove(local);
        } else {
          vars.put(local, old);
        }
      }
    }
  }

  private BigDecimal one(String name, List<BcAst.Expr> args) {
    if (args.size() != 1) {
      throw new BcNumbers.BcError("Parameter number mismatch");
    }
    return args.get(0).eval(this);
  }
}
