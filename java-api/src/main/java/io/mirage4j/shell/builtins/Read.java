package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code read [-r] [NAME...]}: reads one line of standard input (no further: the rest stays for the
 * next command) and assigns its blank-separated fields to the names, the last name taking what is
 * left; without names the whole line goes to {@code REPLY} unchanged. Without {@code -r}, a backslash escapes the next character and
 * a backslash-newline joins lines. Status 1 at the end of input.
 */
final class Read implements Builtin {

  @Override
  public int run(CommandContext ctx, List<String> args) throws IOException {
    boolean raw = false;
    List<String> names = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-r") && names.isEmpty()) {
        raw = true;
      } else if (arg.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        names.add(arg);
      } else {
        ctx.error("`" + arg + "': not a valid identifier");
        return 2;
      }
    }
    Line line = readLine(ctx.stdin(), raw);
    if (names.isEmpty()) {
      ctx.state().set("REPLY", line.text());
    } else {
      assign(ctx, names, line.text());
    }
    return line.complete() ? 0 : 1;
  }

  private record Line(String text, boolean complete) {}

  /** One line, a byte at a time so nothing after its newline is consumed. */
  private static Line readLine(InputStream in, boolean raw) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return new Line(line.toString(StandardCharsets.UTF_8), false);
      }
      if (b == '\n') {
        return new Line(line.toString(StandardCharsets.UTF_8), true);
      }
      if (b == '\\' && !raw) {
        int next = in.read();
        if (next < 0) {
          return new Line(line.toString(StandardCharsets.UTF_8), false);
        }
        if (next != '\n') {
          line.write(next);
        }
        continue;
      }
      line.write(b);
    }
  }

  /** Fields to names, as bash splits them on blanks; the last name takes the rest of the line. */
  private static void assign(CommandContext ctx, List<String> names, String text) {
    String rest = text.strip();
    for (int i = 0; i < names.size(); i++) {
      if (i == names.size() - 1) {
        ctx.state().set(names.get(i), rest);
        break;
      }
      String[] split = rest.split("[ \t\n]+", 2);
      ctx.state().set(names.get(i), split[0]);
      rest = split.length > 1 ? split[1] : "";
    }
  }
}
