package io.mirage4j.shell.builtins;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code diff [-u|-U N] [-q] [-s] [-r] [-i] [-w] [-b] [-B] [-a] [-N] [--label L] FILE1 FILE2}: the
 * lines that differ between two files (or, with {@code -r}, two trees), in GNU diff's normal or
 * unified format, on java-diff-utils' Myers algorithm. Unified headers carry the files'
 * modification times as GNU prints them ({@code 2024-01-02 03:04:05.000000000 +0000}, in UTC);
 * {@code --label} replaces them. Status 0 when the inputs are the same, 1 when they differ, 2 on
 * trouble ({@code diff: x: No such file or directory}).
 */
final class Diff extends Coreutil {
  private static final Map<String, Character> LONGS = Map.ofEntries(
      Map.entry("unified", 'u'), Map.entry("brief", 'q'), Map.entry("report-identical-files", 's'),
      Map.entry("recursive", 'r'), Map.entry("ignore-case", 'i'), Map.entry("ignore-all-space", 'w'),
      Map.entry("ignore-space-change", 'b'), Map.entry("ignore-blank-lines", 'B'), Map.entry("text", 'a'),
      Map.entry("new-file", 'N'), Map.entry("label", 'L'));
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The options of one run. */
  private record Options(int context, boolean brief, boolean identical, boolean recursive, boolean ignoreCase,
      boolean ignoreAllSpace, boolean ignoreSpaceChange, boolean ignoreBlank, boolean text, boolean newFile,
      List<String> labels, String switches) {
    boolean unified() {
      return context >= 0;
    }
  }

  /** A file's lines, and whether its last line lacks a newline. */
  private record Text(List<String> lines, boolean noFinalNewline) {}

