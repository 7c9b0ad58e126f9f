package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code comm [-123] [--check-order|--nocheck-order] [--output-delimiter=S] [--total] [-z] FILE1
 * FILE2}: the lines of two sorted files in three columns: only in FILE1, only in FILE2, in both;
 * {@code -1 -2 -3} leave columns out. Lines are compared byte by byte and read one at a time; an
 * input out of order is reported (once unpairable lines were seen, or at once with {@code
 * --check-order}) and makes the status 1.
 */
final class Comm extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("check-order", 'C', "nocheck-order", 'N',
      "output-delimiter", 'O', "total", 'T', "zero-terminated", 'z');

  /** Input out of order with {@code --check-order}. */
  private static final class Disorder extends Exception {
    private static final long serialVersionUID = 1L;

    Disorder() {
      super(null, null, false, false);
    }
  }

  private Boolean checkOrder;
  private boolean seenUnpairable;
  private final boolean[] warned = new boolean[2];

  @Override
  int run(Tool t, List<String> args) throws IOException {
    return new Comm().compare(t, args);
  }

  private int compare(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "123zCNO:T", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    String delimiter = null;
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'C' -> checkOrder = true;
        case 'N' -> checkOrder = false;
        case 'O' -> {
          if (delimiter != null && !delimiter.equals(opt.value())) {
            t.error("multiple output delimiters specified");
            return 1;
          }
          delimiter = opt.value();
        }
        default -> {
          // read below
        }
      }
    }
    List<String> files = o.operands();
    if (files.size() < 2) {
      return t.usage(files.isEmpty() ? "missing operand" : "missing operand after " + Quote.plain(files.get(0)), 1);
    }
    if (files.size() > 2) {
      return t.usage("extra operand " + Quote.plain(files.get(2)), 1);
    }
    byte[] sep = (delimiter == null ? "\t" : delimiter.isEmpty() ? "\0" : delimiter).getBytes(StandardCharsets.UTF_8);
    boolean[] show = {!o.has('1'), !o.has('2'), !o.has('3')};
    byte end = (byte) (o.has('z') ? 0 : '\n');
    InputStream[] in = new InputStream[2];
    try {
      for (int i = 0; i < 2; i++) {
        String f = files.get(i);
        try {
          in[i] = f.equals("-") ? t.stdin() : t.open(f);
        } catch (ResourceException e) {
          t.error(Quote.name(f) + ": " + Tool.message(e));
          return 1;
        }
      }
      long[] totals = new long[3];
      try {
        merge(t, Lines.of(in[0], end), Lines.of(in[1], end), show, sep, end, totals);
      } catch (Disorder e) {
        return 1;
      }
      if (o.has('T')) {
        t.print(totals[0] + new String(sep, StandardCharsets.UTF_8) + totals[1] + new String(sep, StandardCharsets.UTF_8)
            + totals[2] + new String(sep, StandardCharsets.UTF_8) + "total");
        t.write(end);
      }
    } finally {
      for (int i = 0; i < 2; i++) {
        if (in[i] != null && !files.get(i).equals("-")) {
          in[i].close();
        }
      }
    }
    if (warned[0] || warned[1]) {
      t.error("input is not in sorted order");
      return 1;
    }
    return 0;
  }

  private void merge(Tool t, Lines.Source a, Lines.Source b, boolean[] show, byte[] sep, byte end, long[] totals)
      throws IOException, Disorder {
    Lines.Source[] source = {a, b};
    Lines.Line[] line = {a.next(), b.next()};
    Lines.Line[] previous = new Lines.Line[2];
    while (line[0] != null || line[1] != null) {
      int order = line[0] == null ? 1 : line[1] == null ? -1 : line[0].compareTo(line[1]);
      int column = order == 0 ? 2 : order < 0 ? 0 : 1;
      if (order != 0) {
        seenUnpairable = true;
      }
      for (int i = 0; i < 2; i++) {
        if ((i == 0 ? order <= 0 : order >= 0) && previous[i] != null) {
          check(t, previous[i], line[i], i);
        }
      }
      totals[column]++;
      if (show[column]) {
        for (int c = 0; c < column; c++) {
          if (show[c]) {
            t.write(sep);
          }
        }
        Lines.Line l = column == 1 ? line[1] : line[0];
        t.write(l.buf(), l.start(), l.length());
        t.write(end);
      }
      for (int i = 0; i < 2; i++) {
        if (i == 0 ? order <= 0 : order >= 0) {
          previous[i] = line[i];
          line[i] = source[i].next();
        }
      }
    }
  }

  private void check(Tool t, Lines.Line previous, Lines.Line current, int file) throws IOException, Disorder {
    boolean enabled = Boolean.TRUE.equals(checkOrder);
    if (Boolean.FALSE.equals(checkOrder) || !(enabled || seenUnpairable) || warned[file]) {
      return;
    }
    if (previous.compareTo(current) > 0) {
      t.error("file " + (file + 1) + " is not in sorted order");
      warned[file] = true;
      if (enabled) {
        throw new Disorder();
      }
    }
  }
}
