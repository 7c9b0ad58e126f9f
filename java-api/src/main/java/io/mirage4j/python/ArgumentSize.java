package io.mirage4j.python;

import java.util.List;
import java.util.Map;

/**
 * The size of a call's command line and environment, counted as Linux counts them for {@code
 * execve}: each string's UTF-8 bytes and its terminating NUL, the environment as {@code NAME=value}.
 * Used by {@link PythonRun} to refuse a call larger than {@link #MAX_BYTES}, as Linux would; not
 * part of the stable API.
 *
 * <pre>{@code
 * ArgumentSize.of("python3", new PythonProgram.Command("print(1)"), List.of("-c"), Map.of("HOME", "/data"));
 * // 31: "python3", "print(1)", "-c" and "HOME=/data", each with its NUL
 * }</pre>
 */
public final class ArgumentSize {
  /**
   * The most a call may take: 2 MiB, Linux's {@code ARG_MAX} under the default 8 MiB stack limit.
   * Even with every byte escaped six-fold as JSON, a call this size fits the 16 MiB message the
   * Node side accepts.
   */
  public static final int MAX_BYTES = 2 << 20;

  private ArgumentSize() {}

  /** The bytes {@code program}, {@code argv} and {@code env} take as a process's arguments. */
  public static long of(String label, PythonProgram program, List<String> argv, Map<String, String> env) {
    long size = utf8(label) + 1;
    if (program instanceof PythonProgram.Command c) {
      size += utf8(c.code()) + 1;
    } else if (program instanceof PythonProgram.Cell c) {
      size += utf8(c.code()) + 1;
    } else if (program instanceof PythonProgram.Module m) {
      size += utf8(m.name()) + 1;
    }
    for (String arg : argv) {
      size += utf8(arg) + 1;
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      size += utf8(e.getKey()) + 1 + utf8(e.getValue()) + 1;
    }
    return size;
  }

  /** UTF-8 length without encoding; a lone surrogate counts as the three bytes it would take. */
  private static long utf8(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
