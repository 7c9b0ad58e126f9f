package io.mirage4j.shell.builtins;

import io.mirage4j.shell.syntax.Ast;
import java.util.ArrayList;
import java.util.List;

/**
 * A function's definition as {@code type} prints it, the way bash does ({@code f () }, a line
 * {@code { }, one command per line indented by four spaces, a {@code ;} after all but the last,
 * then {@code }}), for a brace group of plain commands, pipes and {@code &&}/{@code ||} lists whose
 * words are literal text; empty for any other body, which is then not printed.
 */
final class FunctionText {
  private FunctionText() {}

  /** The text to print after {@code NAME is a function}, or {@code ""}. */
  static String of(String name, Ast.Command body) {
    if (!(body instanceof Ast.Group group) || !group.redirects().isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    for (Ast.AndOr item : group.body().items()) {
      String text = andOr(item);
      if (text == null) {
        return "";
      }
      lines.add(text);
    }
    StringBuilder sb = new StringBuilder(name).append(" () \n{ \n");
    for (int i = 0; i < lines.size(); i++) {
      sb.append("    ").append(lines.get(i)).append(i < lines.size() - 1 ? ";\n" : "\n");
    }
    return sb.append("}\n").toString();
  }

  private static String andOr(Ast.AndOr item) {
    String first = pipeline(item.first());
    if (first == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(first);
    for (Ast.Link link : item.rest()) {
      String next = pipeline(link.pipeline());
      if (next == null) {
        return null;
      }
      sb.append(link.and() ? " && " : " || ").append(next);
    }
    return sb.toString();
  }

  private static String pipeline(Ast.Pipeline p) {
    if (p.negated() || p.time() != null) {
      return null;
    }
    List<String> commands = new ArrayList<>();
    for (Ast.Command c : p.commands()) {
      if (!(c instanceof Ast.Simple s) || !s.assignments().isEmpty() || !s.redirects().isEmpty() || s.words().isEmpty()) {
        return null;
      }
      List<String> words = new ArrayList<>();
      for (Ast.Word w : s.words()) {
        String text = word(w);
        if (text == null) {
          return null;
        }
        words.add(text);
      }
      commands.add(String.join(" ", words));
    }
    return String.join(" | ", commands);
  }

  private static String word(Ast.Word w) {
    StringBuilder sb = new StringBuilder();
    for (Ast.Part part : w.parts()) {
      if (part instanceof Ast.Literal l && plain(l.text(), "")) {
        sb.append(l.text());
      } else if (part instanceof Ast.DoubleQuoted d && d.parts().size() == 1 && quotedText(d.parts().get(0)) != null) {
        sb.append('"').append(quotedText(d.parts().get(0))).append('"');
      } else {
        return null;
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  private static String quotedText(Ast.Part part) {
    String text = part instanceof Ast.Quoted q ? q.text() : part instanceof Ast.Literal l ? l.text() : null;
    return text != null && plain(text, " ") ? text : null;
  }

  /** Text that reads back as itself: no quoting, expansion or escape characters. */
  private static boolean plain(String text, String allowed) {
    return !text.isEmpty() && text.chars().allMatch(c -> allowed.indexOf(c) >= 0
        || c > ' ' && "\\'\"$`*?[]{}~#!&|;<>()\t\n ".indexOf(c) < 0);
  }
}
