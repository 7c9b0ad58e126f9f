package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code tac [-b] [-s SEP] [FILE|-]...}: each input's records (lines, or records that SEP ends)
 * in reverse order; {@code -b} puts the separator before each record instead of after it. Each
 * input is held in memory, as the last record must be read before the first is written.
 */
final class Tac extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("before", 'b', "separator", 's', "regex", 'r');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "bs:r", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    byte[] sep = {'\n'};
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 's') {
        sep = opt.value().isEmpty() ? new byte[] {0} : opt.value().getBytes(StandardCharsets.UTF_8);
      }
    }
    boolean before = o.has('b');
    int status = 0;
    for (String operand : o.operands().isEmpty() ? List.of("-") : o.operands()) {
      byte[] data;
      if (operand.equals("-")) {
        data = t.readStdin();
      } else {
        try {
          data = t.read(operand);
        } catch (ResourceException e) {
          t.error("failed to open " + Quote.always(operand) + " for reading: " + Tool.message(e));
          status = 1;
          continue;
        }
      }
      reverse(t, data, sep, before);
    }
    return status;
  }

  /** Writes the records from the last; each keeps its separator after it (before it with -b). */
  private static void reverse(Tool t, byte[] data, byte[] sep, boolean before) throws IOException {
    int end = data.length;
    int i = data.length - sep.length;
    if (!before && i >= 0 && matches(data, i, sep)) {
      i -= 1;
    }
    if (before) {
      i = data.length - sep.length;
      while (i >= 0) {
        if (matches(data, i, sep)) {
          t.write(data, i, end - i);
          end = i;
          i -= sep.length;
        } else {
          i--;
        }
      }
      t.write(data, 0, end);
      return;
    }
    while (i >= 0) {
      if (matches(data, i, sep)) {
        int start = i + sep.length;
        t.write(data, start, end - start);
        end = start;
        i -= sep.length;
      } else {
        i--;
      }
    }
    t.write(data, 0, end);
  }

  private static boolean matches(byte[] data, int at, byte[] sep) {
    for (int k = 0; k < sep.length; k++) {
      if (data[at + k] != sep[k]) {
        return false;
      }
    }
    return true;
  }
}
