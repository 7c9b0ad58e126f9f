package io.mirage4j.shell.builtins;

/**
 * File names in messages, quoted the way coreutils quotes them in a UTF-8 locale: {@link #name}
 * only when the shell would need it ({@code cat: 'a b': No such file or directory}), {@link
 * #always} always ({@code rm: cannot remove 'x': …}), both in shell syntax ({@code "a'b"}, {@code
 * 'a'$'\n''b'}); {@link #plain} between the UTF-8 quotation marks coreutils uses in a UTF-8
 * locale, with backslash escapes ({@code invalid number of lines: ‘x’}).
 */
final class Quote {
  private static final String SHELL_SPECIAL = " !\"$&'()*;<=>?[\\^`|";

  private Quote() {}

  /** Quoted only if needed, with {@code :} needing it too (coreutils' {@code quotef}). */
  static String name(String s) {
    return needsQuoting(s) ? always(s) : s;
  }

  /** Always quoted (coreutils' {@code quoteaf}). */
  static String always(String s) {
    boolean hasSingle = s.indexOf('\'') >= 0;
    if (hasSingle && s.codePoints().allMatch(Quote::doubleQuoteSafe)) {
      return "\"" + s + "\"";
    }
    StringBuilder sb = new StringBuilder("'");
    boolean escaping = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isControl(cp)) {
        if (!escaping) {
          sb.append("'$'");
          escaping = true;
        }
        sb.append(controlEscape(cp));
        continue;
      }
      if (escaping) {
        sb.append("''");
        escaping = false;
      }
      if (cp == '\'') {
        sb.append("'\\''");
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.append('\'').toString();
  }

  /** In {@code ‘…’} with C escapes for {@code \} and control characters (coreutils' {@code quote}). */
  static String plain(String s) {
    StringBuilder sb = new StringBuilder("\u2018");
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\\') {
        sb.append("\\\\");
      } else if (isControl(cp)) {
        sb.append(controlEscape(cp));
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.append('\u2019').toString();
  }

  private static boolean needsQuoting(String s) {
    if (s.isEmpty()) {
      return true;
    }
    if (s.charAt(0) == '#' || s.charAt(0) == '~') {
      return true;
    }
    if (s.equals("{") || s.equals("}")) {
      return true;
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == ':' || SHELL_SPECIAL.indexOf(cp) >= 0 || isControl(cp)) {
        return true;
      }
    }
    return false;
  }

  private static boolean doubleQuoteSafe(int cp) {
    return cp < 0x80 && (Character.isLetterOrDigit(cp) || "%+,-./:]_ '".indexOf(cp) >= 0);
  }

  private static boolean isControl(int cp) {
    return cp < 0x20 || cp == 0x7f || cp >= 0x80 && cp < 0xa0;
  }

  private static String controlEscape(int cp) {
    return switch (cp) {
      case 7 -> "\\a";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case 11 -> "\\v";
      default -> cp < 0x80
          ? String.format("\\%03o", cp)
          : String.format("\\%03o\\%03o", 0xc0 | cp >> 6, 0x80 | cp & 0x3f);
    };
  }
}
