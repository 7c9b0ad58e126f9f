package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code join [-i] [-t CHAR] [-1 F] [-2 F] [-j F] [-a N] [-v N] [-e TEXT] [-o LIST|auto] FILE1
 * FILE2}: GNU join. Each line of two inputs sorted on their join fields is joined with every line
 * of the other that has the same key; the output is the key, then the other fields of the line
 * from FILE1, then those from FILE2, or the fields {@code -o} lists ({@code 0}, {@code 1.2}, {@code
 * 2.1}). Fields are runs of non-blanks (leading blanks skipped) or, with {@code -t}, what lies
 * between separators; {@code -a} also prints unpaired lines, {@code -v} only those, {@code -e}
 * fills missing or empty fields. Keys compare byte-wise ({@code -i}: ignoring case). As in GNU
 * join, an input out of order is reported ({@code FILE:N: is not sorted: LINE}) once an unpaired
 * line has been seen, and then the status is 1; {@code --check-order} makes it fatal at once,
 * {@code --nocheck-order} turns it off. {@code --header} joins the first lines as they are and
 * {@code -z} ends lines with NUL.
 */
final class Join extends Coreutil {
  private static final char CHECK = '\u0001';
  private static final char NOCHECK = '\u0002';
  private static final char HEADER = '\u0003';
  private static final Map<String, Character> LONGS = Map.of("ignore-case", 'i', "check-order", CHECK,
      "nocheck-order", NOCHECK, "header", HEADER, "zero-terminated", 'z');

  /** An input line and its fields. */
  private record Line(byte[] text, List<byte[]> fields) {}

  /** Reported already; join ends with status 1. */
  private static final class Fatal extends Exception {
    private static final long serialVersionUID = 1L;

    Fatal() {
      super(null, null, false, false);
    }
  }

  /** One of the two inputs, read a line at a time. */
  private final class Input {
    final int number;
    final String name;
    final InputStream in;
    final int field;
    long lineNumber;
    Line previous;
    boolean warned;

    Input(int number, String name, InputStream in, int field) {
      this.number = number;
      this.name = name;
      this.in = in;
      this.field = field;
    }

    /** The next line, checked for order against the one before; null at the end. */
    Line next() throws IOException, Fatal {
      ByteArrayOutputStream sb = new ByteArrayOutputStream();
      int c = in.read();
      if (c < 0) {
        return null;
      }
      while (c >= 0 && c != end) {
        sb.write(c);
        c = in.read();
      }
      lineNumber++;
      Line line = new Line(sb.toByteArray(), split(sb.toByteArray()));
      if (previous != null && check != NOCHECK && (check == CHECK || seenUnpairable) && !warned
          && compare(key(previous, field), key(line, field)) > 0) {
        t.error(name + ":" + lineNumber + ": is not sorted: " + new String(line.text(), StandardCharsets.UTF_8));
        warned = true;
        if (check == CHECK) {
          throw new Fatal();
        }
      }
      previous = line;
      return line;
    }
  }

  /** One item of {@code -o}: file 0 (the join field), 1 or 2, and a field number from 0. */
  private record Spec(int file, int field) {}

  private Tool t;
  private int separator = -1;
  private boolean ignoreCase;
  private char check;
  private char end = '\n';
  private boolean seenUnpairable;
  private final boolean[] unpaired = new boolean[3];
  private boolean paired = true;
  private String filler;
  private List<Spec> format;
  private boolean autoFormat;
  private int autoCount1;
  private int autoCount2;
  private int field1;
  private int field2;

  @Override
  int run(Tool tool, List<String> args) throws IOException {
    Join join = new Join();
    join.t = tool;
    return join.join(args);
  }

