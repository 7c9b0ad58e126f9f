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
 * {@code read [-ers] [-a ARRAY] [-d DELIM] [-i TEXT] [-n N] [-N N] [-p PROMPT] [-t TIMEOUT] [-u 0]
 * [NAME...]}, as bash's builtin: reads up to the delimiter (a newline; {@code -d ''} is NUL) and
 * no further, a byte at a time, so the rest stays for the next command. The line is split on
 * {@code IFS} into the names, the last name taking what is left (bash's rules: IFS whitespace is
 * trimmed, each other IFS character ends one field); {@code -a} puts every field into an indexed
 * array; without names the whole line goes to {@code REPLY} unsplit. Without {@code -r} a
 * backslash keeps the next character from splitting and a backslash-newline joins lines. {@code
 * -n N} stops after N characters, {@code -N N} reads exactly N ignoring the delimiter and does
 * not split. Standard input is never a terminal here, so {@code -p}'s prompt is not printed (as
 * bash prints none when reading a pipe or a file) and {@code -e -s -i} change nothing; {@code -t
 * 0} answers 0 without reading, other timeouts are checked and then read without one. Status 1
 * at the end of input (what was read is still assigned), 2 for a bad option.
 */
final class Read implements Builtin {
  private static final String USAGE = "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] "
      + "[-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]";

  /** The options of one call. */
  private static final class Options {
    boolean raw;
    String array;
    int delim = '\n';
    int max = -1;
    boolean exact;
    boolean poll;
  }

