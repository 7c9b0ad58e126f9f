package io.mirage4j.python;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session's environment as {@code execve} would hand it to a real {@code python3}: C strings,
 * so each name and value ends at its first NUL; and bytes, so a UTF-16 surrogate without its
 * partner becomes {@code ?}, as Java encodes it for a child process. A name left empty or holding
 * {@code =} cannot be a variable and is dropped. Used by the {@code python3} builtin to build
 * {@link PythonRun#env()}; not part of the stable API.
 *
 * <pre>{@code
 * ProcessEnvironment.of(Map.of("A", "x\0y", "B=C", "d")); // {A=x}
 * }</pre>
 */
public final class ProcessEnvironment {
  private ProcessEnvironment() {}

  public static Map<String, String> of(Map<String, String> env) {
    Map<String, String> passed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = cString(e.getKey());
      if (!name.isEmpty() && name.indexOf('=') < 0) {
        passed.put(name, cString(e.getValue()));
      }
    }
    return passed;
  }

  /** Cut at the first NUL, as C reads it; a lone surrogate becomes {@code ?}, as UTF-8 cannot hold it. */
  private static String cString(String s) {
    int nul = s.indexOf('\0');
    String cut = nul < 0 ? s : s.substring(0, nul);
    return new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

}
