package io.mirage4j.shell.builtins;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.exception.JsonQueryUserException;

/**
 * {@code jq [OPTIONS] FILTER [FILE]...}: runs a jq program over the JSON values of the files (or
 * stdin), on jackson-jq in jq 1.6 mode, printing like jq 1.6. Options: {@code -r -j -a -c -n -s
 * -R -S -e -C -M --tab --indent N --arg NAME V --argjson NAME JSON --slurpfile NAME F --rawfile
 * NAME F --args --jsonargs}. A runtime error is {@code jq: error (at <stdin>:N): MESSAGE} and
 * makes the status 5 when it is the last input's result; a compile error exits 3, a file that
 * cannot be opened 2, a JSON parse error 4 (as jq 1.6 does), {@code -e} gives 1 when the last
 * output is {@code false} or {@code null} and 4 when there was none. {@code env} and {@code $ENV}
 * are the session's exported variables, never the host's; {@code input} and {@code inputs} read
 * the remaining inputs.
 */
final class Jq extends Coreutil {
  private static final Version VERSION = Versions.JQ_1_6;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String HINT = "Use jq --help for help with command-line options,\n"
      + "or see the jq manpage, or online docs  at https://stedolan.github.io/jq";
  private static final Pattern UNDEFINED = Pattern.compile("Function ([^ ]+/\\d+) does not exist");
  private static final Pattern UNBOUND = Pattern.compile("^(\\$[A-Za-z_][A-Za-z0-9_]*) is not defined$");
  /** jq 1.6 builtins that jackson-jq lacks, defined in jq over the ones it has. */
  private static final String PRELUDE = "def IN(s): any(s == .; .); def IN(src; s): any(src == s; .); "
      + "def fromdate: fromdateiso8601; def todate: todateiso8601; "
      + "def isempty(g): [limit(1; g)] | length == 0; "
      + "def repeat(f): def _repeat: f | (., _repeat); _repeat; "
      + "def walk(f): . as $in | if type == \"object\" then reduce keys_unsorted[] as $key "
      + "( {}; . + { ($key): ($in[$key] | walk(f)) } ) | f elif type == \"array\" then map( walk(f) ) | f else f end; "
      + "def tostream: path(def r: (.[]?|r), .; r) as $p | getpath($p) | reduce path(.[]?) as $q ([$p, .]; [$p+$q]); "
      + "def fromstream(f): { x: null, e: false } as $init | foreach f as $i ($init; "
      + "if .e then $init else . end | if $i | length == 2 then setpath([\"e\"]; $i[0] | length == 0) "
      + "| setpath([\"x\"] + $i[0]; $i[1]) else setpath([\"e\"]; $i[0] | length == 1) end; "
      + "if .e then .x else empty end); ";
  private static volatile Scope builtins;

  /** A malformed command line: the message and the status. */
  private static final class BadUsage extends Exception {
    private static final long serialVersionUID = 1L;

    BadUsage(String message) {
      super(message, null, false, false);
    }
  }

  /** What the command line asks for. */
  private static final class Options {
    boolean raw;
    boolean join;
    boolean ascii;
    boolean nullInput;
    boolean slurp;
    boolean rawInput;
    boolean sortKeys;
    boolean exitStatus;
    boolean tab;
    int indent = 2;
    String filter;
    final List<String> files = new ArrayList<>();
    final ObjectNode named = JsonNodeFactory.instance.objectNode();
    final ArrayNode positional = JsonNodeFactory.instance.arrayNode();
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Options o;
    try {
      o = parse(t, args);
    } catch (BadUsage e) {
      t.note("jq: " + e.getMessage() + "\n" + HINT);
      return 2;
    }
    if (o.filter == null) {
      o.filter = ".";
    }
    JsonQuery query;
    try {
      query = JsonQuery.compile(PRELUDE + o.filter, VERSION);
    } catch (JsonQueryException | RuntimeException | StackOverflowError e) {
      return compileError(t, o.filter, "syntax error, unexpected token (Unix shell quoting issues?)");
    }
    return new Run(t, o, query).all();
  }

  /** jq's wording for the errors jackson-jq words differently, where the value is known. */
  static String jqMessage(String message) {
    if (message.startsWith("_match_impl/3 is not applicable to NULL")) {
      return "null (null) cannot be matched, as it is not a string";
    }
    if (message.startsWith("mathfunc is not applicable to NULL")) {
      return "null (null) number required";
    }
    return message;
  }

