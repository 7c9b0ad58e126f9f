package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code history [N]} and {@code history -c}: the session's command lines as bash lists them,
 * each as its number right-aligned in five columns, two spaces and the line; the line running
 * {@code history} is the last one. {@code N} lists the newest N; {@code -c} forgets them all.
 */
final class History implements Builtin {
  @Override
  public int run(CommandContext ctx, List<String> args) {
    io.mirage4j.shell.History history = ctx.state().history();
    List<String> operands = args;
    if (!args.isEmpty() && args.get(0).equals("--")) {
      operands = args.subList(1, args.size());
    } else if (!args.isEmpty() && args.get(0).equals("-c")) {
      history.clear();
      return 0;
    } else if (!args.isEmpty() && args.get(0).startsWith("-") && args.get(0).length() > 1) {
      ctx.error(args.get(0) + ": invalid option");
      ctx.err().print("history: usage: history [-c] [n]\n");
      return 2;
    }
    if (operands.size() > 1) {
      ctx.error("too many arguments");
      return 1;
    }
    List<io.mirage4j.shell.History.Entry> entries = history.all();
    if (operands.size() == 1) {
      String n = operands.get(0);
      if (!n.matches("[0-9]{1,9}")) {
        ctx.error(n + ": numeric argument required");
        return 1;
      }
      entries = history.last(Integer.parseInt(n));
    }
    PrintStream out = ctx.out();
    StringBuilder text = new StringBuilder();
    for (io.mirage4j.shell.History.Entry e : entries) {
      text.append(String.format("%5d  ", e.number())).append(e.line()).append('\n');
    }
    out.print(text);
    return 0;
  }
}