  private int join(List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "a:e:ij:o:t:v:1:2:z" + CHECK + NOCHECK + HEADER, LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    List<String> formats = new ArrayList<>();
    for (Getopt.Option opt : o.options()) {
      String v = opt.value();
      switch (opt.name()) {
        case 'a', 'v' -> {
          if (!v.equals("1") && !v.equals("2")) {
            t.error("invalid field number: " + Quote.plain(v));
            return 1;
          }
          unpaired[Integer.parseInt(v)] = true;
          if (opt.name() == 'v') {
            paired = false;
          }
        }
        case 'e' -> filler = v;
        case 'i' -> ignoreCase = true;
        case 'j', '1', '2' -> {
          Integer n = fieldNumber(v);
          if (n == null) {
            t.error("invalid field number: " + Quote.plain(v));
            return 1;
          }
          if (opt.name() != '2') {
            field1 = n;
          }
          if (opt.name() != '1') {
            field2 = n;
          }
        }
        case 'o' -> formats.add(v);
        case 't' -> {
          byte[] b = v.getBytes(StandardCharsets.UTF_8);
          if (b.length > 1 && !v.equals("\\0")) {
            t.error("multi-character tab " + Quote.plain(v));
            return 1;
          }
          separator = b.length == 0 ? '\n' : v.equals("\\0") ? 0 : b[0] & 0xff;
        }
        case 'z' -> end = '\0';
        default -> check = opt.name() == HEADER ? check : opt.name();
      }
    }
    if (!formats.isEmpty()) {
      try {
        parseFormat(formats);
      } catch (IllegalArgumentException e) {
        t.error(e.getMessage());
        return 1;
      }
    }
    List<String> files = o.operands();
    if (files.size() < 2) {
      return t.usage(files.isEmpty() ? "missing operand" : "missing operand after " + Quote.plain(files.get(0)), 1);
    }
    if (files.size() > 2) {
      return t.usage("extra operand " + Quote.always(files.get(2)), 1);
    }
    if (files.get(0).equals("-") && files.get(1).equals("-")) {
      t.error("both files cannot be standard input: No such file or directory");
      return 1;
    }
    try (InputStream in1 = open(files.get(0)); InputStream in2 = open(files.get(1))) {
      Input a = new Input(1, files.get(0), in1, field1);
      Input b = new Input(2, files.get(1), in2, field2);
      join(a, b, o.has(HEADER));
      if (a.warned || b.warned) {
        t.error("input is not in sorted order");
        return 1;
      }
      return 0;
    } catch (ResourceException e) {
      return 1;
    } catch (Fatal e) {
      return 1;
    }
  }

  private InputStream open(String operand) throws IOException {
    if (operand.equals("-")) {
      return t.stdin();
    }
    try {
      return new BufferedInputStream(t.open(operand));
    } catch (ResourceException e) {
      t.error(operand + ": " + Tool.message(e));
      throw e;
    }
  }

