package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code basename NAME [SUFFIX]}, {@code basename -a|-s SUFFIX [-z] NAME...}: each name without
 * its directories and trailing slashes, and without SUFFIX when the name is longer than it;
 * {@code -z} ends each name with NUL instead of a newline.
 */
final class Basename extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("multiple", 'a', "suffix", 's', "zero", 'z');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "as:z", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    String suffix = null;
    boolean multiple = false;
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 's') {
        suffix = opt.value();
      }
      multiple |= opt.name() == 'a' || opt.name() == 's';
    }
    List<String> names = o.operands();
    if (names.isEmpty()) {
      return t.usage("missing operand", 1);
    }
    if (!multiple && names.size() > 2) {
      return t.usage("extra operand " + Quote.plain(names.get(2)), 1);
    }
    if (!multiple) {
      suffix = names.size() == 2 ? names.get(1) : null;
      names = names.subList(0, 1);
    }
    char end = o.has('z') ? '\0' : '\n';
    for (String name : names) {
      t.print(of(name, suffix) + end);
    }
    return 0;
  }

  /** The last component of {@code name}, without {@code suffix} (which may be null). */
  static String of(String name, String suffix) {
    int end = name.length();
    while (end > 1 && name.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 1 && name.charAt(0) == '/') {
      return "/";
    }
    String base = name.substring(name.lastIndexOf('/', end - 1) + 1, end);
    if (suffix != null && !suffix.isEmpty() && base.length() > suffix.length() && base.endsWith(suffix)) {
      base = base.substring(0, base.length() - suffix.length());
    }
    return base;
  }
}
