package io.mirage4j.shell.builtins.awk;

import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.CommandContext;
import io.mirage4j.shell.ShellState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of one awk run: variables, the current record and its fields, the inputs and the
 * outputs, and the builtin functions. Files are the workspace's; commands ({@code print | "sort"},
 * {@code "ls" | getline}, {@code system}) run as the shell's programs, one simple command each.
 */
final class AwkRuntime {

  /** A run-time error; the message is awk's. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

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

  static final class Next extends Signal {
    private static final long serialVersionUID = 1L;
    static final Next INSTANCE = new Next();
  }

  static final class NextFile extends Signal {
    private static final long serialVersionUID = 1L;
    static final NextFile INSTANCE = new NextFile();
  }

  static final class Exit extends Signal {
    private static final long serialVersionUID = 1L;
    static final Exit INSTANCE = new Exit();
  }

  static final class Return extends Signal {
    private static final long serialVersionUID = 1L;
    static final Return INSTANCE = new Return();
  }

  /** The thread was interrupted: the line is being stopped. */
  static final class Interrupted extends Signal {
    private static final long serialVersionUID = 1L;
  }

  /** Where a print goes: a file (written when closed) or a command (run when closed). */
  private static final class Output {
    final String name;
    final boolean command;
    final boolean append;
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Output(String name, boolean command, boolean append) {
      this.name = name;
      this.command = command;
      this.append = append;
    }
  }

  private final AwkProgram program;
  private final CommandContext ctx;
  private final OutputStream stdout;
  private final Object[] globals;
  private Object[] frame = new Object[0];
  private final AwkRegex regexes = new AwkRegex();
  private final Map<String, Output> outputs = new LinkedHashMap<>();
  private final Map<String, RecordReader> readers = new HashMap<>();
  private final int nfSlot;
  private final int nrSlot;
  private final int fnrSlot;
  private final int fsSlot;
  private final int ofsSlot;
  private final int orsSlot;
  private final int rsSlot;
  private final int subsepSlot;
  private final int convfmtSlot;
  private final int ofmtSlot;
  private final int rstartSlot;
  private final int rlengthSlot;
  private final int filenameSlot;
  private final int argcSlot;
  private final int argvSlot;
  private String record = "";
  private final List<String> fields = new ArrayList<>();
  private Value returnValue = Value.EMPTY;
  private int exitStatus;
  private Random random = new Random(0);
  private double seed;
  private RecordReader main;
  private int nextArg = 1;
  private boolean usedStdin;
  private long ticks;

  AwkRuntime(AwkProgram program, CommandContext ctx, OutputStream stdout) {
    this.program = program;
    this.ctx = ctx;
    this.stdout = stdout;
    nfSlot = program.global("NF");
    nrSlot = program.global("NR");
    fnrSlot = program.global("FNR");
    fsSlot = program.global("FS");
    ofsSlot = program.global("OFS");
    orsSlot = program.global("ORS");
    rsSlot = program.global("RS");
    subsepSlot = program.global("SUBSEP");
    convfmtSlot = program.global("CONVFMT");
    ofmtSlot = program.global("OFMT");
    rstartSlot = program.global("RSTART");
    rlengthSlot = program.global("RLENGTH");
    filenameSlot = program.global("FILENAME");
    argcSlot = program.global("ARGC");
    argvSlot = program.global("ARGV");
    int environ = program.global("ENVIRON");
    globals = new Object[program.globalNames.size()];
    globals[nrSlot] = Value.ZERO;
    globals[fnrSlot] = Value.ZERO;
    globals[fsSlot] = Value.string(" ");
    globals[ofsSlot] = Value.string(" ");
    globals[orsSlot] = Value.string("\n");
    globals[rsSlot] = Value.string("\n");
    globals[subsepSlot] = Value.string("\u001c");
    globals[convfmtSlot] = Value.string("%.6g");
    globals[ofmtSlot] = Value.string("%.6g");
    globals[rstartSlot] = Value.ZERO;
    globals[rlengthSlot] = Value.of(-1);
    Map<String, Value> env = new LinkedHashMap<>();
    ctx.state().env().forEach((k, v) -> env.put(k, Value.input(v)));
    globals[environ] = env;
  }

  // ---- variables