  private static Integer fieldNumber(String v) {
    if (!v.matches("[0-9]+")) {
      return null;
    }
    String digits = v.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 9 || Integer.parseInt(digits) == 0) {
      return digits.length() > 9 ? Integer.MAX_VALUE - 1 : null;
    }
    return Integer.parseInt(digits) - 1;
  }

  private void parseFormat(List<String> formats) {
    if (formats.size() == 1 && formats.get(0).equals("auto")) {
      autoFormat = true;
      return;
    }
    format = new ArrayList<>();
    for (String f : formats) {
      for (String item : f.split("[, \t]+")) {
        if (item.isEmpty()) {
          continue;
        }
        if (item.equals("0")) {
          format.add(new Spec(0, 0));
          continue;
        }
        int dot = item.indexOf('.');
        if (dot != 1 || (item.charAt(0) != '1' && item.charAt(0) != '2')) {
          throw new IllegalArgumentException("invalid file number in field spec: " + Quote.plain(item));
        }
        Integer n = fieldNumber(item.substring(2));
        if (n == null) {
          throw new IllegalArgumentException("invalid field number: " + Quote.plain(item.substring(2)));
        }
        format.add(new Spec(item.charAt(0) - '0', n));
      }
    }
  }

  /** GNU join's merge of two sorted inputs. */
  private void join(Input a, Input b, boolean header) throws IOException, Fatal {
    Line l1 = a.next();
    Line l2 = b.next();
    if (autoFormat) {
      autoCount1 = l1 == null ? 0 : l1.fields().size();
      autoCount2 = l2 == null ? 0 : l2.fields().size();
    }
    if (header && (l1 != null || l2 != null)) {
      print(l1, l2);
      a.previous = null;
      b.previous = null;
      l1 = l1 == null ? null : a.next();
      l2 = l2 == null ? null : b.next();
    }
    while (l1 != null && l2 != null) {
      int diff = compare(key(l1, field1), key(l2, field2));
      if (diff < 0) {
        if (unpaired[1]) {
          print(l1, null);
        }
        seenUnpairable = true;
        l1 = a.next();
        continue;
      }
      if (diff > 0) {
        if (unpaired[2]) {
          print(null, l2);
        }
        seenUnpairable = true;
        l2 = b.next();
        continue;
      }
      List<Line> group1 = new ArrayList<>(List.of(l1));
      Line next1;
      while ((next1 = a.next()) != null && compare(key(next1, field1), key(l2, field2)) == 0) {
        group1.add(next1);
      }
      List<Line> group2 = new ArrayList<>(List.of(l2));
      Line next2;
      while ((next2 = b.next()) != null && compare(key(l1, field1), key(next2, field2)) == 0) {
        group2.add(next2);
      }
      if (paired) {
        for (Line x : group1) {
          for (Line y : group2) {
            print(x, y);
          }
        }
      }
      l1 = next1;
      l2 = next2;
    }
    boolean checkTail = check != NOCHECK && !(a.warned && b.warned);
    tail(a, l1, 1, checkTail);
    tail(b, l2, 2, checkTail);
  }

  private void tail(Input in, Line first, int file, boolean checkTail) throws IOException, Fatal {
    if (first == null || !(unpaired[file] || checkTail)) {
      return;
    }
    for (Line line = first; line != null; line = in.next()) {
      if (unpaired[file]) {
        print(file == 1 ? line : null, file == 2 ? line : null);
      }
      if (in.warned && !unpaired[file]) {
        break;
      }
    }
  }

  private List<byte[]> split(byte[] line) {
    List<byte[]> fields = new ArrayList<>();
    if (line.length == 0) {
      return fields;
    }
    if (separator >= 0) {
      int start = 0;
      for (int i = 0; i < line.length; i++) {
        if ((line[i] & 0xff) == separator) {
          fields.add(Arrays.copyOfRange(line, start, i));
          start = i + 1;
        }
      }
      fields.add(Arrays.copyOfRange(line, start, line.length));
      return fields;
    }
    int i = 0;
    while (i < line.length && blank(line[i])) {
      i++;
    }
    if (i == line.length) {
      return fields;
    }
    while (true) {
      int start = i;
      while (i < line.length && !blank(line[i])) {
        i++;
      }
      fields.add(Arrays.copyOfRange(line, start, i));
      if (i == line.length) {
        return fields;
      }
      while (i < line.length && blank(line[i])) {
        i++;
      }
      if (i == line.length) {
        fields.add(new byte[0]); // blanks at the end leave an empty last field, as in GNU join
        return fields;
      }
    }
  }

  private boolean blank(byte b) {
    return b == ' ' || b == '\t' || (b == '\n' && end == '\0');
  }

  private static byte[] key(Line line, int field) {
    return field < line.fields().size() ? line.fields().get(field) : new byte[0];
  }

  private int compare(byte[] x, byte[] y) {
    if (!ignoreCase) {
      return Arrays.compareUnsigned(x, y);
    }
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = Character.toUpperCase(x[i] & 0xff) - Character.toUpperCase(y[i] & 0xff);
      if ((x[i] & 0x80) != 0 || (y[i] & 0x80) != 0) {
        c = (x[i] & 0xff) - (y[i] & 0xff);
      }
      if (c != 0) {
        return c;
      }
    }
    return x.length - y.length;
  }

  /** Prints one output line for a pair, or for one unpaired line (the other null). */
  private void print(Line l1, Line l2) throws IOException {
    byte sep = (byte) (separator >= 0 ? separator : ' ');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format != null) {
      boolean first = true;
      for (Spec s : format) {
        if (!first) {
          out.write(sep);
        }
        first = false;
        if (s.file() == 0) {
          field(out, l1 != null ? l1 : l2, l1 != null ? field1 : field2);
        } else {
          field(out, s.file() == 1 ? l1 : l2, s.field());
        }
      }
    } else {
      Line line = l1 != null ? l1 : l2;
      field(out, line, l1 != null ? field1 : field2);
      rest(out, l1, field1, autoFormat ? autoCount1 : -1, sep);
      rest(out, l2, field2, autoFormat ? autoCount2 : -1, sep);
    }
    out.write(end);
    t.write(out.toByteArray());
  }

  private void rest(ByteArrayOutputStream out, Line line, int join, int count, byte sep) {
    int n = count >= 0 ? count : line == null ? 0 : line.fields().size();
    for (int i = 0; i < n; i++) {
      if (i != join) {
        out.write(sep);
        field(out, line, i);
      }
    }
  }

  private void field(ByteArrayOutputStream out, Line line, int i) {
    if (line != null && i < line.fields().size() && line.fields().get(i).length > 0) {
      out.writeBytes(line.fields().get(i));
    } else if (filler != null) {
      out.writeBytes(filler.getBytes(StandardCharsets.UTF_8));
    }
  }
}
