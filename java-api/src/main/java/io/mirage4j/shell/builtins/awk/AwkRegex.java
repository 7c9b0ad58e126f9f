package io.mirage4j.shell.builtins.awk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * POSIX extended regular expressions, as awk writes them, compiled to {@link Pattern}s (and
 * cached): bracket expressions with {@code [:alpha:]} classes, intervals, {@code .} matching any
 * character and {@code $} only at the very end, awk's escapes ({@code \/}, {@code \t}, {@code
 * \052}).
 */
final class AwkRegex {
  private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
      Map.entry("digit", "0-9"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
      Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s\\x0B"), Map.entry("blank", " \\t"),
      Map.entry("punct", "\\p{Punct}"), Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"),
      Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("xdigit", "0-9A-Fa-f"));

  /** An expression awk cannot compile; the message says why. */
  static final class BadRegex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRegex(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, Pattern> cache = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
      return size() > 500;
    }
  };

  Pattern compile(String ere) {
    Pattern p = cache.get(ere);
    if (p == null) {
      try {
        p = Pattern.compile(translate(ere), Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        throw new BadRegex("regular expression compile failed (" + e.getDescription() + ")\n" + ere);
      }
      cache.put(ere, p);
    }
    return p;
  }

  static String translate(String re) {
    StringBuilder sb = new StringBuilder();
    int n = re.length();
    for (int i = 0; i < n; i++) {
      char c = re.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= n) {
            sb.append("\\\\");
            break;
          }
          i = escape(re, i + 1, sb, false);
        }
        case '[' -> i = bracket(re, i, sb);
        case '$' -> sb.append("\\z");
        case '{' -> {
          int close = re.indexOf('}', i);
          if (close > 0 && re.substring(i + 1, close).matches("\\d+(,\\d*)?") && i > 0) {
            sb.append(re, i, close + 1);
            i = close;
          } else {
            sb.append("\\{");
          }
        }
        case '}' -> sb.append("\\}");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Appends the escape at {@code re[i]} (after a backslash); returns the index of its last char. */
  private static int escape(String re, int i, StringBuilder sb, boolean inBracket) {
    char c = re.charAt(i);
    switch (c) {
      case 'n' -> sb.append("\\n");
      case 't' -> sb.append("\\t");
      case 'r' -> sb.append("\\r");
      case 'f' -> sb.append("\\f");
      case 'v' -> sb.append("\\x0B");
      case 'a' -> sb.append("\\x07");
      case 'b' -> sb.append(inBracket ? "\\x08" : "\\x08");
      case 'y' -> sb.append("\\b");
      case '<', '>' -> sb.append("\\b");
      case '/', '"' -> sb.append(c);
      case 's', 'S', 'w', 'W', 'B' -> sb.append('\\').append(c);
      default -> {
        if (c >= '0' && c <= '7') {
          int j = i;
          int v = 0;
          while (j < re.length() && j < i + 3 && re.charAt(j) >= '0' && re.charAt(j) <= '7') {
            v = v * 8 + re.charAt(j++) - '0';
          }
          sb.append(String.format("\\x{%x}", v));
          return j - 1;
        }
        if (Character.isLetterOrDigit(c)) {
          sb.append(c);
        } else {
          sb.append('\\').append(c);
        }
      }
    }
    return i;
  }

  private static int bracket(String re, int start, StringBuilder sb) {
    int n = re.length();
    int i = start + 1;
    StringBuilder body = new StringBuilder("[");
    if (i < n && re.charAt(i) == '^') {
      body.append('^');
      i++;
    }
    boolean first = true;
    while (i < n) {
      char c = re.charAt(i);
      if (c == ']' && !first) {
        sb.append(body).append(']');
        return i;
      }
      first = false;
      if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
        int close = re.indexOf(":]", i + 2);
        if (close > 0) {
          String name = re.substring(i + 2, close);
          String cls = CLASSES.get(name);
          if (cls == null) {
            throw new BadRegex("invalid character class " + name);
          }
          body.append(cls);
          i = close + 2;
          continue;
        }
      }
      if (c == '\\' && i + 1 < n) {
        i = escape(re, i + 1, body, true) + 1;
        continue;
      }
      if ("[&~\\^".indexOf(c) >= 0 && !(c == '^' && body.length() == 1)) {
        body.append('\\');
      }
      body.append(c);
      i++;
    }
    throw new BadRegex("bad class -- [], [^] or [");
  }
}
