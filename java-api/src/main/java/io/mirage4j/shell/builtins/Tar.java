package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code tar -c|-x|-t [-z] [-v] [-O] [-f ARCHIVE] [-C DIR] [MEMBER]...}, on commons-compress:
 * creates, extracts and lists ustar/GNU archives over the workspace, gzip-compressed with {@code
 * -z} (read either way: a gzip archive is recognised). Options bundle as GNU tar's do ({@code
 * -czf a.tgz}, {@code czf a.tgz}); without {@code -f} the archive is stdin or stdout. Extraction
 * stays under the target directory: leading {@code /} and {@code ../} are removed from member names
 * and a member with {@code ..} inside is refused, as GNU tar does; links and devices are skipped.
 */
final class Tar extends Coreutil {
  private static final DateTimeFormatter LIST_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A reported failure that ends the run with status 2. */
  private static final class Fatal extends Exception {
    private static final long serialVersionUID = 1L;

    Fatal() {
      super(null, null, false, false);
    }
  }

  /** What one run was asked. */
  private static final class Options {
    char mode;
    boolean gzip;
    boolean verbose;
    boolean toStdout;
    String archive;
    String directory;
    final List<String> members = new ArrayList<>();
  }

  /** Per run: whether a member failed, and the warnings already given. */
  private boolean failed;
  private boolean warnedSlash;
  private final java.util.Set<String> warnedPrefixes = new java.util.HashSet<>();

  @Override
  int run(Tool t, List<String> args) throws IOException {
    return new Tar().tar(t, args);
  }

