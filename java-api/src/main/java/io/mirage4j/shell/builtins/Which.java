package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.List;

/**
 * {@code which [-a] NAME...}: prints each name that is a command of this shell, as
 * {@code command -v} prints a builtin (the name itself), since every command here is a builtin and
 * there are no program files on a {@code PATH} (GNU which prints {@code /usr/bin/cat}). Like
 * {@code which}, a program, it does not see shell functions or keywords. Status 1 when a name is
 * not found or none is given, 2 for an unknown option (its usage line on standard output, as
 * GNU which prints it). The builtins only a shell can have ({@code command}, {@code set}, {@code
 * eval}) are not found, as no program file has their names.
 */
final class Which extends Coreutil {

  @Override
  int run(Tool t, List<String> args) throws IOException {
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      for (char c : a.substring(1).toCharArray()) {
        if (c != 'a') {
          t.flush();
          t.ctx().stderr().write(("Illegal option -" + c + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
          t.print("Usage: which [-a] args\n");
          return 2;
        }
      }
    }
    List<String> names = args.subList(i, args.size());
    int status = names.isEmpty() ? 1 : 0;
    for (String name : names) {
      if (t.ctx().programs().has(name) && !Type.SHELL_LEVEL.contains(name)) {
        t.print(name + "\n");
      } else {
        status = 1;
      }
    }
    return status;
  }
}
