package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code mkdir [-p] DIR...}: creates directories; {@code -p} creates missing parents too and
 * accepts directories that exist. Errors name the directory that could not be created, quoted
 * {@code ‘like this’} as coreutils does in a UTF-8 locale.
 */
final class Mkdir extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("parents", 'p');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "p", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    if (o.operands().isEmpty()) {
      return t.usage("missing operand", 1);
    }
    int status = 0;
    for (String operand : o.operands()) {
      try {
        if (o.has('p')) {
          parents(t, operand);
        } else {
          t.fs().mkdir(t.resolve(operand));
        }
      } catch (Failure f) {
        t.error("cannot create directory " + Quote.plain(f.shown) + ": " + f.reason.posixMessage());
        status = 1;
      } catch (ResourceException e) {
        t.error("cannot create directory " + Quote.plain(operand) + ": " + Tool.message(e));
        status = 1;
      }
    }
    return status;
  }

  /** Which directory, as typed, could not be created, and why. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final String shown;
    final Reason reason;

    Failure(String shown, Reason reason) {
      super(null, null, false, false);
      this.shown = shown;
      this.reason = reason;
    }
  }

  /** Creates each missing directory along the operand, naming the one that fails as typed. */
  private static void parents(Tool t, String operand) throws Failure {
    if (operand.isEmpty()) {
      throw new Failure(operand, Reason.NOT_FOUND);
    }
    String[] parts = operand.split("/");
    StringBuilder typed = new StringBuilder(operand.startsWith("/") ? "/" : "");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        continue;
      }
      if (typed.length() > 0 && typed.charAt(typed.length() - 1) != '/') {
        typed.append('/');
      }
      typed.append(parts[i]);
      String shown = typed.toString();
      boolean last = isLast(parts, i);
      FileStat stat = null;
      try {
        stat = t.stat(shown);
      } catch (ResourceException e) {
        if (e.reason() == Reason.NOT_A_DIRECTORY) {
          throw new Failure(shown, Reason.NOT_A_DIRECTORY);
        }
      }
      if (stat != null) {
        if (!stat.isDirectory()) {
          throw new Failure(shown, last ? Reason.ALREADY_EXISTS : Reason.NOT_A_DIRECTORY);
        }
        continue;
      }
      try {
        t.fs().mkdir(t.resolve(shown));
      } catch (ResourceException e) {
        throw new Failure(shown, e.reason());
      }
    }
  }

  private static boolean isLast(String[] parts, int i) {
    for (int k = i + 1; k < parts.length; k++) {
      if (!parts[k].isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