  /** One change: lines {@code [a0, a1)} of the first file became {@code [b0, b1)} of the second. */
  private record Change(int a0, int a1, int b0, int b1) {}

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed p;
    try {
      p = Getopt.parse(args, "uU:qsriwbBaNL:", LONGS);
    } catch (Getopt.UsageException e) {
      return usage(t, e.getMessage());
    }
    int context = -1;
    List<String> labels = new ArrayList<>();
    for (Getopt.Option o : p.options()) {
      switch (o.name()) {
        case 'u' -> context = Math.max(context, 3);
        case 'U' -> {
          try {
            context = Integer.parseInt(o.value());
          } catch (NumberFormatException e) {
            return usage(t, "invalid context length '" + o.value() + "'");
          }
        }
        case 'L' -> labels.add(o.value());
        default -> {
          // a flag, read below
        }
      }
    }
    StringBuilder switches = new StringBuilder();
    for (String a : args) {
      if (a.startsWith("-") && a.length() > 1 && !p.operands().contains(a)) {
        switches.append(a).append(' ');
      }
    }
    Options o = new Options(context, p.has('q'), p.has('s'), p.has('r'), p.has('i'), p.has('w'), p.has('b'),
        p.has('B'), p.has('a'), p.has('N'), labels, switches.toString());
    List<String> files = p.operands();
    if (files.isEmpty()) {
      return usage(t, "missing operand after 'diff'");
    }
    if (files.size() == 1) {
      return usage(t, "missing operand after '" + files.get(0) + "'");
    }
    if (files.size() > 2) {
      return usage(t, "extra operand '" + files.get(2) + "'");
    }
    return compareTop(t, o, files.get(0), files.get(1));
  }

  private static int usage(Tool t, String message) throws IOException {
    t.error(message);
    t.error("Try 'diff --help' for more information.");
    return 2;
  }

  private int compareTop(Tool t, Options o, String a, String b) throws IOException {
    FileStat sa = stat(t, a);
    FileStat sb = stat(t, b);
    if (sa == null || sb == null) {
      if (sa == null && !a.equals("-")) {
        t.error(a + ": No such file or directory");
      }
      if (sb == null && !b.equals("-")) {
        t.error(b + ": No such file or directory");
      }
      if ((sa == null && !a.equals("-")) || (sb == null && !b.equals("-"))) {
        return 2;
      }
    }
    boolean da = sa != null && sa.isDirectory();
    boolean db = sb != null && sb.isDirectory();
    if (da && db) {
      return compareDirs(t, o, a, b);
    }
    if (da) {
      a = a + "/" + baseName(b);
    } else if (db) {
      b = b + "/" + baseName(a);
    }
    return compareFiles(t, o, a, b, false);
  }

  private static String baseName(String path) {
    String p = path.replaceAll("/+$", "");
    return p.substring(p.lastIndexOf('/') + 1);
  }

  private static FileStat stat(Tool t, String operand) {
    if (operand.equals("-")) {
      return null;
    }
    try {
      return t.stat(operand);
    } catch (ResourceException e) {
      return null;
    }
  }

  private int compareDirs(Tool t, Options o, String a, String b) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    List<FileStat> la = t.fs().list(t.resolve(a));
    List<FileStat> lb = t.fs().list(t.resolve(b));
    la.forEach(s -> names.add(s.name()));
    lb.forEach(s -> names.add(s.name()));
    int status = 0;
    for (String name : names) {
      String pa = a + "/" + name;
      String pb = b + "/" + name;
      FileStat sa = la.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
      FileStat sb = lb.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
      if (sa == null || sb == null) {
        if (o.newFile() && (sa == null ? !sb.isDirectory() : !sa.isDirectory())) {
          status = Math.max(status, compareFiles(t, o, pa, pb, true));
          continue;
        }
        t.print("Only in " + (sa == null ? b : a) + ": " + name + "\n");
        status = Math.max(status, 1);
      } else if (sa.isDirectory() && sb.isDirectory()) {
        if (o.recursive()) {
          status = Math.max(status, compareDirs(t, o, pa, pb));
        } else {
          t.print("Common subdirectories: " + pa + " and " + pb + "\n");
        }
      } else if (sa.isDirectory() != sb.isDirectory()) {
        t.print("File " + pa + " is a " + (sa.isDirectory() ? "directory" : "regular file") + " while file " + pb
            + " is a " + (sb.isDirectory() ? "directory" : "regular file") + "\n");
        status = Math.max(status, 1);
      } else {
        status = Math.max(status, compareFiles(t, o, pa, pb, true));
      }
    }
    return status;
  }

  private byte[] content(Tool t, Options o, String operand, boolean inTree) throws IOException {
    if (operand.equals("-")) {
      return t.readStdin();
    }
    try {
      return t.read(operand);
    } catch (ResourceException e) {
      if (inTree && o.newFile() && e.reason() == ResourceException.Reason.NOT_FOUND) {
        return new byte[0];
      }
      throw e;
    }
  }

  private int compareFiles(Tool t, Options o, String a, String b, boolean inTree) throws IOException {
    byte[] ba;
    byte[] bb;
    try {
      ba = content(t, o, a, inTree);
    } catch (ResourceException e) {
      t.error(a + ": " + Tool.message(e));
      return 2;
    }
    try {
      bb = content(t, o, b, inTree);
    } catch (ResourceException e) {
      t.error(b + ": " + Tool.message(e));
      return 2;
    }
    if (java.util.Arrays.equals(ba, bb)) {
      if (o.identical()) {
        t.print("Files " + a + " and " + b + " are identical\n");
      }
      return 0;
    }
    if (!o.text() && (binary(ba) || binary(bb))) {
      t.print((o.brief() ? "Files " : "Binary files ") + a + " and " + b + " differ\n");
      return 1;
    }
    Text ta = text(ba);
    Text tb = text(bb);
    List<Change> changes = changes(o, ta, tb);
    if (changes.isEmpty()) {
      if (o.identical()) {
        t.print("Files " + a + " and " + b + " are identical\n");
      }
      return 0;
    }
    if (o.brief()) {
      t.print("Files " + a + " and " + b + " differ\n");
      return 1;
    }
    if (inTree) {
      t.print("diff " + o.switches() + a + " " + b + "\n");
    }
    if (o.unified()) {
      t.print("--- " + header(t, o, 0, a) + "\n");
      t.print("+++ " + header(t, o, 1, b) + "\n");
      unified(t, o.context(), changes, ta, tb);
    } else {
      normal(t, changes, ta, tb);
    }
    return 1;
  }

  private static boolean binary(byte[] data) {
    int n = Math.min(data.length, 32768);
    for (int i = 0; i < n; i++) {
      if (data[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static Text text(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        lines.add(s.substring(start, i));
        start = i + 1;
      }
    }
    boolean partial = start < s.length();
    if (partial) {
      lines.add(s.substring(start));
    }
    return new Text(lines, partial);
  }

  private static String key(Options o, String line, boolean last, boolean partial) {
    String k = line;
    if (o.ignoreAllSpace()) {
      k = k.replaceAll("[ \\t\\f\\v\\r]+", "");
    } else if (o.ignoreSpaceChange()) {
      k = k.replaceAll("[ \\t\\f\\v\\r]+", " ").replaceAll(" $", "");
    }
    if (o.ignoreCase()) {
      k = k.toLowerCase(Locale.ROOT);
    }
    // a last line without a newline differs from the same line with one
    return last && partial ? k + "\u0000" : k;
  }

  private static List<Change> changes(Options o, Text ta, Text tb) {
    List<String> ka = keys(o, ta);
    List<String> kb = keys(o, tb);
    // each line's equivalence class, and which lines the edit script changes (with a 0 on each side)
    Map<String, Integer> classes = new java.util.HashMap<>();
    int[][] equivs = {new int[ka.size()], new int[kb.size()]};
    for (int i = 0; i < ka.size(); i++) {
      equivs[0][i] = classes.computeIfAbsent(ka.get(i), k -> classes.size());
    }
    for (int i = 0; i < kb.size(); i++) {
      equivs[1][i] = classes.computeIfAbsent(kb.get(i), k -> classes.size());
    }
    boolean[][] changed = {new boolean[ka.size() + 2], new boolean[kb.size() + 2]};
    for (AbstractDelta<String> d : DiffUtils.diff(ka, kb).getDeltas()) {
      for (int i = 0; i < d.getSource().size(); i++) {
        changed[0][d.getSource().getPosition() + i + 1] = true;
      }
      for (int i = 0; i < d.getTarget().size(); i++) {
        changed[1][d.getTarget().getPosition() + i + 1] = true;
      }
    }
    ChangeShift.shift(changed, equivs);
    List<Change> changes = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < ka.size() || j < kb.size()) {
      if (i < ka.size() && j < kb.size() && !changed[0][i + 1] && !changed[1][j + 1]) {
        i++;
        j++;
        continue;
      }
      int a0 = i;
      int b0 = j;
      while (i < ka.size() && changed[0][i + 1]) {
        i++;
      }
      while (j < kb.size() && changed[1][j + 1]) {
        j++;
      }
      Change c = new Change(a0, i, b0, j);
      if (!(o.ignoreBlank() && allBlank(ta.lines(), c.a0(), c.a1()) && allBlank(tb.lines(), c.b0(), c.b1()))) {
        changes.add(c);
      }
    }
    return changes;
  }

  private static List<String> keys(Options o, Text text) {
    List<String> keys = new ArrayList<>(text.lines().size());
    for (int i = 0; i < text.lines().size(); i++) {
      keys.add(key(o, text.lines().get(i), i == text.lines().size() - 1, text.noFinalNewline()));
    }
    return keys;
  }

  private static boolean allBlank(List<String> lines, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!lines.get(i).isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static String range(int from, int to) {
    // 1-based first and last line of [from, to); an empty range names the line before it
    if (to - from <= 1) {
      return Integer.toString(to - from == 1 ? from + 1 : from);
    }
    return (from + 1) + "," + to;
  }

  private static void normal(Tool t, List<Change> changes, Text ta, Text tb) throws IOException {
    for (Change c : changes) {
      char op = c.a0() == c.a1() ? 'a' : c.b0() == c.b1() ? 'd' : 'c';
      t.print(range(c.a0(), c.a1()) + op + range(c.b0(), c.b1()) + "\n");
      lines(t, "< ", ta, c.a0(), c.a1());
      if (op == 'c') {
        t.print("---\n");
      }
      lines(t, "> ", tb, c.b0(), c.b1());
    }
  }

  private static void lines(Tool t, String prefix, Text text, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      t.print(prefix + text.lines().get(i) + "\n");
      if (i == text.lines().size() - 1 && text.noFinalNewline()) {
        t.print("\\ No newline at end of file\n");
      }
    }
  }

  private static String header(Tool t, Options o, int which, String operand) {
    if (o.labels().size() > which) {
      return o.labels().get(which);
    }
    Instant time = Instant.now();
    if (!operand.equals("-")) {
      try {
        time = t.stat(operand).modified();
      } catch (ResourceException e) {
        time = Instant.EPOCH;
      }
    }
    return operand + "\t" + TIME.format(time);
  }

  private static String unifiedRange(int from, int to) {
    int count = to - from;
    if (count == 0) {
      return from + ",0";
    }
    return count == 1 ? Integer.toString(from + 1) : (from + 1) + "," + count;
  }

  private static void unified(Tool t, int context, List<Change> changes, Text ta, Text tb) throws IOException {
    int i = 0;
    while (i < changes.size()) {
      int j = i;
      while (j + 1 < changes.size() && changes.get(j + 1).a0() - changes.get(j).a1() <= 2 * context) {
        j++;
      }
      Change first = changes.get(i);
      Change last = changes.get(j);
      int a0 = Math.max(0, first.a0() - context);
      int b0 = Math.max(0, first.b0() - context);
      int a1 = Math.min(ta.lines().size(), last.a1() + context);
      int b1 = Math.min(tb.lines().size(), last.b1() + context);
      t.print("@@ -" + unifiedRange(a0, a1) + " +" + unifiedRange(b0, b1) + " @@\n");
      int a = a0;
      for (int k = i; k <= j; k++) {
        Change c = changes.get(k);
        lines(t, " ", ta, a, c.a0());
        lines(t, "-", ta, c.a0(), c.a1());
        lines(t, "+", tb, c.b0(), c.b1());
        a = c.a1();
      }
      lines(t, " ", ta, a, a1);
      i = j + 1;
    }
  }
}
