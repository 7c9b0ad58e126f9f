package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.List;

/**
 * {@code echo [-neE] [ARG]...}, as bash's builtin: prints the arguments separated by spaces and a
 * newline; {@code -n} drops the newline, {@code -e} expands backslash escapes ({@code \n \t \\
 * \a \b \c \e \f \r \v \0NNN \xHH \UHHHHHHHH} and {@code \}{@code uHHHH}; {@code \c} ends
 * the output), {@code -E} turns that off. Options may be combined ({@code -ne}); an argument that
 * is not made only of these letters, {@code --} included, is printed as text.
 */
final class Echo extends Coreutil {

  @Override
  int run(Tool t, List<String> args) throws IOException {
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.length() < 2 || a.charAt(0) != '-' || !a.substring(1).chars().allMatch(c -> "neE".indexOf(c) >= 0)) {
        break;
      }
      for (char c : a.substring(1).toCharArray()) {
        switch (c) {
          case 'n' -> newline = false;
          case 'e' -> escapes = true;
          default -> escapes = false;
        }
      }
    }
    for (int k = i; k < args.size(); k++) {
      if (k > i) {
        t.write(' ');
      }
      if (!escapes) {
        t.print(args.get(k));
        continue;
      }
      Escapes.Result r = Escapes.expand(args.get(k), Escapes.Style.ECHO, message -> { });
      t.write(r.bytes());
      if (r.stop()) {
        return 0;
      }
    }
    if (newline) {
      t.write('\n');
    }
    return 0;
  }
}
