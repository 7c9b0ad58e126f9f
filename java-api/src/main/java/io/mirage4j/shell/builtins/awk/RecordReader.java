package io.mirage4j.shell.builtins.awk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records from a stream, as RS separates them: a newline (the default), any one character, blank
 * lines when RS is empty (paragraph mode), or a regular expression when RS is longer.
 */
final class RecordReader {
  private final BufferedReader in;
  private final StringBuilder pending = new StringBuilder();
  private boolean eof;

  RecordReader(InputStream in) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The next record, or null at the end. */
  String next(String rs) throws IOException {
    if (rs.equals("\n")) {
      return upTo('\n');
    }
    if (rs.isEmpty()) {
      return paragraph();
    }
    if (rs.length() == 1) {
      return upTo(rs.charAt(0));
    }
    return byRegex(Pattern.compile(AwkRegex.translate(rs), Pattern.DOTALL));
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    char[] buf = new char[8192];
    int n = in.read(buf);
    if (n < 0) {
      eof = true;
      return false;
    }
    pending.append(buf, 0, n);
    return true;
  }

  private String upTo(char sep) throws IOException {
    int from = 0;
    while (true) {
      int i = pending.indexOf(String.valueOf(sep), from);
      if (i >= 0) {
        String r = pending.substring(0, i);
        pending.delete(0, i + 1);
        return r;
      }
      from = pending.length();
      if (!fill()) {
        if (pending.length() == 0) {
          return null;
        }
        String r = pending.toString();
        pending.setLength(0);
        return r;
      }
    }
  }

  private String paragraph() throws IOException {
    String line;
    while ((line = upTo('\n')) != null && line.isEmpty()) {
      // blank lines before a record
    }
    if (line == null) {
      return null;
    }
    StringBuilder record = new StringBuilder(line);
    while ((line = upTo('\n')) != null && !line.isEmpty()) {
      record.append('\n').append(line);
    }
    return record.toString();
  }

  private String byRegex(Pattern p) throws IOException {
    while (fill()) {
      // the whole input: a separator may span reads
    }
    if (pending.length() == 0) {
      return null;
    }
    Matcher m = p.matcher(pending);
    while (m.find()) {
      if (m.end() > m.start()) {
        String r = pending.substring(0, m.start());
        pending.delete(0, m.end());
        return r;
      }
    }
    String r = pending.toString();
    pending.setLength(0);
    return r;
  }
}
