package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code du [-abchkms0] [-d N] [-B SIZE] [--apparent-size] [FILE]...}: the space each directory
 * (with {@code -a}, each file too) takes, its subdirectories included, after its contents; in
 * 1 KiB units rounded up, {@code -m} MiB, {@code -B} any block size, {@code -h} GNU's human form
 * ({@code 4.0K}, {@code 12K}, {@code 1.5M}), {@code -b} bytes of apparent size. {@code -s} prints
 * only each operand's total, {@code -d}/{@code --max-depth} stops printing below that depth,
 * {@code -c} adds a {@code total} line. Directory entries are visited in name order.
 *
 * <p>Disk usage on a mount is what an ext4 disk on Linux would use for the same tree (a mount does
 * not say how it stores its files): each file takes whole 4 KiB blocks and each directory one
 * block; with {@code --apparent-size} or {@code -b} a file counts its size and a directory 4096
 * bytes. So on a host directory of an ext4 disk the numbers are those of GNU du.
 */
final class Du extends Coreutil {
  private static final char APPARENT = '\u0001';
  private static final char DEPTH = 'd';
  private static final Map<String, Character> LONGS = Map.ofEntries(Map.entry("all", 'a'),
      Map.entry("apparent-size", APPARENT), Map.entry("bytes", 'b'), Map.entry("total", 'c'),
      Map.entry("human-readable", 'h'), Map.entry("summarize", 's'), Map.entry("max-depth", DEPTH),
      Map.entry("block-size", 'B'), Map.entry("null", '0'));
  private static final Pattern BLOCK_SIZE = Pattern.compile("([0-9]*)(?:([KMGTPE])(iB|B)?)?");
  private static final String UNITS = "KMGTPE";

  private Tool t;
  private boolean all;
  private boolean apparent;
  private boolean human;
  private long blockSize = 1024;
  private String suffix = "";
  private int maxDepth = Integer.MAX_VALUE;
  private char end = '\n';

  @Override
  int run(Tool tool, List<String> args) throws IOException {
    Du du = new Du();
    du.t = tool;
    return du.du(args);
  }

  private int du(List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "abchkms0d:B:" + APPARENT, LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    boolean summarize = false;
    String depth = null;
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'a' -> all = true;
        case APPARENT -> apparent = true;
        case 'b' -> {
          apparent = true;
          human = false;
          blockSize = 1;
          suffix = "";
        }
        case 'h' -> human = true;
        case 'k', 'm' -> {
          human = false;
          blockSize = opt.name() == 'k' ? 1024 : 1024 * 1024;
          suffix = "";
        }
        case 'B' -> {
          if (!blockSize(opt.value())) {
            String given = args.stream().anyMatch(a -> a.startsWith("--b")) ? "--block-size" : "-B";
            t.error("invalid " + given + " argument " + Quote.always(opt.value()));
            return 1;
          }
          human = false;
        }
        case 's' -> summarize = true;
        case 'c', '0' -> end = opt.name() == '0' ? '\0' : end;
        case DEPTH -> depth = opt.value();
        default -> {
          // no other options
        }
      }
    }
    if (depth != null) {
      if (!depth.strip().matches("\\+?[0-9]+")) {
        return t.usage("invalid maximum depth " + Quote.plain(depth), 1);
      }
      String digits = depth.strip().replace("+", "");
      maxDepth = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
    if (summarize && all) {
      return t.usage("cannot both summarize and show all entries", 1);
    }
    if (summarize && depth != null) {
      if (maxDepth != 0) {
        return t.usage("warning: summarizing conflicts with --max-depth=" + maxDepth, 1);
      }
      t.error("warning: summarizing is the same as using --max-depth=0");
    }
    if (summarize) {
      maxDepth = 0;
    }
    int status = 0;
    long total = 0;
    for (String operand : o.operands().isEmpty() ? List.of(".") : o.operands()) {
      FileStat st;
      String path;
      try {
        path = t.resolve(operand);
        st = t.fs().stat(path);
      } catch (ResourceException e) {
        t.error("cannot access " + Quote.always(operand) + ": " + Tool.message(e));
        status = 1;
        continue;
      }
      String shown = operand.matches(".*//+") ? operand.replaceAll("/+$", "/") : operand;
      total += walk(shown, path, st, 0);
    }
    if (o.has('c')) {
      line(total, "total");
    }
    return status;
  }

  /** Prints the lines of an entry and what is below it; returns its size in bytes. */
  private long walk(String shown, String path, FileStat st, int depth) throws IOException {
    long size = apparent ? Stat.size(st) : Stat.allocated(st);
    if (st.isDirectory()) {
      List<FileStat> entries;
      try {
        entries = t.fs().list(path);
      } catch (ResourceException e) {
        t.error("cannot read directory " + Quote.always(shown) + ": " + Tool.message(e));
        entries = List.of();
      }
      String base = shown.endsWith("/") ? shown : shown + "/";
      String dir = path.endsWith("/") ? path : path + "/";
      for (FileStat entry : entries) {
        size += walk(base + entry.name(), dir + entry.name(), entry, depth + 1);
      }
    }
    if (depth <= maxDepth && (st.isDirectory() || all || depth == 0)) {
      line(size, shown);
    }
    return size;
  }

  private void line(long bytes, String name) throws IOException {
    t.print((human ? human(bytes) : Long.toString(ceilDiv(bytes, blockSize)) + suffix) + "\t" + name + end);
  }

  private boolean blockSize(String value) {
    Matcher m = BLOCK_SIZE.matcher(value);
    if (!m.matches() || value.isEmpty()) {
      return false;
    }
    long unit = 1;
    if (m.group(2) != null) {
      long base = "B".equals(m.group(3)) ? 1000 : 1024;
      for (int i = 0; i <= UNITS.indexOf(m.group(2)); i++) {
        unit *= base;
      }
    }
    long count = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1).length() > 12 ? "0" : m.group(1));
    if (count <= 0) {
      return false;
    }
    blockSize = count * unit;
    suffix = m.group(1).isEmpty() ? m.group(2) + (m.group(3) == null ? "" : m.group(3)) : "";
    return true;
  }

  /** GNU's {@code -h}: bytes below 1 KiB as they are, else one decimal below 10 units, rounded up. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    long unit = 1024;
    int exponent = 0;
    while (exponent < UNITS.length() - 1 && bytes / unit >= 1024) {
      unit *= 1024;
      exponent++;
    }
    long tenths = ceilDiv(bytes * 10, unit);
    if (tenths < 100) {
      return tenths / 10 + "." + tenths % 10 + UNITS.charAt(exponent);
    }
    long whole = ceilDiv(bytes, unit);
    if (whole >= 1024 && exponent < UNITS.length() - 1) {
      return "1.0" + UNITS.charAt(exponent + 1);
    }
    return whole + String.valueOf(UNITS.charAt(exponent));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
