package io.mirage4j.permission;

import io.mirage4j.fs.PathNames;
import io.mirage4j.shell.ShellState;
import io.mirage4j.shell.ShellSyntaxException;
import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Parser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Works out an {@link Explanation}: walks the parsed line, expands words only as far as needs
 * nothing to run (literals, quotes, plain variables of the session), and asks the session's gate
 * for the verdict on each command, without asking the host or recording anything.
 *
 * <pre>{@code
 * Explanation e = Explainer.explain("rm -rf /data", state, gate); // gate null: no profile
 * }</pre>
 */
public final class Explainer {
  private static final Set<Ast.RedirectOp> FILE_REDIRECTS = java.util.EnumSet.of(Ast.RedirectOp.WRITE,
      Ast.RedirectOp.APPEND, Ast.RedirectOp.READ, Ast.RedirectOp.READ_WRITE, Ast.RedirectOp.WRITE_BOTH,
      Ast.RedirectOp.APPEND_BOTH);

  private final ShellState state;
  private final PermissionGate gate;
  private final Set<String> functions = new HashSet<>();
  private final List<Explanation.Step> steps = new ArrayList<>();
  private String cwd;
  private int depth;

  private Explainer(ShellState state, PermissionGate gate) {
    this.state = state;
    this.gate = gate;
    this.cwd = state.cwd();
    this.functions.addAll(state.functions().keySet());
  }

  /**
   * The explanation of {@code line} in {@code state}.
   *
   * @param gate the session's gate, or null when the session has no profile
   */
  public static Explanation explain(String line, ShellState state, PermissionGate gate) {
    Explainer e = new Explainer(state, gate);
    try {
      e.script(Parser.parse(line));
    } catch (ShellSyntaxException ex) {
      return new Explanation(line, List.of(), "mirage: " + ex.getMessage());
    }
    return new Explanation(line, e.steps, null);
  }

  private void script(Ast.Script script) {
    for (Ast.AndOr item : script.items()) {
      pipeline(item.first());
      for (Ast.Link link : item.rest()) {
        pipeline(link.pipeline());
      }
    }
  }

  private void pipeline(Ast.Pipeline p) {
    for (Ast.Command c : p.commands()) {
      command(c);
    }
  }

  private void command(Ast.Command c) {
    if (c instanceof Ast.Simple s) {
      simple(s);
    } else if (c instanceof Ast.Subshell s) {
      String saved = cwd;
      script(s.body());
      cwd = saved;
    } else if (c instanceof Ast.Group g) {
      script(g.body());
    } else if (c instanceof Ast.For f) {
      f.words().forEach(this::substitutions);
      script(f.body());
    } else if (c instanceof Ast.If i) {
      for (Ast.Branch b : i.branches()) {
        script(b.condition());
        script(b.body());
      }
      if (i.otherwise() != null) {
        script(i.otherwise());
      }
    } else if (c instanceof Ast.While w) {
      script(w.condition());
      script(w.body());
    } else if (c instanceof Ast.FunctionDef f) {
      functions.add(f.name());
      command(f.body());
    } else if (c instanceof Ast.Case k) {
      substitutions(k.subject());
      for (Ast.CaseItem item : k.items()) {
        script(item.body());
      }
    } else if (c instanceof Ast.ArithFor f) {
      script(f.body());
    }
  }

  private void simple(Ast.Simple s) {
    for (Ast.Assignment a : s.assignments()) {
      if (a.value() != null) {
        substitutions(a.value());
      }
    }
    s.words().forEach(this::substitutions);
    if (s.words().isEmpty()) {
      return;
    }
    List<String> argv = new ArrayList<>();
    boolean exact = true;
    for (Ast.Word w : s.words()) {
      Expanded e = word(w);
      argv.add(e.text());
      exact &= e.exact();
    }
    List<String> redirected = new ArrayList<>();
    for (Ast.Redirect r : s.redirects()) {
      if (FILE_REDIRECTS.contains(r.op()) && r.target() != null) {
        Expanded target = word(r.target());
        redirected.add(PathNames.resolve(cwd, target.text()));
      }
    }
    step(argv, exact, redirected);
    if (exact && argv.get(0).equals("cd") && argv.size() == 2 && !argv.get(1).equals("-")) {
      cwd = PathNames.resolve(cwd, argv.get(1));
    }
  }

