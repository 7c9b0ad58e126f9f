package io.mirage4j.shell;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pathname expansion against the workspace's mounts: {@code *}, {@code ?} and {@code […]} in the
 * characters that were not quoted. Matches are sorted; names starting with {@code .} match only a
 * pattern that starts with {@code .}.
 */
final class Glob {
  private Glob() {}

  /** Whether {@code text} has an active pattern character. */
  static boolean hasPattern(String text, BitSet active) {
    for (int i = 0; i < text.length(); i++) {
      if (active.get(i) && "*?[".indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The paths matching the pattern, as the user wrote them (relative stays relative); may be empty. */
  static List<String> expand(String pattern, BitSet active, String cwd, WorkspaceFs fs) {
    boolean absolute = pattern.startsWith("/");
    List<String> results = new ArrayList<>();
    results.add(absolute ? "/" : "");
    int start = absolute ? 1 : 0;
    while (start <= pattern.length()) {
      int slash = pattern.indexOf('/', start);
      int end = slash < 0 ? pattern.length() : slash;
      String component = pattern.substring(start, end);
      BitSet componentActive = active.get(start, end);
      boolean last = slash < 0;
      if (!component.isEmpty()) {
        results = step(results, component, componentActive, cwd, fs, last);
      } else if (!last) {
        results.replaceAll(r -> r.isEmpty() || r.endsWith("/") ? r : r + "/");
      }
      if (results.isEmpty() || last) {
        break;
      }
      start = end + 1;
      results.replaceAll(r -> r.isEmpty() || r.endsWith("/") ? r : r + "/");
    }
    results.sort(null);
    return results;
  }

  private static List<String> step(
      List<String> prefixes, String component, BitSet active, String cwd, WorkspaceFs fs, boolean last) {
    List<String> next = new ArrayList<>();
    if (!hasPattern(component, active)) {
      for (String prefix : prefixes) {
        String candidate = prefix + component;
        if (fs.exists(PathNames.resolve(cwd, candidate.isEmpty() ? "." : candidate))) {
          next.add(candidate);
        }
      }
      return next;
    }
    Pattern regex = toRegex(component, active);
    boolean showHidden = component.startsWith(".");
    for (String prefix : prefixes) {
      List<FileStat> entries;
      try {
        entries = fs.list(PathNames.resolve(cwd, prefix.isEmpty() ? "." : prefix));
      } catch (ResourceException e) {
        continue;
      }
      for (FileStat entry : entries) {
        if (entry.name().startsWith(".") && !showHidden) {
          continue;
        }
        if ((last || entry.isDirectory()) && regex.matcher(entry.name()).matches()) {
          next.add(prefix + entry.name());
        }
      }
    }
    return next;
  }

  /** A regular expression for one path component; inactive characters match themselves. */
  static Pattern toRegex(String component, BitSet active) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (!active.get(i)) {
        re.append(Pattern.quote(String.valueOf(c)));
      } else if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int close = component.indexOf(']', i + 2);
        if (close < 0) {
          re.append("\\[");
          continue;
        }
        String set = component.substring(i + 1, close);
        if (set.startsWith("!") || set.startsWith("^")) {
          set = "^" + set.substring(1);
        }
        re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
        i = close;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Whether {@code text} matches a shell pattern (all characters active), as {@code ${x%pat}} uses. */
  static boolean matches(String pattern, String text) {
    BitSet all = new BitSet();
    all.set(0, pattern.length());
    return toRegex(pattern, all).matcher(text).matches();
  }
}
