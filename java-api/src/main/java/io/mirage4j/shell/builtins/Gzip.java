package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * {@code gzip [-cdkfnt] [-1..-9] [FILE]...}, also as {@code gunzip} ({@code -d}) and {@code zcat}
 * ({@code -dc}), on {@code java.util.zip}: each FILE becomes FILE.gz (or, decompressing, loses its
 * {@code .gz}), the original removed unless {@code -k}; no FILE or {@code -c} writes to stdout. The
 * gzip header carries the file's name and modification time as GNU gzip writes them, but the
 * compressed bytes are zlib's, so sizes differ from GNU's; every gzip reads them. Messages and
 * statuses are GNU gzip's: 1 for an error, 2 for a warning ({@code already exists; not
 * overwritten}).
 */
final class Gzip extends Coreutil {
  private static final Map<String, Character> LONGS = Map.ofEntries(Map.entry("stdout", 'c'),
      Map.entry("to-stdout", 'c'), Map.entry("decompress", 'd'), Map.entry("uncompress", 'd'), Map.entry("keep", 'k'),
      Map.entry("force", 'f'), Map.entry("no-name", 'n'), Map.entry("name", 'N'), Map.entry("test", 't'),
      Map.entry("quiet", 'q'), Map.entry("fast", '1'), Map.entry("best", '9'));

  private final boolean decompress;
  private final boolean toStdout;

  /** {@code gzip}, {@code gunzip} ({@code decompress}) or {@code zcat} (both). */
  Gzip(boolean decompress, boolean toStdout) {
    this.decompress = decompress;
    this.toStdout = toStdout;
  }

  /** What one run was asked. */
  private record Options(boolean decompress, boolean stdout, boolean keep, boolean force, boolean noName,
      boolean test, boolean quiet, int level) {}

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed p;
    try {
      p = Getopt.parse(args, "cdkfnNtq123456789", LONGS);
    } catch (Getopt.UsageException e) {
      t.error(e.getMessage());
      t.note("Try `" + t.name() + " --help' for more information.");
      return 1;
    }
    int level = 6;
    for (Getopt.Option o : p.options()) {
      if (Character.isDigit(o.name())) {
        level = o.name() - '0';
      }
    }
    Options o = new Options(decompress || p.has('d') || p.has('t'), toStdout || p.has('c'), p.has('k'), p.has('f'),
        p.has('n'), p.has('t'), p.has('q'), level);
    if (p.operands().isEmpty()) {
      return stream(t, o, "-");
    }
    int status = 0;
    for (String file : p.operands()) {
      int s = file.equals("-") ? stream(t, o, "-") : file(t, o, file);
      status = s == 1 || status == 1 ? 1 : Math.max(status, s);
    }
    return status;
  }

  /** Stdin to stdout. */
  private int stream(Tool t, Options o, String name) throws IOException {
    byte[] in = t.readStdin();
    if (o.decompress()) {
      byte[] out = gunzip(t, o, "stdin", in);
      if (out == null) {
        return 1;
      }
      if (!o.test()) {
        t.write(out);
      }
      return 0;
    }
    t.write(gzip(in, null, 0, o.level()));
    return 0;
  }

  private int file(Tool t, Options o, String file) throws IOException {
    FileStat st;
    try {
      st = t.stat(file);
    } catch (ResourceException e) {
      t.error(file + ": " + Tool.message(e));
      return 1;
    }
    if (st.isDirectory()) {
      if (!o.quiet()) {
        t.error(file + " is a directory -- ignored");
      }
      return 2;
    }
    String target;
    if (o.decompress()) {
      target = stripSuffix(file);
      if (target == null) {
        if (!o.quiet()) {
          t.error(file + ": unknown suffix -- ignored");
        }
        return 2;
      }
    } else {
      if (file.endsWith(".gz") || file.endsWith(".tgz")) {
        if (!o.stdout()) {
          if (!o.quiet()) {
            t.error(file + " already has ." + file.substring(file.lastIndexOf('.') + 1) + " suffix -- unchanged");
          }
          return 0;
        }
      }
      target = file + ".gz";
    }
    byte[] in;
    try {
      in = t.read(file);
    } catch (ResourceException e) {
      t.error(file + ": " + Tool.message(e));
      return 1;
    }
    byte[] out;
    if (o.decompress()) {
      out = gunzip(t, o, file, in);
      if (out == null) {
        return 1;
      }
      if (o.test()) {
        return 0;
      }
    } else {
      String base = file.substring(file.lastIndexOf('/') + 1);
      out = gzip(in, o.noName() ? null : base, o.noName() ? 0 : st.modified().getEpochSecond(), o.level());
    }
    if (o.stdout()) {
      t.write(out);
      return 0;
    }
    if (!o.force() && exists(t, target)) {
      t.error(target + " already exists;\tnot overwritten");
      return 2;
    }
    try {
      t.writeFile(target, out, false);
      if (!o.keep()) {
        t.fs().delete(t.resolve(file));
      }
    } catch (ResourceException e) {
      t.error(target + ": " + Tool.message(e));
      return 1;
    }
    return 0;
  }

  private static boolean exists(Tool t, String operand) {
    try {
      t.stat(operand);
      return true;
    } catch (ResourceException e) {
      return false;
    }
  }

  private static String stripSuffix(String file) {
    String base = file.substring(file.lastIndexOf('/') + 1);
    for (String suffix : new String[] {".gz", "-gz", ".z", "-z", "_z"}) {
      if (base.length() > suffix.length() && base.endsWith(suffix)) {
        return file.substring(0, file.length() - suffix.length());
      }
    }
    if (base.length() > 4 && base.endsWith(".tgz")) {
      return file.substring(0, file.length() - 4) + ".tar";
    }
    return null;
  }

  /** The decompressed members, or null after reporting what is wrong with the input. */
  private static byte[] gunzip(Tool t, Options o, String name, byte[] in) throws IOException {
    if (in.length < 2 || (in[0] & 0xff) != 0x1f || (in[1] & 0xff) != 0x8b) {
      if (!o.quiet()) {
        t.note("\n" + t.name() + ": " + name + ": not in gzip format");
      }
      return null;
    }
    try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(in))) {
      return z.readAllBytes();
    } catch (EOFException e) {
      t.note("\n" + t.name() + ": " + name + ": unexpected end of file");
      return null;
    } catch (ZipException e) {
      t.note("\n" + t.name() + ": " + name + ": invalid compressed data--format violated");
      return null;
    }
  }

  /** A gzip member as GNU gzip lays it out: name and time in the header, Unix as the system. */
  static byte[] gzip(byte[] data, String name, long mtime, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x1f);
    out.write(0x8b);
    out.write(8);
    out.write(name == null ? 0 : 0x08);
    for (int i = 0; i < 4; i++) {
      out.write((int) (mtime >>> (8 * i)) & 0xff);
    }
    out.write(level == 9 ? 2 : level == 1 ? 4 : 0);
    out.write(3);
    if (name != null) {
      out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
    }
    Deflater deflater = new Deflater(level, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] buffer = new byte[65536];
    while (!deflater.finished()) {
      int n = deflater.deflate(buffer);
      out.write(buffer, 0, n);
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    long c = crc.getValue();
    for (int i = 0; i < 4; i++) {
      out.write((int) (c >>> (8 * i)) & 0xff);
    }
    for (int i = 0; i < 4; i++) {
      out.write((data.length >>> (8 * i)) & 0xff);
    }
    return out.toByteArray();
  }
}
