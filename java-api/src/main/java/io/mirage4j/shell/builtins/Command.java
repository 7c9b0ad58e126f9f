package io.mirage4j.shell.builtins;

import io.mirage4j.shell.syntax.Ast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code command [-pVv] NAME [ARG...]} with options (the shell runs {@code command NAME ARG...}
 * itself, bypassing functions). {@code -v} prints how each name would be run, as bash does: a
 * keyword, function or builtin by its name alone; since every command of this shell is a builtin
 * and there are no program files on a {@code PATH}, {@code command -v ls} prints {@code ls} where
 * bash prints {@code /usr/bin/ls} ({@code type ls} says {@code ls is a shell builtin} for the same
 * reason). {@code -V} prints what {@code type} prints. A name that is nothing prints nothing for
 * {@code -v} and {@code mirage: command: NAME: not found} for {@code -V}; the status is 1 when no
 * name was found. The last of {@code -v} and {@code -V} wins; {@code -p} alone runs the command.
 */
final class Command extends Coreutil {

  @Override
  int run(Tool t, List<String> args) throws IOException {
    char describe = 0;
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      for (char c : a.substring(1).toCharArray()) {
        switch (c) {
          case 'v', 'V' -> describe = c;
          case 'p' -> {
            // the default PATH: every command here is a builtin anyway
          }
          default -> {
            t.flush();
            t.ctx().stderr().write(("mirage: command: -" + c + ": invalid option\n"
                + "command: usage: command [-pVv] command [arg ...]\n").getBytes(StandardCharsets.UTF_8));
            return 2;
          }
        }
      }
    }
    List<String> rest = args.subList(i, args.size());
    if (describe == 0) {
      if (rest.isEmpty()) {
        return 0;
      }
      t.flush();
      return t.ctx().programs().run(rest, t.state(), t.ctx().stdin(), t.ctx().stdout(), t.ctx().stderr());
    }
    boolean found = false;
    for (String name : rest) {
      String what = describe(t, name, describe == 'V');
      if (what == null) {
        if (describe == 'V') {
          t.flush();
          t.ctx().stderr().write(("mirage: command: " + name + ": not found\n").getBytes(StandardCharsets.UTF_8));
        }
        continue;
      }
      found = true;
      t.print(what);
    }
    return found || rest.isEmpty() ? 0 : 1;
  }

  /** The line(s) {@code -v} or {@code -V} prints for a name, or null when it is nothing. */
  private static String describe(Tool t, String name, boolean verbose) {
    if (Type.KEYWORDS.contains(name)) {
      return verbose ? name + " is a shell keyword\n" : name + "\n";
    }
    Ast.Command body = t.state().functions().get(name);
    if (body != null) {
      return verbose ? name + " is a function\n" + FunctionText.of(name, body) : name + "\n";
    }
    if (Type.SHELL_LEVEL.contains(name) || t.ctx().programs().has(name)) {
      return verbose ? name + " is a shell builtin\n" : name + "\n";
    }
    return null;
  }
}
