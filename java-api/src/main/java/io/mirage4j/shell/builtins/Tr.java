package io.mirage4j.shell.builtins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code tr [-cdst] SET1 [SET2]}: translates, deletes ({@code -d}) or squeezes ({@code -s}) the
 * bytes of standard input, as GNU tr does in the C locale. A set holds characters, escapes
 * ({@code \n}, {@code \\}, {@code \NNN}), ranges {@code a-z}, classes {@code [:lower:]}, {@code
 * [=c=]} and, in SET2, repeats {@code [c*]} and {@code [c*n]}; {@code -c} takes the bytes not in
 * SET1, {@code -t} truncates SET1 to SET2's length. Input is read and written in chunks.
 */
final class Tr extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("complement", 'c', "delete", 'd',
      "squeeze-repeats", 's', "truncate-set1", 't');
  private static final List<String> CLASSES = List.of("alnum", "alpha", "blank", "cntrl", "digit", "graph",
      "lower", "print", "punct", "space", "upper", "xdigit");

  /** A set that cannot be used; the message is tr's. */
  private static final class BadSet extends Exception {
    private static final long serialVersionUID = 1L;

    BadSet(String message) {
      super(message, null, false, false);
    }
  }

  /** A set expanded to bytes; {@code classAt} marks where an upper or lower class starts ('u'/'l'). */
  private record Set(byte[] bytes, char[] classAt, int fillAt, boolean endsWithClass, boolean hasEquivalence,
      boolean hasOtherClass) {}

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "cCdst", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    boolean complement = o.has('c') || o.has('C');
    boolean delete = o.has('d');
    boolean squeeze = o.has('s');
    List<String> operands = o.operands();
    int min = 1 + (delete == squeeze ? 1 : 0);
    int max = 1 + (!delete || squeeze ? 1 : 0);
    if (operands.size() < min) {
      if (operands.isEmpty()) {
        return t.usage("missing operand", 1);
      }
      t.error("missing operand after " + Quote.plain(operands.get(operands.size() - 1)));
      t.note(squeeze ? "Two strings must be given when both deleting and squeezing repeats."
          : "Two strings must be given when translating.");
      return t.usage((String) null, 1);
    }
    if (operands.size() > max) {
      t.error("extra operand " + Quote.plain(operands.get(max)));
      if (operands.size() == 2) {
        t.note("Only one string may be given when deleting without squeezing repeats.");
      }
      return t.usage((String) null, 1);
    }
    boolean translate = operands.size() == 2 && !delete;
    boolean[] inSet1 = new boolean[256];
    boolean[] squeezeSet = new boolean[256];
    int[] map = new int[256];
    for (int b = 0; b < 256; b++) {
      map[b] = b;
    }
    try {
      Set set1 = parse(t, operands.get(0), true, false);
      for (byte b : set1.bytes()) {
        inSet1[b & 0xff] = true;
      }
      byte[] s1 = set1.bytes();
      if (complement) {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
          if (!inSet1[b]) {
            c.write(b);
          }
        }
        s1 = c.toByteArray();
        for (int b = 0; b < 256; b++) {
          inSet1[b] = !inSet1[b];
        }
      }
      Set set2 = operands.size() == 2 ? parse(t, operands.get(1), false, translate) : null;
      if (translate) {
        byte[] s2 = fill(set2, s1.length);
        if (s2.length == 0 && !o.has('t')) {
          throw new BadSet("when not truncating set1, string2 must be non-empty");
        }
        if (set2.hasEquivalence()) {
          throw new BadSet("[=c=] expressions may not appear in string2 when translating");
        }
        if (set2.hasOtherClass()) {
          throw new BadSet("when translating, the only character classes that may appear in\n"
              + "string2 are 'upper' and 'lower'");
        }
        if (s2.length < s1.length && !o.has('t') && set2.endsWithClass()) {
          throw new BadSet("when translating with string1 longer than string2,\n"
              + "the latter string must not end with a character class");
        }
        char[] marks = set2.classAt();
        for (int i = 0; i < marks.length; i++) {
          if (marks[i] != 0 && (complement || i >= set1.classAt().length || set1.classAt()[i] == 0)) {
            throw new BadSet("misaligned [:upper:] and/or [:lower:] construct");
          }
        }
        if (s2.length < s1.length && !o.has('t')) {
          byte[] padded = java.util.Arrays.copyOf(s2, s1.length);
          java.util.Arrays.fill(padded, s2.length, s1.length, s2[s2.length - 1]);
          s2 = padded;
        }
        for (int i = 0; i < Math.min(s1.length, s2.length); i++) {
          map[s1[i] & 0xff] = s2[i] & 0xff;
        }
      }
      if (squeeze) {
        byte[] which = set2 != null ? fill(set2, set2.bytes().length) : s1;
        for (byte b : which) {
          squeezeSet[b & 0xff] = true;
        }
      }
    } catch (BadSet e) {
      t.error(e.getMessage());
      return 1;
    }
    stream(t, t.stdin(), delete ? inSet1 : null, map, squeeze ? squeezeSet : null);
    return 0;
  }

  private static void stream(Tool t, InputStream in, boolean[] deleted, int[] map, boolean[] squeezed)
      throws IOException {
    byte[] buf = new byte[8192];
    int last = -1;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      int out = 0;
      for (int i = 0; i < n; i++) {
        int b = buf[i] & 0xff;
        if (deleted != null && deleted[b]) {
          continue;
        }
        b = map[b];
        if (squeezed != null && squeezed[b] && b == last) {
          continue;
        }
        last = b;
        buf[out++] = (byte) b;
      }
      t.write(buf, 0, out);
    }
  }

  /** SET2's bytes with its {@code [c*]} repeat filled up to {@code length}. */
  private static byte[] fill(Set set, int length) {
    if (set.fillAt() < 0) {
      return set.bytes();
    }
    byte[] b = set.bytes();
    int repeat = Math.max(0, length - (b.length - 1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, set.fillAt());
    for (int i = 0; i < repeat; i++) {
      out.write(b[set.fillAt()]);
    }
    out.write(b, set.fillAt() + 1, b.length - set.fillAt() - 1);
    return out.toByteArray();
  }

  /**
   * Expands a set. In a SET2 {@code [c*]} is kept as one byte at {@code fillAt}, expanded by
   * {@link #fill}; the class marks then hold for the positions before it.
   */
  private static Set parse(Tool t, String text, boolean first, boolean translating) throws BadSet, IOException {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    List<Integer> chars = new ArrayList<>();
    List<Boolean> escaped = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      int c = raw[i] & 0xff;
      if (c != '\\') {
        chars.add(c);
        escaped.add(false);
        continue;
      }
      if (i + 1 == raw.length) {
        t.error("warning: an unescaped backslash at end of string is not portable");
        chars.add((int) '\\');
        escaped.add(true);
        continue;
      }
      int e = raw[++i] & 0xff;
      switch (e) {
        case 'a' -> c = 7;
        case 'b' -> c = '\b';
        case 'f' -> c = '\f';
        case 'n' -> c = '\n';
        case 'r' -> c = '\r';
        case 't' -> c = '\t';
        case 'v' -> c = 11;
        default -> {
          if (e >= '0' && e <= '7') {
            c = e - '0';
            for (int k = 0; k < 2 && i + 1 < raw.length && raw[i + 1] >= '0' && raw[i + 1] <= '7'; k++) {
              int next = c * 8 + raw[i + 1] - '0';
              if (next > 255) {
                break;
              }
              c = next;
              i++;
            }
          } else {
            c = e;
          }
        }
      }
      chars.add(c);
      escaped.add(true);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Character> marks = new ArrayList<>();
    int fillAt = -1;
    boolean endsWithClass = false;
    boolean equivalence = false;
    boolean otherClass = false;
    int n = chars.size();
    for (int i = 0; i < n; ) {
      int c = chars.get(i);
      boolean plain = !escaped.get(i);
      endsWithClass = false;
      if (plain && c == '[' && i + 1 < n && !escaped.get(i + 1) && (chars.get(i + 1) == ':' || chars.get(i + 1) == '=')) {
        int kind = chars.get(i + 1);
        int close = -1;
        for (int j = i + 2; j + 1 < n; j++) {
          if (chars.get(j) == kind && !escaped.get(j) && chars.get(j + 1) == ']' && !escaped.get(j + 1)) {
            close = j;
            break;
          }
        }
        if (close >= 0) {
          String name = string(chars, i + 2, close);
          if (kind == ':') {
            if (name.isEmpty()) {
              throw new BadSet("missing character class name '[::]'");
            }
            if (!CLASSES.contains(name)) {
              throw new BadSet("invalid character class " + Quote.plain(name));
            }
            boolean caseClass = name.equals("upper") || name.equals("lower");
            otherClass |= !first && !caseClass;
            for (int b = 0; b < 256; b++) {
              if (inClass(name, b)) {
                marks.add(caseClass && b == (name.equals("upper") ? 'A' : 'a') ? name.charAt(0) : (char) 0);
                bytes.write(b);
              }
            }
            endsWithClass = true;
          } else {
            if (close - (i + 2) != 1) {
              if (name.isEmpty()) {
                throw new BadSet("missing equivalence class character '[==]'");
              }
              throw new BadSet(name + ": equivalence class operand must be a single character");
            }
            equivalence |= !first;
            marks.add((char) 0);
            bytes.write(chars.get(i + 2));
          }
          i = close + 2;
          continue;
        }
      }
      if (plain && c == '[' && i + 2 < n && chars.get(i + 2) == '*' && !escaped.get(i + 2)) {
        int close = -1;
        for (int j = i + 3; j < n; j++) {
          if (chars.get(j) == ']' && !escaped.get(j)) {
            close = j;
            break;
          }
        }
        if (close >= 0) {
          String count = string(chars, i + 3, close);
          long times = repeatCount(count);
          if (times < 0) {
            throw new BadSet("invalid repeat count " + Quote.plain(count) + " in [c*n] construct");
          }
          if (times == 0) {
            if (first) {
              throw new BadSet("the [c*] repeat construct may not appear in string1");
            }
            if (fillAt >= 0) {
              throw new BadSet("only one [c*] repeat construct may appear in string2");
            }
            fillAt = bytes.size();
            marks.add((char) 0);
            bytes.write(chars.get(i + 1));
          } else {
            for (long k = 0; k < times && bytes.size() < 1 << 20; k++) {
              marks.add((char) 0);
              bytes.write(chars.get(i + 1));
            }
          }
          i = close + 1;
          continue;
        }
      }
      if (i + 2 < n && chars.get(i + 1) == '-' && !escaped.get(i + 1)) {
        int end = chars.get(i + 2);
        if (end < c) {
          throw new BadSet("range-endpoints of '" + printable(c) + "-" + printable(end)
              + "' are in reverse collating sequence order");
        }
        for (int b = c; b <= end; b++) {
          marks.add((char) 0);
          bytes.write(b);
        }
        i += 3;
        continue;
      }
      marks.add((char) 0);
      bytes.write(c);
      i++;
    }
    char[] classAt = new char[marks.size()];
    for (int i = 0; i < classAt.length; i++) {
      classAt[i] = marks.get(i);
    }
    if (fillAt >= 0 && !translating && !first) {
      throw new BadSet("the [c*] construct may appear in string2 only when translating");
    }
    return new Set(bytes.toByteArray(), classAt, fillAt, endsWithClass, equivalence, otherClass);
  }

  /** The count of {@code [c*n]}: 0 for none, -1 when it is not a number. */
  private static long repeatCount(String count) {
    if (count.isEmpty()) {
      return 0;
    }
    int radix = count.startsWith("0") ? 8 : 10;
    try {
      return Long.parseLong(count, radix);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String string(List<Integer> chars, int from, int to) {
    byte[] b = new byte[to - from];
    for (int i = from; i < to; i++) {
      b[i - from] = (byte) (int) chars.get(i);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String printable(int c) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      return String.valueOf((char) c);
    }
    return switch (c) {
      case '\\' -> "\\\\";
      case 7 -> "\\a";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case 11 -> "\\v";
      default -> String.format("\\%03o", c);
    };
  }

  private static boolean inClass(String name, int b) {
    boolean upper = b >= 'A' && b <= 'Z';
    boolean lower = b >= 'a' && b <= 'z';
    boolean digit = b >= '0' && b <= '9';
    boolean graph = b > 0x20 && b < 0x7f;
    return switch (name) {
      case "alnum" -> upper || lower || digit;
      case "alpha" -> upper || lower;
      case "blank" -> b == ' ' || b == '\t';
      case "cntrl" -> b < 0x20 || b == 0x7f;
      case "digit" -> digit;
      case "graph" -> graph;
      case "lower" -> lower;
      case "print" -> graph || b == ' ';
      case "punct" -> graph && !upper && !lower && !digit;
      case "space" -> b == ' ' || b >= '\t' && b <= '\r';
      case "upper" -> upper;
      case "xdigit" -> digit || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
      default -> false;
    };
  }
}