  /** jq's report of a program it cannot compile; returns its status, 3. */
  static int compileError(Tool t, String filter, String message) throws IOException {
    t.note("jq: error: " + message + " at <top-level>, line 1:\n" + filter + "\njq: 1 compile error");
    return 3;
  }

  /**
   * What jq reports at compile time and jackson-jq only when it runs the code: an undefined
   * function ({@code foo/0 is not defined}) or variable ({@code $x is not defined}); else null.
   */
  static String undefined(String message) {
    Matcher m = UNDEFINED.matcher(message);
    if (m.find()) {
      return m.group(1) + " is not defined";
    }
    m = UNBOUND.matcher(message);
    return m.find() ? m.group(1) + " is not defined" : null;
  }

  private static Options parse(Tool t, List<String> args) throws BadUsage, IOException {
    Options o = new Options();
    boolean positional = false;
    boolean jsonPositional = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (positional && !a.startsWith("-")) {
        if (o.filter == null) {
          o.filter = a;
        } else {
          o.positional.add(jsonPositional ? json(a, "--jsonargs") : TextNode.valueOf(a));
        }
        continue;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        if (o.filter == null) {
          o.filter = a;
        } else {
          o.files.add(a);
        }
        continue;
      }
      if (a.startsWith("--")) {
        i = longOption(t, o, args, i);
        if (a.equals("--args") || a.equals("--jsonargs")) {
          positional = true;
          jsonPositional = a.equals("--jsonargs");
        }
        continue;
      }
      for (int j = 1; j < a.length(); j++) {
        if (!shortOption(o, a.charAt(j))) {
          throw new BadUsage("Unknown option " + a);
        }
      }
    }
    return o;
  }

  private static boolean shortOption(Options o, char c) {
    switch (c) {
      case 'r' -> o.raw = true;
      case 'j' -> {
        o.raw = true;
        o.join = true;
      }
      case 'a' -> o.ascii = true;
      case 'c' -> {
        o.indent = 0;
        o.tab = false;
      }
      case 'n' -> o.nullInput = true;
      case 's' -> o.slurp = true;
      case 'R' -> o.rawInput = true;
      case 'S' -> o.sortKeys = true;
      case 'e' -> o.exitStatus = true;
      case 'C', 'M' -> {
        // colours are never written: the output is not a terminal
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static int longOption(Tool t, Options o, List<String> args, int i) throws BadUsage, IOException {
    String a = args.get(i);
    switch (a) {
      case "--raw-output" -> o.raw = true;
      case "--join-output" -> {
        o.raw = true;
        o.join = true;
      }
      case "--ascii-output" -> o.ascii = true;
      case "--compact-output" -> {
        o.indent = 0;
        o.tab = false;
      }
      case "--null-input" -> o.nullInput = true;
      case "--slurp" -> o.slurp = true;
      case "--raw-input" -> o.rawInput = true;
      case "--sort-keys" -> o.sortKeys = true;
      case "--exit-status" -> o.exitStatus = true;
      case "--color-output", "--monochrome-output", "--args", "--jsonargs" -> {
        // handled by the caller, or nothing to do
      }
      case "--tab" -> {
        o.tab = true;
        o.indent = 1;
      }
      case "--indent" -> {
        if (i + 1 >= args.size()) {
          throw new BadUsage("--indent takes one parameter");
        }
        int n = atoi(args.get(++i));
        if (n < -1 || n > 7) {
          throw new BadUsage("--indent takes a number between -1 and 7");
        }
        o.tab = n == -1;
        o.indent = Math.max(n, 0);
      }
      case "--arg" -> {
        if (i + 2 >= args.size()) {
          throw new BadUsage("--arg takes two parameters (e.g. --arg varname value)");
        }
        o.named.set(args.get(i + 1), TextNode.valueOf(args.get(i + 2)));
        return i + 2;
      }
      case "--argjson" -> {
        if (i + 2 >= args.size()) {
          throw new BadUsage("--argjson takes two parameters (e.g. --argjson varname text)");
        }
        o.named.set(args.get(i + 1), json(args.get(i + 2), "--argjson"));
        return i + 2;
      }
      case "--slurpfile", "--rawfile" -> {
        if (i + 2 >= args.size()) {
          throw new BadUsage(a + " takes two parameters (e.g. " + a + " varname filename)");
        }
        o.named.set(args.get(i + 1), fileArgument(t, a, args.get(i + 2)));
        return i + 2;
      }
      default -> throw new BadUsage("Unknown option " + a);
    }
    return i;
  }

  private static JsonNode fileArgument(Tool t, String option, String file) throws BadUsage {
    byte[] data;
    try {
      data = t.read(file);
    } catch (ResourceException e) {
      throw new BadUsage("Bad JSON in --" + option.substring(2) + " " + file + ": Could not open " + file + ": "
          + Tool.message(e));
    }
    if (option.equals("--rawfile")) {
      return TextNode.valueOf(new String(data, StandardCharsets.UTF_8));
    }
    ArrayNode values = JsonNodeFactory.instance.arrayNode();
    try (JsonParser p = MAPPER.createParser(data)) {
      while (p.nextToken() != null) {
        values.add(JqInputs.tree(p));
      }
    } catch (IOException e) {
      throw new BadUsage("Bad JSON in --slurpfile " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    return values;
  }

  private static JsonNode json(String text, String option) throws BadUsage {
    try (JsonParser p = MAPPER.createParser(text)) {
      if (p.nextToken() == null) {
        throw new BadUsage("invalid JSON text passed to " + option);
      }
      JsonNode node = JqInputs.tree(p);
      if (p.nextToken() != null) {
        throw new BadUsage("invalid JSON text passed to " + option);
      }
      return node;
    } catch (IOException e) {
      throw new BadUsage("invalid JSON text passed to " + option);
    }
  }

  private static int atoi(String s) {
    Matcher m = Pattern.compile("^\\s*([+-]?\\d+)").matcher(s);
    if (!m.find()) {
      return 0;
    }
    try {
      return Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      return m.group(1).startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
  }

  /** The jq builtins, loaded once: the jq definitions are parsed on the first use. */
  private static Scope builtins() {
    Scope s = builtins;
    if (s == null) {
      synchronized (Jq.class) {
        s = builtins;
        if (s == null) {
          s = Scope.newEmptyScope();
          BuiltinFunctionLoader.getInstance().loadFunctions(VERSION, s);
          builtins = s;
        }
      }
    }
    return s;
  }

  /** One run of a compiled program over the inputs. */
  private static final class Run {
    private final Tool t;
    private final Options o;
    private final JsonQuery query;
    private final JqPrinter printer;
    private final JqInputs inputs;
    private int status;
    private boolean output;
    private JsonNode last;

    Run(Tool t, Options o, JsonQuery query) {
      this.t = t;
      this.o = o;
      this.query = query;
      this.printer = new JqPrinter(o.indent, o.tab, o.sortKeys, o.ascii);
      this.inputs = new JqInputs(t, o.files, o.rawInput, o.slurp, MAPPER);
    }

    int all() throws IOException {
      Scope scope = scope();
      try {
        if (o.nullInput) {
          status = apply(scope, JsonNodeFactory.instance.nullNode(), "<unknown>");
        } else {
          JsonNode value;
          while ((value = inputs.next()) != null) {
            status = apply(scope, value, inputs.location());
          }
        }
      } catch (JqInputs.BadJson e) {
        t.note("parse error: " + e.getMessage());
        return 4;
      } catch (Halt h) {
        t.flush();
        if (h.message != null) {
          String text = h.message.isTextual() ? h.message.textValue()
              : new JqPrinter(0, false, false, false).print(h.message) + "\n";
          t.ctx().stderr().write(text.getBytes(StandardCharsets.UTF_8));
        }
        return h.status;
      }
      if (inputs.failedToOpen()) {
        return 2;
      }
      if (o.exitStatus && status == 0) {
        if (!output) {
          return 4;
        }
        return last == null || last.isNull() || (last.isBoolean() && !last.booleanValue()) ? 1 : 0;
      }
      return status;
    }

    private Scope scope() {
      Scope scope = Scope.newChildScope(builtins());
      ObjectNode env = JsonNodeFactory.instance.objectNode();
      t.state().env().forEach(env::put);
      scope.setValue("ENV", env);
      scope.addFunction("env", 0, (s, args, in, path, out, version) -> out.emit(env, null));
      scope.addFunction("input", 0, (s, args, in, path, out, version) -> {
        JsonNode next = inputs.nextForProgram();
        if (next == null) {
          throw new JsonQueryException("No more inputs");
        }
        out.emit(next, null);
      });
      scope.addFunction("inputs", 0, (s, args, in, path, out, version) -> {
        JsonNode next;
        while ((next = inputs.nextForProgram()) != null) {
          out.emit(next, null);
        }
      });
      JqPrinter compact = new JqPrinter(0, false, false, false);
      scope.addFunction("tostring", 0, (s, args, in, path, out, version) -> out.emit(
          in.isTextual() ? in : TextNode.valueOf(compact.print(in)), null));
      scope.addFunction("tojson", 0, (s, args, in, path, out, version) -> out.emit(
          TextNode.valueOf(compact.print(in)), null));
      scope.addFunction("debug", 0, (s, args, in, path, out, version) -> {
        try {
          t.flush();
          t.ctx().stderr().write(("[\"DEBUG:\"," + compact.print(in) + "]\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new EmitFailed(e);
        }
        out.emit(in, null);
      });
      scope.addFunction("input_line_number", 0, (s, args, in, path, out, version) -> out.emit(
          JsonNodeFactory.instance.numberNode(inputs.lines()), null));
      scope.addFunction("input_filename", 0, (s, args, in, path, out, version) -> out.emit(
          inputs.fileName() == null ? JsonNodeFactory.instance.nullNode() : TextNode.valueOf(inputs.fileName()), null));
      scope.addFunction("halt", 0, (s, args, in, path, out, version) -> {
        throw new Halt(0, null);
      });
      scope.addFunction("halt_error", 0, (s, args, in, path, out, version) -> {
        throw new Halt(5, in);
      });
      scope.addFunction("halt_error", 1, (s, args, in, path, out, version) -> args.get(0).apply(s, in, code -> {
        if (!code.isNumber()) {
          throw new JsonQueryException("halt_error/1: number required");
        }
        throw new Halt(code.intValue() & 0xff, in);
      }));
      ObjectNode named = o.named.deepCopy();
      named.fields().forEachRemaining(f -> scope.setValue(f.getKey(), f.getValue()));
      ObjectNode argsNode = JsonNodeFactory.instance.objectNode();
      argsNode.set("positional", o.positional);
      argsNode.set("named", named);
      scope.setValue("ARGS", argsNode);
      return scope;
    }

    /** Runs the program on one input; 5 when it failed, else 0. */
    private int apply(Scope scope, JsonNode in, String location) throws IOException {
      try {
        query.apply(scope, in, this::emit);
        return 0;
      } catch (EmitFailed e) {
        throw e.cause;
      } catch (JsonQueryUserException e) {
        JsonNode message = e.getMessageAsJsonNode();
        if (message != null && message.isTextual()) {
          error(location, ": " + message.textValue());
        } else {
          error(location, " (not a string): " + new JqPrinter(0, false, false, false).print(message));
        }
      } catch (JsonQueryException e) {
        String undefined = undefined(String.valueOf(e.getMessage()));
        if (undefined != null && !output) {
          throw new Halt(compileError(t, o.filter, undefined), null);
        }
        error(location, ": " + jqMessage(String.valueOf(e.getMessage())));
      } catch (StackOverflowError e) {
        error(location, ": stack overflow");
      }
      return 5;
    }

    private void error(String location, String message) throws IOException {
      t.flush();
      t.note("jq: error (at " + location + ")" + message);
    }

    private void emit(JsonNode value) {
      if (Thread.currentThread().isInterrupted()) {
        throw new EmitFailed(new InterruptedIOException());
      }
      output = true;
      last = value;
      try {
        if (o.raw && value.isTextual()) {
          t.print(value.textValue());
        } else {
          t.print(printer.print(value));
        }
        if (!o.join) {
          t.write('\n');
        }
      } catch (IOException e) {
        throw new EmitFailed(e);
      }
    }
  }

  /** {@code halt} or {@code halt_error}: the run ends with this status, printing the value on stderr. */
  private static final class Halt extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient JsonNode message;

    Halt(int status, JsonNode message) {
      super(null, null, false, false);
      this.status = status;
      this.message = message;
    }
  }

  /** A write failed under the jq engine, which only lets {@link JsonQueryException} through. */
  private static final class EmitFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient IOException cause;

    EmitFailed(IOException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }
}