  private int tar(Tool t, List<String> args) throws IOException {
    Options o = new Options();
    String bad = parse(args, o);
    if (bad != null) {
      t.error(bad);
      t.note("Try 'tar --help' or 'tar --usage' for more information.");
      return 64;
    }
    if (o.mode == 0) {
      t.error("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
      t.note("Try 'tar --help' or 'tar --usage' for more information.");
      return 2;
    }
    String base = t.state().cwd();
    if (o.directory != null) {
      base = PathNames.resolve(base, o.directory);
      if (!isDirectory(t, base)) {
        t.error(o.directory + ": Cannot open: No such file or directory");
        t.error("Error is not recoverable: exiting now");
        return 2;
      }
    }
    try {
      if (o.mode == 'c') {
        create(t, o, base);
      } else {
        read(t, o, base);
      }
    } catch (Fatal e) {
      return 2;
    }
    if (failed) {
      t.error("Exiting with failure status due to previous errors");
      return 2;
    }
    return 0;
  }

  /** Reads the command line into {@code o}; returns getopt's complaint, or null. */
  private static String parse(List<String> args, Options o) {
    List<String> list = new ArrayList<>(args);
    if (!list.isEmpty() && !list.get(0).startsWith("-") && !list.get(0).isEmpty()) {
      list.set(0, "-" + list.get(0));
    }
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      if (a.equals("--")) {
        o.members.addAll(list.subList(i + 1, list.size()));
        break;
      }
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = a.substring(2, eq < 0 ? a.length() : eq);
        String value = eq < 0 ? null : a.substring(eq + 1);
        switch (name) {
          case "create" -> o.mode = 'c';
          case "extract", "get" -> o.mode = 'x';
          case "list" -> o.mode = 't';
          case "gzip", "gunzip", "ungzip" -> o.gzip = true;
          case "verbose" -> o.verbose = true;
          case "to-stdout" -> o.toStdout = true;
          case "file", "directory" -> {
            if (value == null) {
              if (i + 1 >= list.size()) {
                return "option '--" + name + "' requires an argument";
              }
              value = list.get(++i);
            }
            if (name.equals("file")) {
              o.archive = value;
            } else {
              o.directory = value;
            }
          }
          default -> {
            return "unrecognized option '" + a + "'";
          }
        }
        continue;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        o.members.add(a);
        continue;
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        switch (c) {
          case 'c', 'x', 't' -> o.mode = c;
          case 'z' -> o.gzip = true;
          case 'v' -> o.verbose = true;
          case 'O' -> o.toStdout = true;
          case 'f', 'C' -> {
            String value;
            if (j + 1 < a.length()) {
              value = a.substring(j + 1);
            } else if (i + 1 < list.size()) {
              value = list.get(++i);
            } else {
              return "option requires an argument -- '" + c + "'";
            }
            if (c == 'f') {
              o.archive = value;
            } else {
              o.directory = value;
            }
            j = a.length();
          }
          default -> {
            return "invalid option -- '" + c + "'";
          }
        }
      }
    }
    return null;
  }

  private static boolean isDirectory(Tool t, String path) {
    try {
      return t.fs().stat(path).isDirectory();
    } catch (ResourceException e) {
      return false;
    }
  }

  private static boolean toStdout(Options o) {
    return o.archive == null || o.archive.equals("-");
  }

  private void create(Tool t, Options o, String base) throws IOException, Fatal {
    if (o.members.isEmpty()) {
      t.error("Cowardly refusing to create an empty archive");
      t.note("Try 'tar --help' or 'tar --usage' for more information.");
      throw new Fatal();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (String member : o.members) {
        String name = member;
        if (name.startsWith("/")) {
          if (!warnedSlash) {
            t.error("Removing leading `/' from member names");
            warnedSlash = true;
          }
          name = name.replaceFirst("^/+", "");
        }
        add(t, o, out, PathNames.resolve(base, member), member, name);
      }
    }
    byte[] archive = bytes.toByteArray();
    if (o.gzip) {
      archive = Gzip.gzip(archive, null, 0, 6);
    }
    if (toStdout(o)) {
      t.write(archive);
    } else {
      try {
        t.writeFile(o.archive, archive, false);
      } catch (ResourceException e) {
        t.error(o.archive + ": Cannot open: " + Tool.message(e));
        t.error("Error is not recoverable: exiting now");
        throw new Fatal();
      }
    }
  }

  private void add(Tool t, Options o, TarArchiveOutputStream out, String path, String shown, String name)
      throws IOException {
    FileStat st;
    try {
      st = t.fs().stat(path);
    } catch (ResourceException e) {
      t.error(shown + ": Cannot stat: " + Tool.message(e));
      failed = true;
      return;
    }
    boolean dir = st.isDirectory();
    String entryName = dir && !name.endsWith("/") ? name + "/" : name;
    TarArchiveEntry entry = new TarArchiveEntry(entryName);
    entry.setModTime(Date.from(st.modified()));
    entry.setMode(dir ? 040755 : 0100644);
    entry.setUserName("root");
    entry.setGroupName("root");
    byte[] data = null;
    if (!dir) {
      try {
        data = t.fs().read(path);
      } catch (ResourceException e) {
        t.error(shown + ": Cannot open: " + Tool.message(e));
        failed = true;
        return;
      }
      entry.setSize(data.length);
    }
    if (o.verbose) {
      verbose(t, o, entryName);
    }
    out.putArchiveEntry(entry);
    if (data != null) {
      out.write(data);
    }
    out.closeArchiveEntry();
    if (dir) {
      List<FileStat> children = new ArrayList<>(t.fs().list(path));
      children.sort(Comparator.comparing(FileStat::name));
      for (FileStat child : children) {
        add(t, o, out, path + "/" + child.name(), shown + "/" + child.name(), entryName + child.name());
      }
    }
  }

  /** A name for {@code -v}: on stdout, or on stderr when the archive goes to stdout. */
  private static void verbose(Tool t, Options o, String line) throws IOException {
    if (o.mode == 'c' && toStdout(o)) {
      t.note(line);
    } else {
      t.print(line + "\n");
    }
  }

  private void read(Tool t, Options o, String base) throws IOException, Fatal {
    byte[] archive;
    if (toStdout(o)) {
      archive = t.readStdin();
    } else {
      try {
        archive = t.read(o.archive);
      } catch (ResourceException e) {
        t.error(o.archive + ": Cannot open: " + Tool.message(e));
        t.error("Error is not recoverable: exiting now");
        throw new Fatal();
      }
    }
    InputStream in = new ByteArrayInputStream(archive);
    if (archive.length >= 2 && (archive[0] & 0xff) == 0x1f && (archive[1] & 0xff) == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in));
    } else if (o.gzip) {
      t.note("\ngzip: stdin: not in gzip format");
      t.error("Child returned status 1");
      t.error("Error is not recoverable: exiting now");
      throw new Fatal();
    }
    List<String> wanted = new ArrayList<>(o.members);
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      boolean any = false;
      while (true) {
        try {
          entry = tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
          if (!any) {
            t.error("This does not look like a tar archive");
            failed = true;
            return;
          }
          throw e;
        }
        if (entry == null) {
          break;
        }
        any = true;
        if (!o.members.isEmpty() && !selected(o.members, entry.getName(), wanted)) {
          continue;
        }
        if (o.mode == 't') {
          list(t, o, entry);
        } else {
          extract(t, o, base, tar, entry);
        }
      }
      if (!any && archive.length > 0 && !allZero(archive)) {
        t.error("This does not look like a tar archive");
        failed = true;
      }
    }
    for (String missing : wanted) {
      t.error(missing + ": Not found in archive");
      failed = true;
    }
  }

  private static boolean allZero(byte[] data) {
    for (byte b : data) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean selected(List<String> members, String name, List<String> wanted) {
    String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String m : members) {
      String mm = m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
      if (n.equals(mm) || n.startsWith(mm + "/")) {
        wanted.remove(m);
        return true;
      }
    }
    return false;
  }

  private static void list(Tool t, Options o, TarArchiveEntry e) throws IOException {
    if (!o.verbose) {
      t.print(e.getName() + "\n");
      return;
    }
    String owner = (e.getUserName().isEmpty() ? Long.toString(e.getLongUserId()) : e.getUserName()) + "/"
        + (e.getGroupName().isEmpty() ? Long.toString(e.getLongGroupId()) : e.getGroupName());
    String size = Long.toString(e.getSize());
    String pad = " ".repeat(Math.max(1, 19 - owner.length() - size.length()));
    t.print(modeString(e) + " " + owner + pad + size + " " + LIST_TIME.format(e.getModTime().toInstant()) + " "
        + e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : "") + "\n");
  }

  private static String modeString(TarArchiveEntry e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : e.isLink() ? 'h' : '-');
    int mode = e.getMode();
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      sb.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return sb.toString();
  }

  private void extract(Tool t, Options o, String base, TarArchiveInputStream tar, TarArchiveEntry e)
      throws IOException {
    String name = e.getName();
    List<String> parts = List.of(name.split("/"));
    if (parts.contains("..")) {
      int last = parts.lastIndexOf("..");
      String prefix = String.join("/", parts.subList(0, last + 1)) + "/";
      if (warnedPrefixes.add(prefix)) {
        t.error("Removing leading `" + prefix + "' from member names");
      }
      t.error(name + ": Member name contains '..'");
      failed = true;
      return;
    }
    if (name.startsWith("/")) {
      if (warnedPrefixes.add("/")) {
        t.error("Removing leading `/' from member names");
      }
      name = name.replaceFirst("^/+", "");
    }
    if (name.isEmpty() || name.equals(".") || name.equals("./")) {
      return;
    }
    if (o.verbose && !o.toStdout) {
      t.print(e.getName() + "\n");
    }
    String path = PathNames.resolve(base, name);
    try {
      if (e.isDirectory()) {
        if (!o.toStdout) {
          mkdirs(t, path);
        }
      } else if (e.isFile()) {
        byte[] data = tar.readAllBytes();
        if (o.toStdout) {
          t.write(data);
          return;
        }
        mkdirs(t, PathNames.parent(path));
        t.fs().write(path, data);
      } else {
        t.error(e.getName() + ": Cannot create link or special file: Operation not supported");
        failed = true;
      }
    } catch (ResourceException ex) {
      t.error(name + ": Cannot open: " + Tool.message(ex));
      failed = true;
    }
  }

  private static void mkdirs(Tool t, String path) {
    if (path.equals("/") || isDirectory(t, path)) {
      return;
    }
    mkdirs(t, PathNames.parent(path));
    t.fs().mkdir(path);
  }
}