  @Override
  public int run(CommandContext ctx, List<String> args) throws IOException {
    Options o = new Options();
    int i = 0;
    while (i < args.size()) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        i++;
        break;
      }
      if (arg.length() < 2 || arg.charAt(0) != '-') {
        break;
      }
      i++;
      for (int k = 1; k < arg.length(); k++) {
        char c = arg.charAt(k);
        if (c == 'r' || c == 's' || c == 'e') {
          if (c == 'r') {
            o.raw = true;
          }
          continue;
        }
        if ("adinNptu".indexOf(c) < 0) {
          return usage(ctx, "-" + c + ": invalid option");
        }
        String value;
        if (k + 1 < arg.length()) {
          value = arg.substring(k + 1);
        } else if (i < args.size()) {
          value = args.get(i++);
        } else {
          return usage(ctx, "-" + c + ": option requires an argument");
        }
        Integer status = option(ctx, o, c, value);
        if (status != null) {
          return status;
        }
        break;
      }
    }
    List<String> names = args.subList(i, args.size());
    for (String name : names) {
      if (!isName(name)) {
        return fail(ctx, "`" + name + "': not a valid identifier", 1);
      }
    }
    if (o.poll) {
      return 0;
    }
    Line line = readLine(ctx.stdin(), o);
    int status = line.complete() ? 0 : 1;
    String ifs = ctx.state().get("IFS");
    if (ifs == null) {
      ifs = " \t\n";
    }
    if (o.array != null) {
      if (!isName(o.array)) {
        return fail(ctx, "`" + o.array + "': not a valid identifier", 1);
      }
      ctx.state().setIndexedArray(o.array, split(line, ifs, Integer.MAX_VALUE));
    } else if (names.isEmpty()) {
      ctx.state().set("REPLY", line.text(0, line.length()));
    } else if (o.exact) {
      ctx.state().set(names.get(0), line.text(0, line.length()));
      for (String name : names.subList(1, names.size())) {
        ctx.state().set(name, "");
      }
    } else {
      List<String> fields = split(line, ifs, names.size());
      for (int n = 0; n < names.size(); n++) {
        ctx.state().set(names.get(n), n < fields.size() ? fields.get(n) : "");
      }
    }
    return status;
  }

  /** Applies an option that takes a value; a status when the value is refused, else null. */
  private static Integer option(CommandContext ctx, Options o, char c, String value) {
    switch (c) {
      case 'a' -> o.array = value;
      case 'd' -> o.delim = value.isEmpty() ? 0 : value.getBytes(StandardCharsets.UTF_8)[0] & 0xff;
      case 'n', 'N' -> {
        if (!value.matches("[0-9]+") || value.length() > 9) {
          return fail(ctx, value + ": invalid number", 1);
        }
        o.max = Integer.parseInt(value);
        o.exact = c == 'N';
      }
      case 't' -> {
        if (!value.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
          return fail(ctx, value + ": invalid timeout specification", 1);
        }
        o.poll = value.matches("[0.]+");
      }
      case 'u' -> {
        if (!value.equals("0")) {
          return fail(ctx, value + ": invalid file descriptor: Bad file descriptor", 1);
        }
      }
      default -> {
        // -i TEXT and -p PROMPT only matter when reading a terminal.
      }
    }
    return null;
  }

  private static int usage(CommandContext ctx, String message) {
    ctx.err().print("mirage: read: " + message + "\n" + USAGE + "\n");
    return 2;
  }

  private static int fail(CommandContext ctx, String message, int status) {
    ctx.err().print("mirage: read: " + message + "\n");
    return status;
  }

  private static boolean isName(String s) {
    return s.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /** The bytes read, with which of them a backslash protected from splitting. */
  private record Line(byte[] bytes, boolean[] escaped, int length, boolean complete) {
    String text(int from, int to) {
      return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
  }

  /** Reads up to the delimiter (or N characters), a byte at a time so nothing after it is consumed. */
  private static Line readLine(InputStream in, Options o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Integer> escapes = new ArrayList<>();
    int chars = 0;
    boolean complete = true;
    while (o.max < 0 || chars < o.max) {
      int b = in.read();
      if (b < 0) {
        complete = false;
        break;
      }
      if (b == o.delim && !o.exact) {
        break;
      }
      if (b == '\\' && !o.raw) {
        int next = in.read();
        if (next < 0) {
          complete = false;
          break;
        }
        if (next == '\n') {
          continue;
        }
        escapes.add(bytes.size());
        b = next;
      }
      bytes.write(b);
      chars++;
      int more = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
      for (int k = 0; k < more; k++) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        bytes.write(c);
      }
    }
    boolean[] escaped = new boolean[bytes.size()];
    for (int at : escapes) {
      escaped[at] = true;
    }
    return new Line(bytes.toByteArray(), escaped, bytes.size(), complete);
  }

  /**
   * Splits the line on IFS into at most {@code count} fields, as bash's {@code read} does: IFS
   * whitespace around fields is dropped, each other IFS character ends a field, and the last
   * field is the rest of the line less its trailing IFS whitespace (and less one trailing
   * delimiter when only one field is left).
   */
  private static List<String> split(Line line, String ifs, int count) {
    List<String> fields = new ArrayList<>();
    int n = line.length();
    int at = skipWhite(line, ifs, 0);
    while (at < n && fields.size() < count) {
      if (fields.size() == count - 1) {
        int end = fieldEnd(line, ifs, at);
        int after = skipSeparator(line, ifs, end);
        if (after < n) {
          int last = n;
          while (last > at && isWhite(line, ifs, last - 1)) {
            last--;
          }
          fields.add(line.text(at, last));
          return fields;
        }
        fields.add(line.text(at, end));
        return fields;
      }
      int end = fieldEnd(line, ifs, at);
      fields.add(line.text(at, end));
      at = skipSeparator(line, ifs, end);
    }
    return fields;
  }

  private static int fieldEnd(Line line, String ifs, int at) {
    while (at < line.length() && !isIfs(line, ifs, at)) {
      at++;
    }
    return at;
  }

  /** Past IFS whitespace, at most one other IFS character, then IFS whitespace. */
  private static int skipSeparator(Line line, String ifs, int at) {
    at = skipWhite(line, ifs, at);
    if (at < line.length() && isIfs(line, ifs, at) && !isWhite(line, ifs, at)) {
      at = skipWhite(line, ifs, at + 1);
    }
    return at;
  }

  private static int skipWhite(Line line, String ifs, int at) {
    while (at < line.length() && isWhite(line, ifs, at)) {
      at++;
    }
    return at;
  }

  private static boolean isIfs(Line line, String ifs, int at) {
    int b = line.bytes()[at] & 0xff;
    return !line.escaped()[at] && b < 0x80 && ifs.indexOf(b) >= 0;
  }

  private static boolean isWhite(Line line, String ifs, int at) {
    int b = line.bytes()[at];
    return isIfs(line, ifs, at) && (b == ' ' || b == '\t' || b == '\n');
  }
}