  /** One step for {@code argv}, then the commands it runs in its turn. */
  private void step(List<String> argv, boolean exact, List<String> redirected) {
    Verdict v = gate == null
        ? new Verdict(Decision.ALLOW, "no permission profile", PathArguments.of(argv, cwd))
        : gate.verdict(argv, cwd, functions.contains(argv.get(0)));
    Set<String> paths = new LinkedHashSet<>(v.paths());
    paths.addAll(redirected);
    steps.add(new Explanation.Step(PermissionGate.quoted(argv), argv, exact, v.decision(), v.rule(), List.copyOf(paths)));
    if (depth > 20) {
      return;
    }
    depth++;
    try {
      inner(argv, exact);
    } finally {
      depth--;
    }
  }

  private void inner(List<String> argv, boolean exact) {
    String name = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    switch (name) {
      case "command", "exec" -> {
        if (!args.isEmpty() && !args.get(0).startsWith("-")) {
          step(List.copyOf(args), exact, List.of());
        }
      }
      case "env" -> {
        int i = 0;
        while (i < args.size() && (args.get(i).startsWith("-") || args.get(i).contains("="))) {
          i += args.get(i).equals("-u") || args.get(i).equals("-C") ? 2 : 1;
        }
        if (i < args.size()) {
          step(List.copyOf(args.subList(i, args.size())), exact, List.of());
        }
      }
      case "timeout" -> {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
          i += args.get(i).equals("-s") || args.get(i).equals("-k") ? 2 : 1;
        }
        if (i + 1 < args.size()) {
          step(List.copyOf(args.subList(i + 1, args.size())), exact, List.of());
        }
      }
      case "xargs" -> {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
          String o = args.get(i);
          i += o.length() == 2 && "nIPdLsE".indexOf(o.charAt(1)) >= 0 ? 2 : 1;
        }
        step(i < args.size() ? List.copyOf(args.subList(i, args.size())) : List.of("echo"), false, List.of());
      }
      case "find" -> {
        for (int i = 0; i < args.size(); i++) {
          if (args.get(i).equals("-exec") || args.get(i).equals("-execdir") || args.get(i).equals("-ok")) {
            int end = i + 1;
            while (end < args.size() && !args.get(end).equals(";") && !args.get(end).equals("+")) {
              end++;
            }
            if (end > i + 1) {
              step(List.copyOf(args.subList(i + 1, end)), false, List.of());
            }
            i = end;
          }
        }
      }
      case "eval" -> {
        if (exact && !args.isEmpty()) {
          try {
            script(Parser.parse(String.join(" ", args)));
          } catch (ShellSyntaxException e) {
            // eval reports it when it runs
          }
        }
      }
      default -> { }
    }
  }

  /** Explains the command substitutions inside a word: they run before the command. */
  private void substitutions(Ast.Word w) {
    for (Ast.Part p : w.parts()) {
      part(p);
    }
  }

  private void part(Ast.Part p) {
    if (p instanceof Ast.CommandSub c) {
      String saved = cwd;
      script(c.script());
      cwd = saved;
    } else if (p instanceof Ast.DoubleQuoted d) {
      d.parts().forEach(this::part);
    } else if (p instanceof Ast.Param param && param.arg() != null) {
      substitutions(param.arg());
    }
  }

  private record Expanded(String text, boolean exact) {}

  private Expanded word(Ast.Word w) {
    StringBuilder text = new StringBuilder();
    boolean exact = true;
    for (Ast.Part p : w.parts()) {
      exact &= part(p, text, false);
    }
    return new Expanded(text.toString(), exact);
  }

  /** Appends the part's text; false when it is only known by running something. */
  private boolean part(Ast.Part p, StringBuilder text, boolean quoted) {
    if (p instanceof Ast.Literal l) {
      String t = l.text();
      if (!quoted && text.length() == 0 && (t.equals("~") || t.startsWith("~/")) && state.get("HOME") != null) {
        t = state.get("HOME") + t.substring(1);
      }
      text.append(t);
      return quoted || t.chars().noneMatch(c -> "*?[".indexOf(c) >= 0) && !(t.contains("{") && (t.contains(",")
          || t.contains("..")));
    } else if (p instanceof Ast.Quoted q) {
      text.append(q.text());
      return true;
    } else if (p instanceof Ast.DoubleQuoted d) {
      boolean exact = true;
      for (Ast.Part inner : d.parts()) {
        exact &= part(inner, text, true);
      }
      return exact;
    } else if (p instanceof Ast.Param param) {
      if (param.op().isEmpty() && param.index() == null && param.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        String value = state.get(param.name());
        text.append(value == null ? "" : value);
        return quoted || value == null || value.chars().noneMatch(c -> " \t\n*?[".indexOf(c) >= 0);
      }
      text.append("${").append(param.name()).append("…}");
      return false;
    } else if (p instanceof Ast.CommandSub) {
      text.append("$(…)");
      return false;
    } else if (p instanceof Ast.Arith) {
      text.append("$((…))");
      return false;
    }
    return false;
  }
}
