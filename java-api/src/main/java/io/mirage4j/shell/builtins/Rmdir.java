package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code rmdir [-p] DIR...}: removes empty directories; {@code -p} then its parents as typed. */
final class Rmdir extends Coreutil {
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
      String dir = operand;
      while (true) {
        if (!remove(t, dir)) {
          status = 1;
          break;
        }
        if (!o.has('p')) {
          break;
        }
        String trimmed = dir.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        if (slash <= 0) {
          break;
        }
        dir = trimmed.substring(0, slash);
      }
    }
    return status;
  }

  private static boolean remove(Tool t, String operand) throws IOException {
    try {
      FileStat stat = t.stat(operand);
      if (!stat.isDirectory()) {
        throw new ResourceException(ResourceException.Reason.NOT_A_DIRECTORY, operand);
      }
      if (Tree.holdsMountPoint(t, operand)) {
        t.error("failed to remove " + Quote.always(operand) + ": Device or resource busy");
        return false;
      }
      if (!t.fs().list(t.resolve(operand)).isEmpty()) {
        throw new ResourceException(ResourceException.Reason.NOT_EMPTY, operand);
      }
      t.fs().delete(t.resolve(operand));
      return true;
    } catch (ResourceException e) {
      t.error("failed to remove " + Quote.always(operand) + ": " + Tool.message(e));
      return false;
    }
  }
}