  void setArgs(List<String> args) {
    Map<String, Value> argv = new LinkedHashMap<>();
    argv.put("0", Value.string("awk"));
    for (int i = 0; i < args.size(); i++) {
      argv.put(Integer.toString(i + 1), Value.input(args.get(i)));
    }
    globals[argvSlot] = argv;
    globals[argcSlot] = Value.of(args.size() + 1);
  }

  void assign(String name, String value) {
    setVar(false, program.global(name), name, Value.input(value));
  }

  String convfmt() {
    return scalar(convfmtSlot).toStr("%.6g");
  }

  String ofmt() {
    return scalar(ofmtSlot).toStr("%.6g");
  }

  String ofs() {
    return scalar(ofsSlot).toStr(convfmt());
  }

  String ors() {
    return scalar(orsSlot).toStr(convfmt());
  }

  private Value scalar(int slot) {
    Object o = globals[slot];
    return o instanceof Value v ? v : Value.EMPTY;
  }

  Value getVar(boolean local, int index, String name) {
    if (!local && index == nfSlot) {
      return Value.of(fields.size());
    }
    Object o = local ? frame[index] : index < globals.length ? globals[index] : null;
    if (o == null) {
      return Value.EMPTY;
    }
    if (o instanceof Value v) {
      return v;
    }
    throw new Failure("can't use array " + name + " in scalar context");
  }

  void setVar(boolean local, int index, String name, Value v) {
    if (local) {
      if (frame[index] instanceof Map) {
        throw new Failure("can't assign to " + name + "; it's an array name.");
      }
      frame[index] = v;
      return;
    }
    if (globals[index] instanceof Map) {
      throw new Failure("can't assign to " + name + "; it's an array name.");
    }
    if (index == nfSlot) {
      setNf((int) v.toNum());
      return;
    }
    globals[index] = v;
  }

  @SuppressWarnings("unchecked")
  Map<String, Value> array(boolean local, int index, String name) {
    Object[] slots = local ? frame : globals;
    Object o = slots[index];
    if (o instanceof Map) {
      return (Map<String, Value>) o;
    }
    if (o == null || o == Value.EMPTY) {
      Map<String, Value> a = new LinkedHashMap<>();
      slots[index] = a;
      return a;
    }
    throw new Failure("can't use scalar " + name + " as array");
  }

