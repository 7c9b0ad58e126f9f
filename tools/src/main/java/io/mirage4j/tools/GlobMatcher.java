package io.mirage4j.tools;

import java.util.regex.Pattern;

/**
 * A glob over a path relative to the search's directory: {@code *} and {@code ?} within one name,
 * {@code [...]} a character class, {@code **} any number of directories. A name that starts with
 * a dot is matched only by a pattern part that starts with one, as in the shell.
 */
final class GlobMatcher {
  private final Pattern regex;

  private GlobMatcher(Pattern regex) {
    this.regex = regex;
  }

  static GlobMatcher compile(String glob) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    boolean segmentStart = true;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean wholeSegment = segmentStart && (i + 2 == glob.length() || glob.charAt(i + 2) == '/');
        if (wholeSegment && i + 2 < glob.length()) {
          out.append("(?:[^/.][^/]*/)*");
          i += 3;
          segmentStart = true;
        } else {
          out.append(segmentStart ? "(?:[^/.][^/]*(?:/[^/.][^/]*)*)?" : ".*");
          i += 2;
          segmentStart = false;
        }
        continue;
      }
      switch (c) {
        case '*' -> out.append(segmentStart ? "(?:[^/.][^/]*)?" : "[^/]*");
        case '?' -> out.append(segmentStart ? "[^/.]" : "[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            out.append("\\[");
          } else {
            String body = glob.substring(i + 1, close);
            if (body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            out.append('[').append(body.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
      segmentStart = c == '/';
      i++;
    }
    return new GlobMatcher(Pattern.compile(out.toString()));
  }

  boolean matches(String relativePath) {
    return regex.matcher(relativePath).matches();
  }
}
