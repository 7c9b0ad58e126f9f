package io.mirage4j.fs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Pure functions over slash-separated path strings, the way a POSIX shell treats them. Used by the
 * workspace, the shell, the resources and the sidecar's mount bridge; not part of the stable API.
 *
 * <pre>{@code
 * PathNames.resolve("/data", "../etc/./x"); // "/etc/x"
 * PathNames.isWithin("/data/a", "/data");   // true
 * }</pre>
 */
public final class PathNames {
  private PathNames() {}

  /**
   * Resolves {@code path} against {@code cwd} and normalises the result: {@code "."} and empty
   * elements are dropped, {@code ".."} removes the element before it (never above {@code "/"}).
   */
  public static String resolve(String cwd, String path) {
    String joined = path.startsWith("/") ? path : cwd + "/" + path;
    return normalize(joined);
  }

  /** Normalises an absolute path; see {@link #resolve(String, String)}. */
  public static String normalize(String absolutePath) {
    if (!absolutePath.startsWith("/")) {
      throw new IllegalArgumentException("path is not absolute: " + absolutePath);
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : absolutePath.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** The parent of a normalised absolute path; {@code "/"} for {@code "/"}. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** The last element of a normalised absolute path; {@code ""} for {@code "/"}. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether {@code path} is {@code ancestor} or lies below it (both normalised). */
  public static boolean isWithin(String path, String ancestor) {
    return ancestor.equals("/")
        || path.equals(ancestor)
        || path.startsWith(ancestor) && path.charAt(ancestor.length()) == '/';
  }

  /** {@code child} joined under {@code dir}. */
  public static String child(String dir, String child) {
    return dir.equals("/") ? "/" + child : dir + "/" + child;
  }
}
