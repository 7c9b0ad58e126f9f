package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code md5sum} and {@code sha256sum} {@code [-b|-t] [--tag] [-z] [FILE|-]...}: the digest of each
 * input, read in chunks, as {@code HASH  NAME} ({@code *NAME} with {@code -b}, {@code ALGO (NAME)
 * = HASH} with {@code --tag}); {@code -c [--quiet|--status] [--ignore-missing] [--strict] [-w]}
 * checks the digests listed in files of that form.
 */
final class Checksum extends Coreutil {
  private static final Map<String, Character> LONGS = Map.ofEntries(Map.entry("binary", 'b'),
      Map.entry("check", 'c'), Map.entry("tag", 'T'), Map.entry("text", 't'), Map.entry("zero", 'z'),
      Map.entry("ignore-missing", 'I'), Map.entry("quiet", 'Q'), Map.entry("status", 'S'),
      Map.entry("strict", 'R'), Map.entry("warn", 'w'));

  private final String algorithm;
  private final String tag;
  private final int hexLength;

  /** @param algorithm the JDK's name ({@code MD5}, {@code SHA-256}); @param tag the BSD tag */
  Checksum(String algorithm, String tag, int hexLength) {
    this.algorithm = algorithm;
    this.tag = tag;
    this.hexLength = hexLength;
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "bctzw", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    boolean check = o.has('c');
    if (check && o.has('T')) {
      return t.usage("the --tag option is meaningless when verifying checksums", 1);
    }
    if (!check) {
      for (char c : new char[] {'I', 'Q', 'S', 'R', 'w'}) {
        if (o.has(c)) {
          String name = switch (c) {
            case 'I' -> "--ignore-missing";
            case 'Q' -> "--quiet";
            case 'S' -> "--status";
            case 'R' -> "--strict";
            default -> "--warn";
          };
          return t.usage("the " + name + " option is meaningful only when verifying checksums", 1);
        }
      }
    }
    List<String> operands = o.operands().isEmpty() ? List.of("-") : o.operands();
    int status = 0;
    for (String operand : operands) {
      status |= check ? check(t, operand, o) : print(t, operand, o);
    }
    return status;
  }

  private int print(Tool t, String operand, Getopt.Parsed o) throws IOException {
    String hash;
    try {
      hash = digest(t, operand);
    } catch (ResourceException e) {
      t.error(Quote.name(operand) + ": " + Tool.message(e));
      return 1;
    }
    boolean zero = o.has('z');
    boolean escape = !zero && (operand.indexOf('\\') >= 0 || operand.indexOf('\n') >= 0);
    String name = escape ? operand.replace("\\", "\\\\").replace("\n", "\\n") : operand;
    String line = o.has('T') ? tag + " (" + name + ") = " + hash
        : hash + (o.has('b') && !lastIs(o, 't') ? " *" : "  ") + name;
    t.print((escape ? "\\" : "") + line + (zero ? "\0" : "\n"));
    return 0;
  }

  private static boolean lastIs(Getopt.Parsed o, char name) {
    for (int i = o.options().size() - 1; i >= 0; i--) {
      char c = o.options().get(i).name();
      if (c == 'b' || c == 't') {
        return c == name;
      }
    }
    return false;
  }

  private String digest(Tool t, String operand) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[8192];
    if (operand.equals("-")) {
      InputStream in = t.stdin();
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    } else {
      try (InputStream in = t.open(operand)) {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          md.update(buf, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private int check(Tool t, String listFile, Getopt.Parsed o) throws IOException {
    Pattern plain = Pattern.compile("(\\\\?)([0-9a-fA-F]{" + hexLength + "}) ([ *])(.*)");
    Pattern bsd = Pattern.compile("(\\\\?)" + Pattern.quote(tag) + " \\((.*)\\) = ([0-9a-fA-F]{" + hexLength + "})");
    boolean quiet = o.has('Q');
    boolean silent = o.has('S');
    int improper = 0;
    int unreadable = 0;
    int mismatched = 0;
    boolean anyProper = false;
    boolean anyMatched = false;
    Lines.Source lines;
    InputStream opened = null;
    try {
      opened = listFile.equals("-") ? null : t.open(listFile);
    } catch (ResourceException e) {
      t.error(Quote.name(listFile) + ": " + Tool.message(e));
      return 1;
    }
    lines = Lines.of(opened == null ? t.stdin() : opened);
    try {
      for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
        String text = line.text();
        String expected;
        String name;
        boolean escaped;
        Matcher m = plain.matcher(text);
        Matcher b = bsd.matcher(text);
        if (m.matches()) {
          escaped = !m.group(1).isEmpty();
          expected = m.group(2);
          name = m.group(4);
        } else if (b.matches()) {
          escaped = !b.group(1).isEmpty();
          expected = b.group(3);
          name = b.group(2);
        } else {
          improper++;
          continue;
        }
        if (escaped) {
          name = name.replace("\\n", "\n").replace("\\\\", "\\");
        }
        anyProper = true;
        String actual;
        try {
          actual = digest(t, name);
        } catch (ResourceException e) {
          if (o.has('I') && e.reason() == ResourceException.Reason.NOT_FOUND) {
            continue;
          }
          t.error(Quote.name(name) + ": " + Tool.message(e));
          unreadable++;
          if (!silent) {
            t.print(name + ": FAILED open or read\n");
          }
          continue;
        }
        boolean ok = actual.equalsIgnoreCase(expected);
        anyMatched |= ok;
        if (!ok) {
          mismatched++;
        }
        if (!silent && (!ok || !quiet)) {
          t.print(name + ": " + (ok ? "OK" : "FAILED") + "\n");
        }
      }
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
    String shown = Quote.name(listFile.equals("-") ? "standard input" : listFile);
    if (!anyProper) {
      t.error(shown + ": no properly formatted checksum lines found");
      return 1;
    }
    if (!silent) {
      if (improper > 0) {
        t.error("WARNING: " + improper + (improper == 1 ? " line is" : " lines are") + " improperly formatted");
      }
      if (unreadable > 0) {
        t.error("WARNING: " + unreadable + " listed " + (unreadable == 1 ? "file" : "files") + " could not be read");
      }
      if (mismatched > 0) {
        t.error("WARNING: " + mismatched + " computed " + (mismatched == 1 ? "checksum" : "checksums")
            + " did NOT match");
      }
    }
    if (o.has('I') && !anyMatched && mismatched == 0 && unreadable == 0) {
      t.error(shown + ": no file was verified");
      return 1;
    }
    return mismatched > 0 || unreadable > 0 || o.has('R') && improper > 0 ? 1 : 0;
  }
}
