package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code paste [-s] [-z] [-d LIST] [FILE|-]...}: the lines of the files side by side, joined by
 * the delimiters of LIST in turn (a tab by default; {@code \n \t \\ \0} escapes, {@code \0} or an
 * empty LIST for none); {@code -s} joins the lines of each file into one line instead. {@code -}
 * given more than once shares standard input. Lines are read and written one at a time.
 */
final class Paste extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("delimiters", 'd', "serial", 's', "zero-terminated", 'z');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "d:sz", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    String list = "\t";
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 'd') {
        list = opt.value();
      }
    }
    List<byte[]> delimiters = delimiters(list);
    if (delimiters == null) {
      t.error("delimiter list ends with an unescaped backslash: " + list);
      return 1;
    }
    byte end = (byte) (o.has('z') ? 0 : '\n');
    List<String> operands = o.operands().isEmpty() ? List.of("-") : o.operands();
    List<InputStream> opened = new ArrayList<>();
    List<Lines.Source> sources = new ArrayList<>();
    Lines.Source stdin = null;
    try {
      for (String operand : operands) {
        if (operand.equals("-")) {
          if (stdin == null) {
            stdin = Lines.of(t.stdin(), end);
          }
          sources.add(stdin);
          continue;
        }
        try {
          InputStream in = t.open(operand);
          opened.add(in);
          sources.add(Lines.of(in, end));
        } catch (ResourceException e) {
          t.error(Quote.name(operand) + ": " + Tool.message(e));
          return 1;
        }
      }
      if (o.has('s')) {
        serial(t, sources, delimiters, end);
      } else {
        parallel(t, sources, delimiters, end);
      }
    } finally {
      for (InputStream in : opened) {
        in.close();
      }
    }
    return 0;
  }

  private static void serial(Tool t, List<Lines.Source> sources, List<byte[]> delimiters, byte end) throws IOException {
    for (Lines.Source source : sources) {
      int d = 0;
      boolean first = true;
      for (Lines.Line line = source.next(); line != null; line = source.next()) {
        if (!first) {
          t.write(delimiters.get(d));
          d = (d + 1) % delimiters.size();
        }
        t.write(line.buf(), line.start(), line.length());
        first = false;
      }
      t.write(end);
    }
  }

  private static void parallel(Tool t, List<Lines.Source> sources, List<byte[]> delimiters, byte end)
      throws IOException {
    boolean[] done = new boolean[sources.size()];
    int open = sources.size();
    while (open > 0) {
      ByteArrayOutputStream row = new ByteArrayOutputStream();
      boolean any = false;
      for (int i = 0; i < sources.size(); i++) {
        Lines.Line line = done[i] ? null : sources.get(i).next();
        if (line == null && !done[i]) {
          done[i] = true;
          open--;
        }
        if (line != null) {
          any = true;
          row.write(line.buf(), line.start(), line.length());
        }
        if (i < sources.size() - 1) {
          row.write(delimiters.get(i % delimiters.size()));
        }
      }
      if (!any) {
        return;
      }
      row.write(end);
      t.write(row.toByteArray());
    }
  }

  /** The delimiters of a list, each empty for {@code \0}; null when it ends with a lone backslash. */
  private static List<byte[]> delimiters(String list) {
    List<byte[]> out = new ArrayList<>();
    byte[] b = list.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] != '\\') {
        out.add(new byte[] {b[i]});
        continue;
      }
      if (++i == b.length) {
        return null;
      }
      out.add(switch (b[i]) {
        case '0' -> new byte[0];
        case 'n' -> new byte[] {'\n'};
        case 't' -> new byte[] {'\t'};
        case 'b' -> new byte[] {'\b'};
        case 'f' -> new byte[] {'\f'};
        case 'r' -> new byte[] {'\r'};
        case 'v' -> new byte[] {11};
        default -> new byte[] {b[i]};
      });
    }
    if (out.isEmpty()) {
      out.add(new byte[0]);
    }
    return out;
  }
}
