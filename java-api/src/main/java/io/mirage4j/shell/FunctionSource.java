package io.mirage4j.shell;

import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Parser;

/** Reads a function definition back from its source text. */
final class FunctionSource {
  private FunctionSource() {}

  /** Whether {@code text} parses as a definition of {@code name} whose body is {@code body}. */
  static boolean readsBackAs(String name, String text, Ast.Command body) {
    try {
      return parse(name, text).body().equals(body);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The definition {@code text} holds, which must be exactly one definition of {@code name}.
   *
   * @throws IllegalArgumentException otherwise
   */
  static Ast.FunctionDef parse(String name, String text) {
    Ast.Script script;
    try {
      script = Parser.parse(text);
    } catch (ShellSyntaxException e) {
      throw new IllegalArgumentException("function " + name + ": its text does not parse: " + e.getMessage(), e);
    }
    if (script.items().size() == 1 && script.items().get(0).rest().isEmpty() && !script.items().get(0).background()
        && script.items().get(0).first().commands().size() == 1
        && script.items().get(0).first().commands().get(0) instanceof Ast.FunctionDef f && f.name().equals(name)) {
      return f;
    }
    throw new IllegalArgumentException("function " + name + ": its text is not one definition of " + name);
  }
}
