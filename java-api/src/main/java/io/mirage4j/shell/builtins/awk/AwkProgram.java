package io.mirage4j.shell.builtins.awk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed awk program: its BEGIN, main and END rules, its functions and its global names. */
final class AwkProgram {
  /** A rule: a pattern (or a range of two), and an action (null prints the record). */
  record Rule(Ast.Expr pattern, Ast.Expr rangeEnd, Ast.Stmt action) {}

  /** A user function: parameter names (the locals) and which of them are used as arrays. */
  static final class Function {
    final String name;
    final List<String> params;
    final boolean[] arrayParams;
    Ast.Stmt body;

    Function(String name, List<String> params) {
      this.name = name;
      this.params = params;
      this.arrayParams = new boolean[params.size()];
    }
  }

  final List<Ast.Stmt> begin = new ArrayList<>();
  final List<Rule> rules = new ArrayList<>();
  final List<Ast.Stmt> end = new ArrayList<>();
  final Map<String, Function> functions = new HashMap<>();
  final Map<String, Integer> globals = new HashMap<>();
  final List<String> globalNames = new ArrayList<>();

  /** The slot of a global variable, made on first use. */
  int global(String name) {
    Integer i = globals.get(name);
    if (i == null) {
      i = globalNames.size();
      globals.put(name, i);
      globalNames.add(name);
    }
    return i;
  }
}
