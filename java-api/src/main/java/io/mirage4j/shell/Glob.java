package io.mirage4j.shell;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

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
      if (isPatternCharacter(text.charAt(i)) && active.get(i)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} has a pattern character, active or not. */
  static boolean hasPatternCharacter(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
  }

  private static boolean isPatternCharacter(char c) {
    return c == '*' || c == '?' || c == '[';
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
    GlobPattern matcher = GlobPattern.compile(component, active);
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
        if ((last || entry.isDirectory()) && matcher.matches(entry.name())) {
          next.add(prefix + entry.name());
        }
      }
    }
    return next;
  }
}
