package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code dirname [-z] NAME...}: each name without its last component and the slashes around it;
 * {@code .} for a name without a slash, {@code /} for the root. {@code -z} ends each with NUL.
 */
final class Dirname extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("zero", 'z');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "z", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    if (o.operands().isEmpty()) {
      return t.usage("missing operand", 1);
    }
    char end = o.has('z') ? '\0' : '\n';
    for (String name : o.operands()) {
      t.print(of(name) + end);
    }
    return 0;
  }

  /** The directory part of {@code name}. */
  static String of(String name) {
    int end = name.length();
    while (end > 1 && name.charAt(end - 1) == '/') {
      end--;
    }
    int slash = name.lastIndexOf('/', end - 1);
    if (slash < 0) {
      return ".";
    }
    while (slash > 0 && name.charAt(slash - 1) == '/') {
      slash--;
    }
    return slash == 0 ? "/" : name.substring(0, slash);
  }
}
