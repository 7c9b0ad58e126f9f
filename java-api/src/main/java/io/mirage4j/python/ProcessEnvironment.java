package io.mirage4j.python;

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

  private static String cString(String s) {
    int nul = s.indexOf('\0');
    String cut = nul < 0 ? s : s.substring(0, nul);
    StringBuilder sb = null;
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
      if (paired) {
        if (sb != null) {
          sb.append(c).append(cut.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (sb == null) {
          sb = new StringBuilder(cut.substring(0, i));
        }
        sb.append('?');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? cut : sb.toString();
  }
}
