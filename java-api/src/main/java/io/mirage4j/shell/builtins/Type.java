package io.mirage4j.shell.builtins;

import io.mirage4j.shell.syntax.Ast;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code type [-afptP] NAME...}: what each name is to this shell, as bash says it: {@code if is a
 * shell keyword}, {@code f is a function} followed by its body, {@code echo is a shell builtin}
 * (every command here is a builtin, so {@code type cat} says that too where bash names
 * {@code /usr/bin/cat}); {@code -t} prints one word ({@code keyword}, {@code function},
 * {@code builtin}), {@code -a} every meaning, {@code -f} skips functions. A name that is none of
 * these is {@code mirage: type: NAME: not found} (status 1). There are no files to find on a
 * {@code PATH}: {@code -p} prints nothing and {@code -P} finds nothing. A function's body is printed
 * as bash does when it is a brace group of plain commands, pipes and {@code &&}/{@code ||} lists
 * of literal words, bare or double-quoted; for any other body only its first line, {@code f is a function}, is printed.
 */
final class Type extends Coreutil {
  /** bash's reserved words. */
  static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "case", "esac", "for", "select",
      "while", "until", "do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc");

  /** The builtins the interpreter runs itself, which are not in the command table. */
  static final Set<String> SHELL_LEVEL = Set.of("command", "eval", "source", ".", "trap", "exec", "exit", "unset",
      ":", "set", "shift", "break", "continue", "return", "local", "declare", "typeset");

  @Override
  int run(Tool t, List<String> args) throws IOException {
    boolean terse = false;
    boolean all = false;
    boolean noFunctions = false;
    boolean pathOnly = false;
    boolean forcePath = false;
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      for (char c : a.substring(1).toCharArray()) {
        switch (c) {
          case 't' -> terse = true;
          case 'a' -> all = true;
          case 'f' -> noFunctions = true;
          case 'p' -> pathOnly = true;
          case 'P' -> forcePath = true;
          default -> {
            t.flush();
            t.ctx().stderr().write(("mirage: type: -" + c + ": invalid option\n"
                + "type: usage: type [-afptP] name [name ...]\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return 2;
          }
        }
      }
    }
    int status = 0;
    for (String name : args.subList(i, args.size())) {
      List<String> meanings = new ArrayList<>();
      if (!forcePath) {
        if (KEYWORDS.contains(name)) {
          meanings.add(terse ? "keyword" : name + " is a shell keyword\n");
        }
        Ast.Command body = noFunctions ? null : t.state().functions().get(name);
        if (body != null) {
          meanings.add(terse ? "function" : name + " is a function\n" + FunctionText.of(name, body));
        }
        if (SHELL_LEVEL.contains(name) || t.ctx().programs().has(name)) {
          meanings.add(terse ? "builtin" : name + " is a shell builtin\n");
        }
      }
      if (meanings.isEmpty()) {
        if (!terse && !pathOnly && !forcePath) {
          t.flush();
          t.ctx().stderr().write(("mirage: type: " + name + ": not found\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        status = 1;
        continue;
      }
      if (pathOnly) {
        continue;
      }
      for (String meaning : all ? meanings : meanings.subList(0, 1)) {
        t.print(terse ? meaning + "\n" : meaning);
      }
    }
    return status;
  }
}
