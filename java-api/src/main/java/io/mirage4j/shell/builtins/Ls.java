package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code ls [-laAd1] [FILE]...}: lists directories and files, one name per line as coreutils does
 * when its output is not a terminal, sorted by name byte-wise ({@code LC_ALL=C}; code point order
 * for UTF-8 names); files given as operands first, then each directory, with {@code DIR:}
 * headers when there are several operands. {@code -a} shows dot entries with {@code .} and {@code
 * ..}, {@code -A} without them, {@code -d} lists directories themselves, {@code -1} is the
 * default. {@code -l} prints {@code MODE 1 user user SIZE Mon DD HH:MM NAME}: the mode is the
 * kind ({@code d} or {@code -}) and the permission bits the resource reports ({@code rwxr-xr-x}
 * for directories and {@code rw-r--r--} for files unless {@code chmod} set others), owner and group are {@code
 * user}, the time is the modification time in UTC, always in coreutils' recent-file form (never
 * the year form for old or future times), and the {@code total} line counts 1 KiB blocks of the
 * file sizes.
 */
final class Ls extends Coreutil {
  private static final String[] MONTHS =
      {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  private static final Map<String, Character> LONGS =
      Map.of("all", 'a', "almost-all", 'A', "directory", 'd');
  private static final Comparator<String> BY_BYTES =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  /** A name to print and what it names. */
  private record Entry(String name, FileStat stat, String path) {}

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "laAd1", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 2);
    }
    int all = 0;
    for (Getopt.Option opt : o.options()) {
      if (opt.name() == 'a') {
        all = 2;
      } else if (opt.name() == 'A') {
        all = 1;
      }
    }
    boolean longFormat = o.has('l');
    boolean directoryItself = o.has('d');
    List<String> operands = o.operands().isEmpty() ? List.of(".") : o.operands();
    int status = 0;
    List<Entry> files = new ArrayList<>();
    List<Entry> dirs = new ArrayList<>();
    for (String operand : operands) {
      try {
        FileStat stat = t.stat(operand);
        (stat.isDirectory() && !directoryItself ? dirs : files).add(new Entry(operand, stat, t.resolve(operand)));
      } catch (ResourceException e) {
        t.error("cannot access " + Quote.always(operand) + ": " + Tool.message(e));
        status = 2;
      }
    }
    files.sort(Comparator.comparing(Entry::name, BY_BYTES));
    dirs.sort(Comparator.comparing(Entry::name, BY_BYTES));
    boolean printed = false;
    if (!files.isEmpty()) {
      print(t, files, longFormat);
      printed = true;
    }
    for (Entry dir : dirs) {
      List<Entry> entries;
      try {
        entries = entries(t, dir.name(), all);
      } catch (ResourceException e) {
        t.error("cannot open directory " + Quote.always(dir.name()) + ": " + Tool.message(e));
        status = 2;
        continue;
      }
      if (printed) {
        t.print("\n");
      }
      if (operands.size() > 1) {
        t.print(dir.name() + ":\n");
      }
      if (longFormat) {
        long blocks = entries.stream().mapToLong(e -> (e.stat().size() + 1023) / 1024).sum();
        t.print("total " + blocks + "\n");
      }
      print(t, entries, longFormat);
      printed = true;
    }
    return status;
  }

  /** The entry's permission bits as its resource reports them; the defaults if it is gone since. */
  private static int permissions(Tool t, Entry e) {
    try {
      return t.fs().permissions(e.path());
    } catch (ResourceException gone) {
      return e.stat().isDirectory() ? 0755 : 0644;
    }
  }

  private static List<Entry> entries(Tool t, String operand, int all) {
    String path = t.resolve(operand);
    List<Entry> entries = new ArrayList<>();
    for (FileStat s : t.fs().list(path)) {
      if (all > 0 || !s.name().startsWith(".")) {
        entries.add(new Entry(s.name(), s, PathNames.child(path, s.name())));
      }
    }
    if (all == 2) {
      entries.add(new Entry(".", t.fs().stat(path), path));
      entries.add(new Entry("..", t.fs().stat(PathNames.parent(path)), PathNames.parent(path)));
    }
    entries.sort(Comparator.comparing(Entry::name, BY_BYTES));
    return entries;
  }

  private static void print(Tool t, List<Entry> entries, boolean longFormat) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (!longFormat) {
      entries.forEach(e -> sb.append(e.name()).append('\n'));
      t.print(sb.toString());
      return;
    }
    int sizeWidth = entries.stream().mapToInt(e -> String.valueOf(e.stat().size()).length()).max().orElse(1);
    for (Entry e : entries) {
      ZonedDateTime time = e.stat().modified().atZone(ZoneOffset.UTC);
      String size = String.valueOf(e.stat().size());
      sb.append(e.stat().isDirectory() ? 'd' : '-').append(Chmod.symbolic(permissions(t, e)))
          .append(" 1 user user ")
          .append(" ".repeat(sizeWidth - size.length())).append(size)
          .append(' ').append(MONTHS[time.getMonthValue() - 1])
          .append(String.format(" %2d %02d:%02d ", time.getDayOfMonth(), time.getHour(), time.getMinute()))
          .append(e.name()).append('\n');
    }
    t.print(sb.toString());
  }
}
