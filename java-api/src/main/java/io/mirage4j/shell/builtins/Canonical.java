package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.ResourceException;
import java.util.ArrayList;
import java.util.List;

/**
 * A path made absolute, with {@code .}, {@code ..} and repeated slashes resolved one component at
 * a time, the way {@code realpath} and {@code readlink -f} do it (the workspace has no symbolic
 * links): each component must exist ({@link Need#ALL}), each but the last ({@link
 * Need#ALL_BUT_LAST}), or none ({@link Need#NONE}).
 */
final class Canonical {

  /** Which components must exist. */
  enum Need { ALL, ALL_BUT_LAST, NONE }

  /** A component that is missing or not a directory; the message is the errno's. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private Canonical() {}

  static String of(Tool t, String path, Need need) throws Failure {
    if (path.isEmpty()) {
      throw new Failure("No such file or directory");
    }
    List<String> parts = new ArrayList<>();
    if (!path.startsWith("/")) {
      for (String p : t.state().cwd().split("/")) {
        if (!p.isEmpty()) {
          parts.add(p);
        }
      }
    }
    String[] components = path.split("/");
    int last = components.length - 1;
    while (last >= 0 && (components[last].isEmpty())) {
      last--;
    }
    boolean trailingSlash = path.endsWith("/");
    for (int i = 0; i < components.length; i++) {
      String c = components[i];
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(c);
      boolean isLast = i >= last;
      boolean mustExist = need == Need.ALL || need == Need.ALL_BUT_LAST && !isLast;
      boolean mustBeDirectory = !isLast || trailingSlash;
      if (need == Need.NONE) {
        continue;
      }
      FileStat stat = stat(t, parts);
      if (stat == null) {
        if (mustExist) {
          throw new Failure("No such file or directory");
        }
        if (!isLast) {
          throw new Failure("No such file or directory");
        }
      } else if (mustBeDirectory && !stat.isDirectory()) {
        throw new Failure("Not a directory");
      }
    }
    return "/" + String.join("/", parts);
  }

  private static FileStat stat(Tool t, List<String> parts) {
    try {
      return t.fs().stat("/" + String.join("/", parts));
    } catch (ResourceException e) {
      return null;
    }
  }

  /** {@code path} relative to the directory {@code base}, both absolute and canonical. */
  static String relative(String path, String base) {
    List<String> p = split(path);
    List<String> b = split(base);
    int common = 0;
    while (common < p.size() && common < b.size() && p.get(common).equals(b.get(common))) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < b.size(); i++) {
      out.add("..");
    }
    out.addAll(p.subList(common, p.size()));
    return out.isEmpty() ? "." : String.join("/", out);
  }

  /** Whether {@code path} is {@code base} or below it. */
  static boolean under(String path, String base) {
    return base.equals("/") || path.equals(base) || path.startsWith(base + "/");
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        parts.add(s);
      }
    }
    return parts;
  }
}
