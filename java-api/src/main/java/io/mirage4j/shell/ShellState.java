package io.mirage4j.shell;

import io.mirage4j.shell.syntax.Ast;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a shell session keeps between commands: variables (and which are exported), functions,
 * the working directory, positional parameters and the last exit status. Not thread-safe; a
 * session runs one command line at a time, and a pipeline stage or subshell works on a {@link
 * #copy()}.
 *
 * <p>A {@link Builtin} reads and changes it through {@link CommandContext#state()}. A change made
 * in the session itself (not in a pipeline stage or a subshell, which work on a copy) lasts into
 * the session's next command line, as {@code export}'s does.
 *
 * <pre>{@code
 * ws.command("remember", (ctx, args) -> {
 *   ctx.state().set("LAST", String.join(" ", args));
 *   ctx.state().export("LAST");
 *   return 0;
 * });
 * ws.execute("remember a b");
 * ws.execute("printenv LAST").stdoutText(); // "a b\n"
 * }</pre>
 */
public final class ShellState {
  private final Map<String, String> vars;
  /** Array variables: subscript to value, indexed ones in numeric order. */
  private Map<String, Map<String, String>> arrays = new LinkedHashMap<>();
  private Set<String> associative = new LinkedHashSet<>();
  private final Set<String> exported;
  private final Map<String, Ast.Command> functions;
  /** The source text of the functions that came from a definition the parser read. */
  private Map<String, String> functionTexts = new LinkedHashMap<>();
  private List<String> positional;
  private String cwd;
  private String previousCwd;
  private int lastStatus;
  /** Whether a command line ran {@code exit} in this state itself (not in a subshell or pipeline stage). */
  private boolean exited;
  /** How many function calls are running: bash's FUNCNEST count, inherited by subshells and pipeline stages. */
  private int functionDepth;
  /** How many {@code source} files are running; {@code return} ends the innermost. */
  private int sourceDepth;
  /** How many {@code eval} and {@code source} calls are running, bounded as function calls are. */
  private int evalDepth;
  /** How many loops enclose the running command in its function (or outside any): bash's loop level. */
  private int loopDepth;
  /** The options {@code set -o} names that are on: errexit, nounset, pipefail, xtrace. */
  private Set<String> options = new LinkedHashSet<>();
  /** How many enclosing contexts ignore {@code set -e}: conditions, the left of {@code && ||}, {@code !}. */
  private int errexitIgnored;
  /**
   * One entry per running function call: the values its {@code local} declarations hid, restored
   * when the call ends.
   */
  private Deque<Map<String, Hidden>> scopes = new ArrayDeque<>();
  /** The descriptors 3 to 9 that {@code exec 3>file} opened, shared with subshells as open files are. */
  private Map<Integer, Descriptor> descriptors = new HashMap<>();
  /** The traps {@code trap} set, by signal number (0 is EXIT); a copy (subshell) starts with none. */
  private Map<Integer, String> traps = new TreeMap<>();

  /** The jobs this shell started with {@code &}; a copy (subshell) starts with none of them. */
  private Jobs jobs = new Jobs(new java.util.concurrent.atomic.AtomicInteger(1));
  /** {@code $!}: the process id of the newest background job, or null before the first. */
  private String lastJobPid;
  /** The session's command lines, shared by every copy of this state. */
  private History history = new History();

  /** A variable as it was before a {@code local} declaration hid it. */
  private record Hidden(String value, Map<String, String> array, boolean associative, boolean exported) {}

  /** A state whose variables are {@code env}, all exported. */
  public ShellState(Map<String, String> env, String cwd) {
    this(new LinkedHashMap<>(env), new LinkedHashSet<>(env.keySet()), new LinkedHashMap<>(), List.of(), cwd, null, 0);
  }

  private ShellState(Map<String, String> vars, Set<String> exported, Map<String, Ast.Command> functions,
      List<String> positional, String cwd, String previousCwd, int lastStatus) {
    this.vars = vars;
    this.exported = exported;
    this.functions = functions;
    this.positional = positional;
    this.cwd = Objects.requireNonNull(cwd, "cwd");
    this.previousCwd = previousCwd;
    this.lastStatus = lastStatus;
  }

  /** An independent copy, as a subshell {@code ( … )} or a pipeline stage gets. */
  public ShellState copy() {
    ShellState copy = new ShellState(new LinkedHashMap<>(vars), new LinkedHashSet<>(exported),
        new LinkedHashMap<>(functions), positional, cwd, previousCwd, lastStatus);
    copy.functionDepth = functionDepth;
    copy.sourceDepth = sourceDepth;
    copy.evalDepth = evalDepth;
    copy.loopDepth = loopDepth;
    copy.options = new LinkedHashSet<>(options);
    copy.errexitIgnored = errexitIgnored;
    for (Map.Entry<String, Map<String, String>> e : arrays.entrySet()) {
      copy.arrays.put(e.getKey(), copyOf(e.getValue(), associative.contains(e.getKey())));
    }
    copy.associative = new LinkedHashSet<>(associative);
    copy.descriptors = new HashMap<>(descriptors);
    copy.jobs = jobs.forSubshell();
    copy.lastJobPid = lastJobPid;
    copy.history = history;
    copy.functionTexts = new LinkedHashMap<>(functionTexts);
    copy.scopes = new ArrayDeque<>();
    for (Map<String, Hidden> scope : scopes) {
      copy.scopes.addLast(new HashMap<>(scope));
    }
    return copy;
  }

  /** The command lines of the session this state belongs to ({@code history}). */
  public History history() {
    return history;
  }

  /** The background jobs of this shell. */
  Jobs jobs() {
    return jobs;
  }

  /**
   * A copy for a pipeline stage or a command substitution: a subshell whose {@code jobs} also lists
   * this shell's jobs, as bash's does.
   */
  ShellState copyListingJobs() {
    ShellState copy = copy();
    copy.jobs = jobs.forSubshellListingThese();
    return copy;
  }

  /** A copy that runs one command of this shell, not a subshell: it shares this shell's jobs. */
  ShellState copyForCommand() {
    ShellState copy = copy();
    copy.jobs = jobs;
    return copy;
  }

  /** {@code $!}, or null before the first background job. */
  String lastJobPid() {
    return lastJobPid;
  }

  void lastJobPid(int pid) {
    lastJobPid = Integer.toString(pid);
  }

  /** Whether {@code name} is a valid variable name: a letter or underscore, then letters, digits, underscores. */
  static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** The traps {@code trap} set: signal number (0 for EXIT) to the commands to run. */
  Map<Integer, String> traps() {
    return traps;
  }

  /** The descriptors {@code exec} opened: number to descriptor. */
  Map<Integer, Descriptor> descriptors() {
    return descriptors;
  }

  /** Whether the {@code set -o} option {@code name} is on. */
  boolean option(String name) {
    return options.contains(name);
  }

  void option(String name, boolean on) {
    if (on) {
      options.add(name);
    } else {
      options.remove(name);
    }
  }

  /** Whether a failing command now ends the shell: {@code set -e} outside the contexts that ignore it. */
  boolean exitsOnError() {
    return errexitIgnored == 0 && options.contains("errexit");
  }

  int errexitIgnored() {
    return errexitIgnored;
  }

  void errexitIgnored(int depth) {
    errexitIgnored = depth;
  }

  int loopDepth() {
    return loopDepth;
  }

  void loopDepth(int depth) {
    loopDepth = depth;
  }

  /** A function call starts: its {@code local} variables are forgotten when {@link #popScope()} ends it. */
  void pushScope() {
    scopes.push(new HashMap<>());
  }

  /** A function call ends: the variables its {@code local} declarations hid come back. */
  void popScope() {
    Map<String, Hidden> scope = scopes.pop();
    for (Map.Entry<String, Hidden> e : scope.entrySet()) {
      String name = e.getKey();
      Hidden hidden = e.getValue();
      vars.remove(name);
      arrays.remove(name);
      associative.remove(name);
      if (hidden.value() != null) {
        vars.put(name, hidden.value());
      }
      if (hidden.array() != null) {
        arrays.put(name, hidden.array());
        if (hidden.associative()) {
          associative.add(name);
        }
      }
      if (hidden.exported()) {
        exported.add(name);
      } else {
        exported.remove(name);
      }
    }
  }

  /**
   * Makes {@code name} local to the running function call, unset and not exported until set;
   * false outside any function.
   */
  boolean makeLocal(String name) {
    Map<String, Hidden> scope = scopes.peek();
    if (scope == null) {
      return false;
    }
    if (!scope.containsKey(name)) {
      scope.put(name, new Hidden(vars.get(name), arrays.get(name), associative.contains(name), exported.contains(name)));
      vars.remove(name);
      arrays.remove(name);
      associative.remove(name);
      exported.remove(name);
    }
    return true;
  }

  int sourceDepth() {
    return sourceDepth;
  }

  void sourceDepth(int depth) {
    sourceDepth = depth;
  }

  int evalDepth() {
    return evalDepth;
  }

  void evalDepth(int depth) {
    evalDepth = depth;
  }

  int functionDepth() {
    return functionDepth;
  }

  void functionDepth(int depth) {
    functionDepth = depth;
  }

  /** The exported variables: what a program ({@code python3}, {@code env}) sees as its environment. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : exported) {
      String value = vars.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    return env;
  }

  /** A variable's value, or null when unset; an array's element 0. */
  public String get(String name) {
    Map<String, String> array = arrays.get(name);
    return array != null ? array.get("0") : vars.get(name);
  }

  /** Sets a variable; it stays exported if it was. An array's element 0 is set instead. */
  public void set(String name, String value) {
    Map<String, String> array = arrays.get(name);
    if (array != null) {
      array.put("0", Objects.requireNonNull(value, "value"));
    } else {
      vars.put(name, Objects.requireNonNull(value, "value"));
    }
  }

  /** An array variable's elements (subscript to value, in order), or null when it is not an array. */
  Map<String, String> array(String name) {
    return arrays.get(name);
  }

  /** Makes {@code name} an indexed array of {@code values} (subscripts 0, 1, …), as {@code read -a} does. */
  public void setIndexedArray(String name, List<String> values) {
    Map<String, String> elements = emptyArray(false);
    for (int i = 0; i < values.size(); i++) {
      elements.put(Integer.toString(i), values.get(i));
    }
    setArray(name, elements, false);
  }

  /** An indexed or associative array's values in subscript order, or null when {@code name} is not an array. */
  public List<String> arrayValues(String name) {
    Map<String, String> array = arrays.get(name);
    return array == null ? null : List.copyOf(array.values());
  }

  /** Whether {@code name} is an associative array ({@code declare -A}). */
  boolean associative(String name) {
    return associative.contains(name);
  }

  /**
   * Makes {@code name} an array holding {@code elements} (subscript to value); a scalar value
   * becomes its element 0, as in bash.
   */
  void setArray(String name, Map<String, String> elements, boolean isAssociative) {
    vars.remove(name);
    arrays.put(name, copyOf(elements, isAssociative));
    if (isAssociative) {
      associative.add(name);
    } else {
      associative.remove(name);
    }
  }

  /** The order of an indexed array's subscripts: numeric. One instance, so that copying a sorted array stays linear. */
  private static final Comparator<String> NUMERIC = ShellState::compareSubscripts;

  /** Numeric order of two subscripts; plain decimals (no sign, no leading zero) compare without parsing. */
  private static int compareSubscripts(String a, String b) {
    if (isPlainDecimal(a) && isPlainDecimal(b)) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    return Long.compare(Long.parseLong(a), Long.parseLong(b));
  }

  /** Digits without a leading zero (or {@code 0} itself), few enough for a long. */
  private static boolean isPlainDecimal(String s) {
    int n = s.length();
    if (n == 0 || n > 18 || s.charAt(0) == '0' && n > 1) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The decimal text of 0 to 255, every exit status: made once, as every command sets {@code PIPESTATUS}. */
  private static final String[] STATUS_TEXT = new String[256];

  static {
    for (int i = 0; i < STATUS_TEXT.length; i++) {
      STATUS_TEXT[i] = Integer.toString(i);
    }
  }

  private static String decimal(int n) {
    return n >= 0 && n < STATUS_TEXT.length ? STATUS_TEXT[n] : Integer.toString(n);
  }

  /** Sets {@code PIPESTATUS} to the exit statuses of the commands of the pipeline that just ran. */
  void pipeStatus(int... statuses) {
    Map<String, String> elements = new TreeMap<>(NUMERIC);
    for (int i = 0; i < statuses.length; i++) {
      elements.put(decimal(i), decimal(statuses[i]));
    }
    vars.remove("PIPESTATUS");
    arrays.put("PIPESTATUS", elements);
    associative.remove("PIPESTATUS");
  }

  /** An empty array of the right kind: indexed arrays keep their subscripts in numeric order. */
  static Map<String, String> emptyArray(boolean isAssociative) {
    return isAssociative ? new LinkedHashMap<>() : new TreeMap<>(NUMERIC);
  }

  private static Map<String, String> copyOf(Map<String, String> elements, boolean isAssociative) {
    Map<String, String> copy = emptyArray(isAssociative);
    copy.putAll(elements);
    return copy;
  }

  /** The names of the set variables and arrays that start with {@code prefix}, sorted: {@code ${!prefix*}}. */
  List<String> namesStartingWith(String prefix) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (String name : vars.keySet()) {
      if (name.startsWith(prefix)) {
        names.add(name);
      }
    }
    for (String name : arrays.keySet()) {
      if (name.startsWith(prefix)) {
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  /** Whether {@code name} is marked exported. */
  boolean exported(String name) {
    return exported.contains(name);
  }

  /** Marks a variable exported (it need not be set yet). */
  public void export(String name) {
    exported.add(name);
  }

  /** Removes a variable. */
  public void unset(String name) {
    vars.remove(name);
    arrays.remove(name);
    associative.remove(name);
    exported.remove(name);
  }

  public Map<String, Ast.Command> functions() {
    return functions;
  }

  /** Defines (or redefines) the function {@code name}; {@code text} is its source, or null. */
  void defineFunction(String name, Ast.Command body, String text) {
    functions.put(name, body);
    if (text == null) {
      functionTexts.remove(name);
    } else {
      functionTexts.put(name, text);
    }
  }

  /**
   * What this state keeps, as values ({@link ShellImage}). A function is kept as its source text
   * when that text reads back as the same definition; the others (a here-document whose body
   * follows the line the function ends on, a function a {@link Builtin} defined) are named in
   * {@link ShellImage#functionsLeftOut()}.
   */
  public ShellImage image() {
    Map<String, String> texts = new LinkedHashMap<>();
    Set<String> leftOut = new LinkedHashSet<>();
    for (Map.Entry<String, Ast.Command> f : functions.entrySet()) {
      String text = functionTexts.get(f.getKey());
      if (text != null && FunctionSource.readsBackAs(f.getKey(), text, f.getValue())) {
        texts.put(f.getKey(), text);
      } else {
        leftOut.add(f.getKey());
      }
    }
    return new ShellImage(vars, exported, arrays, associative, texts, leftOut, cwd, previousCwd, options, traps, lastStatus,
        history.all(), history.nextNumber());
  }

  /**
   * A state holding what {@code image} kept, with a history of its own.
   *
   * @throws IllegalArgumentException when a function's text does not define that function
   */
  public static ShellState of(ShellImage image) {
    ShellState state = new ShellState(new LinkedHashMap<>(image.variables()), new LinkedHashSet<>(image.exported()),
        new LinkedHashMap<>(), List.of(), image.cwd(), image.previousCwd(), image.lastStatus());
    image.arrays().forEach((name, elements) ->
        state.arrays.put(name, copyOf(elements, image.associative().contains(name))));
    state.associative.addAll(image.associative());
    image.functions().forEach((name, text) -> {
      Ast.FunctionDef definition = FunctionSource.parse(name, text);
      state.defineFunction(name, definition.body(), definition.text());
    });
    state.options.addAll(image.options());
    state.traps.putAll(image.traps());
    state.history = History.of(image.history(), image.nextHistoryNumber());
    return state;
  }

  /**
   * An independent copy for a session of another workspace: variables, functions, working
   * directory, options, traps and a copy of the history; no background jobs and no descriptors
   * opened with {@code exec}.
   */
  public ShellState detachedCopy() {
    ShellState copy = copy();
    copy.jobs = new Jobs(new java.util.concurrent.atomic.AtomicInteger(1));
    copy.history = history.copy();
    copy.traps = new TreeMap<>(traps);
    copy.descriptors = new HashMap<>();
    return copy;
  }

  /** {@code $1}, {@code $2}, …. */
  public List<String> positional() {
    return positional;
  }

  public void positional(List<String> args) {
    this.positional = List.copyOf(new ArrayList<>(args));
  }

  public String cwd() {
    return cwd;
  }

  /** Changes the working directory, remembering the previous one for {@code cd -}. */
  public void cwd(String cwd) {
    this.previousCwd = this.cwd;
    this.cwd = Objects.requireNonNull(cwd, "cwd");
    if (vars.containsKey("PWD") || exported.contains("PWD")) {
      vars.put("PWD", cwd);
    }
  }

  /** The directory before the last {@code cd}, or null. */
  public String previousCwd() {
    return previousCwd;
  }

  /**
   * Whether a command line ran {@code exit} in this state itself, not in a subshell, a pipeline
   * stage or a command substitution. A shell that reads line after line (a terminal, a script on
   * stdin) stops there.
   */
  public boolean exited() {
    return exited;
  }

  /** Records that {@code exit} ran at the top of a command line in this state. */
  void markExited() {
    exited = true;
  }

  /** {@code $?}. */
  public int lastStatus() {
    return lastStatus;
  }

  public void lastStatus(int status) {
    this.lastStatus = status;
  }
}
