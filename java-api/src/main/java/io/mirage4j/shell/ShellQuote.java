package io.mirage4j.shell;

import java.nio.charset.StandardCharsets;

/**
 * A string quoted so that bash reads it back as the same word, as {@code printf %q} quotes it:
 * {@code ''} for the empty string, {@code $'…'} when it holds a control character, else a
 * backslash before each character the shell would treat specially ({@code a\ b}, {@code it\'s},
 * {@code \~a}). {@link #declared} quotes a value as {@code declare -p} prints it.
 *
 * <pre>{@code
 * ShellQuote.of("it's a b");   // it\'s\ a\ b
 * ShellQuote.of("a\tb");       // $'a\tb'
 * ShellQuote.declared("a\"b"); // "a\"b"
 * }</pre>
 */
public final class ShellQuote {
  /** Characters that take a backslash anywhere in the word. */
  private static final String SPECIAL = " \t\n'\"\\|&;()<>!{}*[?]^$`,";

  private ShellQuote() {}

  /** {@code s} as {@code printf %q} prints it. */
  public static String of(String s) {
    if (s.isEmpty()) {
      return "''";
    }
    if (s.codePoints().anyMatch(ShellQuote::isControl)) {
      return ansiC(s);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (SPECIAL.indexOf(c) >= 0 || i == 0 && (c == '~' || c == '#')) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * {@code s} as {@code declare -p} prints a value: in double quotes with {@code \ " $ `}
   * escaped, or {@code $'…'} when it holds a control character.
   */
  public static String declared(String s) {
    if (s.codePoints().anyMatch(ShellQuote::isControl)) {
      return ansiC(s);
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '"' || c == '$' || c == '`') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  private static boolean isControl(int cp) {
    return cp < 0x20 || cp >= 0x7f && cp < 0xa0;
  }

  /** {@code $'…'} with C escapes for control characters and octal for the rest of them. */
  private static String ansiC(String s) {
    StringBuilder sb = new StringBuilder("$'");
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case 0x1b -> sb.append("\\E");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        default -> {
          if (isControl(cp)) {
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
              sb.append(String.format("\\%03o", b & 0xff));
            }
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.append('\'').toString();
  }
}