  String subscript(List<Ast.Expr> subs) {
    if (subs.size() == 1) {
      Value v = subs.get(0).eval(this);
      return v.kind == Value.NUMBER ? Format.number(v.num, convfmt()) : v.toStr(convfmt());
    }
    String sep = scalar(subsepSlot).toStr(convfmt());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < subs.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(subs.get(i).eval(this).toStr(convfmt()));
    }
    return sb.toString();
  }

  void exitStatus(int status) {
    exitStatus = status;
  }

  int exitStatus() {
    return exitStatus;
  }

  void returnValue(Value v) {
    returnValue = v;
  }

  /** Checks, now and then, that the line has not been stopped. */
  void tick() {
    if ((++ticks & 0x3ff) == 0 && Thread.currentThread().isInterrupted()) {
      throw new Interrupted();
    }
  }

  // ---- records and fields

  String record() {
    return record;
  }

  void setRecord(String text) {
    record = text;
    fields.clear();
    split(text, fieldSeparator(), fields, paragraphMode());
  }

  private boolean paragraphMode() {
    return scalar(rsSlot).toStr(convfmt()).isEmpty();
  }

  private String fieldSeparator() {
    return scalar(fsSlot).toStr(convfmt());
  }

  Value field(int i) {
    if (i == 0) {
      return Value.input(record);
    }
    return i <= fields.size() ? Value.input(fields.get(i - 1)) : Value.EMPTY;
  }

  void setField(int i, String value) {
    if (i == 0) {
      setRecord(value);
      return;
    }
    while (fields.size() < i) {
      fields.add("");
    }
    fields.set(i - 1, value);
    rebuild();
  }

  private void setNf(int n) {
    if (n < 0) {
      throw new Failure("NF set to negative value");
    }
    while (fields.size() < n) {
      fields.add("");
    }
    while (fields.size() > n) {
      fields.remove(fields.size() - 1);
    }
    rebuild();
  }

  private void rebuild() {
    record = String.join(ofs(), fields);
  }

  /** Splits {@code s} on {@code fs} as awk splits records and {@code split()} splits strings. */
  void split(String s, String fs, List<String> out, boolean newlineToo) {
    if (s.isEmpty()) {
      return;
    }
    if (fs.equals(" ")) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && isBlank(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          return;
        }
        int start = i;
        while (i < n && !isBlank(s.charAt(i))) {
          i++;
        }
        out.add(s.substring(start, i));
      }
    }
    if (fs.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return;
    }
    if (fs.length() == 1 && !newlineToo) {
      char c = fs.charAt(0);
      int start = 0;
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == c) {
          out.add(s.substring(start, i));
          start = i + 1;
        }
      }
      out.add(s.substring(start));
      return;
    }
    Pattern p = regex(newlineToo ? "(" + fs + ")|\n" : fs);
    Matcher m = p.matcher(s);
    int start = 0;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      out.add(s.substring(start, m.start()));
      start = m.end();
    }
    out.add(s.substring(start));
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
  }

  // ---- regular expressions

  Pattern regex(String ere) {
    return regexes.compile(ere);
  }

  /** The pattern an operand of {@code ~} stands for: a regex literal, or a string as one. */
  Pattern pattern(Ast.Expr e) {
    if (e instanceof Ast.RegexMatch r) {
      return regex(r.ere);
    }
    return regex(e.eval(this).toStr(convfmt()));
  }

  // ---- input

  /** Reads the next record of the main input into $0; false at the end. */
  boolean nextRecord() throws IOException {
    while (true) {
      if (main == null && !openNext()) {
        return false;
      }
      String r = main.next(scalar(rsSlot).toStr(convfmt()));
      if (r != null) {
        setRecord(r);
        globals[nrSlot] = Value.of(scalar(nrSlot).toNum() + 1);
        globals[fnrSlot] = Value.of(scalar(fnrSlot).toNum() + 1);
        return true;
      }
      main = null;
    }
  }

  void skipFile() {
    main = null;
  }

  private boolean openNext() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Value> argv = globals[argvSlot] instanceof Map ? (Map<String, Value>) globals[argvSlot] : Map.of();
    int argc = (int) scalar(argcSlot).toNum();
    while (nextArg < argc) {
      Value v = argv.get(Integer.toString(nextArg++));
      if (v == null) {
        continue;
      }
      String arg = v.toStr(convfmt());
      if (arg.isEmpty()) {
        continue;
      }
      int eq = arg.indexOf('=');
      if (eq > 0 && arg.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        assign(arg.substring(0, eq), Awk.unescape(arg.substring(eq + 1)));
        continue;
      }
      globals[fnrSlot] = Value.ZERO;
      globals[filenameSlot] = Value.string(arg);
      if (arg.equals("-") || arg.equals("/dev/stdin")) {
        usedStdin = true;
        main = new RecordReader(ctx.stdin());
        return true;
      }
      try {
        main = new RecordReader(ctx.fs().open(ctx.resolve(arg)));
      } catch (ResourceException e) {
        throw new Failure("cannot open " + arg + " (" + e.reason().posixMessage() + ")");
      }
      return true;
    }
    if (!usedStdin) {
      usedStdin = true;
      main = new RecordReader(ctx.stdin());
      return true;
    }
    return false;
  }

  Value getline(Ast.LValue target, String file) {
    try {
      if (file == null) {
        if (main == null && !openNext()) {
          return Value.ZERO;
        }
        String r;
        while ((r = main.next(scalar(rsSlot).toStr(convfmt()))) == null) {
          main = null;
          if (!openNext()) {
            return Value.ZERO;
          }
        }
        globals[nrSlot] = Value.of(scalar(nrSlot).toNum() + 1);
        globals[fnrSlot] = Value.of(scalar(fnrSlot).toNum() + 1);
        store(target, r);
        return Value.ONE;
      }
      RecordReader reader = readers.get(file);
      if (reader == null) {
        InputStream in;
        if (file.equals("-") || file.equals("/dev/stdin")) {
          in = ctx.stdin();
        } else {
          try {
            in = ctx.fs().open(ctx.resolve(file));
          } catch (ResourceException e) {
            return Value.of(-1);
          }
        }
        reader = new RecordReader(in);
        readers.put(file, reader);
      }
      String r = reader.next(scalar(rsSlot).toStr(convfmt()));
      if (r == null) {
        return Value.ZERO;
      }
      if (target == null) {
        setRecord(r);
        globals[nrSlot] = Value.of(scalar(nrSlot).toNum() + 1);
      } else {
        target.set(this, Value.input(r));
      }
      return Value.ONE;
    } catch (IOException e) {
      return Value.of(-1);
    }
  }

  private void store(Ast.LValue target, String r) {
    if (target == null) {
      setRecord(r);
    } else {
      target.set(this, Value.input(r));
    }
  }

  Value pipeGetline(String command, Ast.LValue target) {
    String key = "|" + command;
    RecordReader reader = readers.get(key);
    if (reader == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      runCommand(command, new ByteArrayInputStream(new byte[0]), out);
      reader = new RecordReader(new ByteArrayInputStream(out.toByteArray()));
      readers.put(key, reader);
    }
    try {
      String r = reader.next(scalar(rsSlot).toStr(convfmt()));
      if (r == null) {
        return Value.ZERO;
      }
      globals[nrSlot] = Value.of(scalar(nrSlot).toNum() + 1);
      store(target, r);
      return Value.ONE;
    } catch (IOException e) {
      return Value.of(-1);
    }
  }

  // ---- output

  void output(String redirect, String destination, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (redirect == null || destination.equals("/dev/stdout") || destination.equals("-")) {
        stdout.write(bytes);
        return;
      }
      if (destination.equals("/dev/stderr")) {
        stdout.flush();
        ctx.stderr().write(bytes);
        return;
      }
    } catch (IOException e) {
      throw new Awk.WriteFailed(e);
    }
    boolean command = redirect.equals("|");
    String key = (command ? "|" : "") + destination;
    Output o = outputs.get(key);
    if (o == null) {
      o = new Output(destination, command, redirect.equals(">>"));
      outputs.put(key, o);
    }
    o.buffer.writeBytes(bytes);
  }

  /** Writes or runs one output; returns its status. */
  private int finish(Output o) {
    if (o.command) {
      flushStdout();
      return runCommand(o.name, new ByteArrayInputStream(o.buffer.toByteArray()), stdout);
    }
    try {
      String path = ctx.resolve(o.name);
      if (o.append) {
        ctx.fs().append(path, o.buffer.toByteArray());
      } else {
        ctx.fs().write(path, o.buffer.toByteArray());
      }
      return 0;
    } catch (ResourceException e) {
      throw new Failure("cannot open \"" + o.name + "\" for output (" + e.reason().posixMessage() + ")");
    }
  }

  void closeAll() {
    for (Output o : new ArrayList<>(outputs.values())) {
      finish(o);
    }
    outputs.clear();
  }

  private void flushStdout() {
    try {
      stdout.flush();
    } catch (IOException e) {
      throw new Awk.WriteFailed(e);
    }
  }

  /** Runs one simple command line as a program; its status, 127 when there is no such command. */
  private int runCommand(String line, InputStream in, OutputStream out) {
    List<String> argv = Awk.words(line);
    if (argv == null) {
      throw new Failure("cannot run \"" + line + "\": only simple commands can run here");
    }
    if (argv.isEmpty()) {
      return 0;
    }
    if (!ctx.programs().has(argv.get(0))) {
      try {
        ctx.stderr().write(("sh: 1: " + argv.get(0) + ": not found\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new Awk.WriteFailed(e);
      }
      return 127;
    }
    ShellState state = new ShellState(ctx.state().env(), ctx.state().cwd());
    try {
      out.flush();
    } catch (IOException e) {
      throw new Awk.WriteFailed(e);
    }
    return ctx.programs().run(argv, state, in, out, ctx.stderr());
  }

  // ---- functions

  Value call(AwkProgram.Function f, List<Ast.Expr> args) {
    if (args.size() > f.params.size()) {
      throw new Failure("too many arguments in call to " + f.name);
    }
    Object[] callee = new Object[f.params.size()];
    for (int i = 0; i < args.size(); i++) {
      Ast.Expr a = args.get(i);
      if (a instanceof Ast.Var v) {
        Object[] slots = v.local ? frame : globals;
        Object current = slots[v.index];
        if (current instanceof Map || (f.arrayParams[i] && (current == null || current == Value.EMPTY))) {
          callee[i] = array(v.local, v.index, v.name);
          continue;
        }
      }
      callee[i] = a.eval(this);
    }
    Object[] saved = frame;
    frame = callee;
    try {
      f.body.exec(this);
      return Value.EMPTY;
    } catch (Return r) {
      Value v = returnValue;
      returnValue = Value.EMPTY;
      return v;
    } catch (StackOverflowError e) {
      throw new Failure("function call nesting too deep");
    } finally {
      frame = saved;
    }
  }

  Value builtin(Ast.BuiltinCall c) {
    List<Ast.Expr> a = c.args;
    String cf = convfmt();
    switch (c.name) {
      case "length" -> {
        if (a.isEmpty()) {
          return Value.of(record.codePointCount(0, record.length()));
        }
        if (a.get(0) instanceof Ast.Var v) {
          Object o = v.local ? frame[v.index] : globals[v.index];
          if (o instanceof Map<?, ?> m) {
            return Value.of(m.size());
          }
        }
        String s = a.get(0).eval(this).toStr(cf);
        return Value.of(s.codePointCount(0, s.length()));
      }
      case "substr" -> {
        String s = arg(a, 0).toStr(cf);
        return Value.string(substr(s, arg(a, 1).toNum(), a.size() > 2 ? arg(a, 2).toNum() : Double.NaN));
      }
      case "index" -> {
        String s = arg(a, 0).toStr(cf);
        String t = arg(a, 1).toStr(cf);
        int i = s.indexOf(t);
        return Value.of(i < 0 ? 0 : s.codePointCount(0, i) + 1);
      }
      case "split" -> {
        if (a.size() < 2 || !(a.get(1) instanceof Ast.Var v)) {
          throw new Failure("split: second argument must be an array");
        }
        String s = arg(a, 0).toStr(cf);
        Map<String, Value> array = array(v.local, v.index, v.name);
        array.clear();
        List<String> parts = new ArrayList<>();
        if (a.size() > 2 && a.get(2) instanceof Ast.RegexMatch r) {
          splitRegex(s, regex(r.ere), parts);
        } else {
          String fs = a.size() > 2 ? arg(a, 2).toStr(cf) : fieldSeparator();
          split(s, fs, parts, false);
        }
        for (int i = 0; i < parts.size(); i++) {
          array.put(Integer.toString(i + 1), Value.input(parts.get(i)));
        }
        return Value.of(parts.size());
      }
      case "sub", "gsub" -> {
        if (a.size() < 2) {
          throw new Failure(c.name + ": not enough arguments");
        }
        Pattern p = pattern(a.get(0));
        String repl = arg(a, 1).toStr(cf);
        Ast.LValue target = a.size() > 2 ? (a.get(2) instanceof Ast.LValue lv ? lv : null) : new Ast.Field(
            new Ast.Literal(Value.ZERO));
        String text = a.size() > 2 ? a.get(2).eval(this).toStr(cf) : record;
        StringBuilder out = new StringBuilder();
        int n = Ast.substitute(p, repl, text, c.name.equals("gsub"), out);
        if (n > 0 && target != null) {
          target.set(this, Value.string(out.toString()));
        }
        return Value.of(n);
      }
      case "match" -> {
        String s = arg(a, 0).toStr(cf);
        Matcher m = pattern(a.get(1)).matcher(s);
        if (m.find()) {
          int start = s.codePointCount(0, m.start()) + 1;
          globals[rstartSlot] = Value.of(start);
          globals[rlengthSlot] = Value.of(s.codePointCount(m.start(), m.end()));
          return Value.of(start);
        }
        globals[rstartSlot] = Value.ZERO;
        globals[rlengthSlot] = Value.of(-1);
        return Value.ZERO;
      }
      case "sprintf" -> {
        if (a.isEmpty()) {
          return Value.string("");
        }
        List<Value> values = new ArrayList<>();
        for (Ast.Expr e : a) {
          values.add(e.eval(this));
        }
        return Value.string(Format.sprintf(values.get(0).toStr(cf), values.subList(1, values.size()), cf));
      }
      case "sin" -> {
        return Value.of(Math.sin(arg(a, 0).toNum()));
      }
      case "cos" -> {
        return Value.of(Math.cos(arg(a, 0).toNum()));
      }
      case "atan2" -> {
        return Value.of(Math.atan2(arg(a, 0).toNum(), arg(a, 1).toNum()));
      }
      case "exp" -> {
        return Value.of(Math.exp(arg(a, 0).toNum()));
      }
      case "log" -> {
        return Value.of(Math.log(arg(a, 0).toNum()));
      }
      case "sqrt" -> {
        return Value.of(Math.sqrt(arg(a, 0).toNum()));
      }
      case "int" -> {
        double d = arg(a, 0).toNum();
        return Value.of(d < 0 ? Math.ceil(d) : Math.floor(d));
      }
      case "rand" -> {
        return Value.of(random.nextDouble());
      }
      case "srand" -> {
        double previous = seed;
        seed = a.isEmpty() ? System.currentTimeMillis() / 1000 : arg(a, 0).toNum();
        random = new Random(Double.doubleToLongBits(seed));
        return Value.of(previous);
      }
      case "tolower" -> {
        return Value.string(arg(a, 0).toStr(cf).toLowerCase(java.util.Locale.ROOT));
      }
      case "toupper" -> {
        return Value.string(arg(a, 0).toStr(cf).toUpperCase(java.util.Locale.ROOT));
      }
      case "system" -> {
        flushStdout();
        int status = runCommand(arg(a, 0).toStr(cf), new ByteArrayInputStream(new byte[0]), stdout);
        flushStdout();
        return Value.of(status);
      }
      case "close" -> {
        String name = arg(a, 0).toStr(cf);
        int status = -1;
        Output o = outputs.remove(name);
        if (o == null) {
          o = outputs.remove("|" + name);
        }
        if (o != null) {
          status = finish(o);
        }
        if (readers.remove(name) != null | readers.remove("|" + name) != null) {
          status = 0;
        }
        return Value.of(status);
      }
      case "fflush" -> {
        flushStdout();
        return Value.ZERO;
      }
      default -> throw new Failure("function " + c.name + " never defined");
    }
  }

  private Value arg(List<Ast.Expr> a, int i) {
    return i < a.size() ? a.get(i).eval(this) : Value.EMPTY;
  }

  private static void splitRegex(String s, Pattern p, List<String> out) {
    if (s.isEmpty()) {
      return;
    }
    Matcher m = p.matcher(s);
    int start = 0;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      out.add(s.substring(start, m.start()));
      start = m.end();
    }
    out.add(s.substring(start));
  }

  private static String substr(String s, double m, double n) {
    int length = s.codePointCount(0, s.length());
    double start = Math.rint(m);
    double end = Double.isNaN(n) ? Double.POSITIVE_INFINITY : start + Math.rint(n);
    double from = Math.max(start, 1);
    double to = Math.min(end, length + 1);
    if (!(to > from)) {
      return "";
    }
    int a = (int) from - 1;
    int b = (int) to - 1;
    return s.substring(s.offsetByCodePoints(0, a), s.offsetByCodePoints(0, b));
  }

  // ---- the main loop

  /** Runs the program: BEGIN, the records, END; returns the exit status. */
  int run() throws IOException {
    boolean exiting = false;
    try {
      for (Ast.Stmt s : program.begin) {
        s.exec(this);
      }
    } catch (Exit e) {
      exiting = true;
    }
    if (!exiting && (!program.rules.isEmpty() || !program.end.isEmpty())) {
      boolean[] inRange = new boolean[program.rules.size()];
      try {
        while (nextRecord()) {
          tick();
          try {
            for (int i = 0; i < program.rules.size(); i++) {
              AwkProgram.Rule r = program.rules.get(i);
              if (matches(r, i, inRange)) {
                if (r.action() == null) {
                  output(null, null, record + ors());
                } else {
                  r.action().exec(this);
                }
              }
            }
          } catch (Next e) {
            // the next record
          } catch (NextFile e) {
            skipFile();
          }
        }
      } catch (Exit e) {
        exiting = true;
      }
    }
    try {
      for (Ast.Stmt s : program.end) {
        s.exec(this);
      }
    } catch (Exit e) {
      // END ends here
    }
    closeAll();
    return exitStatus;
  }

  private boolean matches(AwkProgram.Rule r, int i, boolean[] inRange) {
    if (r.pattern() == null) {
      return true;
    }
    if (r.rangeEnd() == null) {
      return r.pattern().eval(this).truthy();
    }
    if (!inRange[i]) {
      if (!r.pattern().eval(this).truthy()) {
        return false;
      }
      inRange[i] = !r.rangeEnd().eval(this).truthy();
      return true;
    }
    if (r.rangeEnd().eval(this).truthy()) {
      inRange[i] = false;
    }
    return true;
  }

  static boolean interrupted(Throwable e) {
    return e instanceof Interrupted || e instanceof InterruptedIOException;
  }
}
