package io.mirage4j.shell.builtins.awk;

import java.util.Set;

/**
 * Splits an awk program into tokens. Newlines are tokens (they end statements); a {@code /}
 * starts a regular expression only where the parser expects an operand, so the parser asks for
 * one with {@link #regex}.
 */
final class Lexer {
  enum Kind { NEWLINE, EOF, NUMBER, STRING, ERE, NAME, FUNC_NAME, BUILTIN, KEYWORD, PUNCT }

  /** One token: its kind, its text (the operator, name or string value) and its line. */
  record Token(Kind kind, String text, double number, int line, int start, int end) {
    boolean is(String s) {
      return (kind == Kind.PUNCT || kind == Kind.KEYWORD) && text.equals(s);
    }
  }

  /** A program awk cannot read. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;

    SyntaxError(int line, String near) {
      super(near, null, false, false);
      this.line = line;
    }
  }

  static final Set<String> KEYWORDS = Set.of("BEGIN", "END", "function", "func", "if", "else", "while", "for", "do",
      "break", "continue", "next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf");
  static final Set<String> BUILTINS = Set.of("length", "substr", "index", "split", "sub", "gsub", "match", "sprintf",
      "sin", "cos", "atan2", "exp", "log", "sqrt", "int", "rand", "srand", "tolower", "toupper", "system", "close",
      "fflush");
  private static final String[] PUNCTS = {"**=", "...", "&&", "||", "==", "<=", ">=", "!=", "++", "--", "+=", "-=",
      "*=", "/=", "%=", "^=", ">>", "!~", "**", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!",
      ">", "<", "|", "?", ":", "~", "$", "="};

  private final String src;
  private int pos;
  private int line = 1;

  Lexer(String src) {
    this.src = src;
  }

  int line() {
    return line;
  }

  Token next() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
        line++;
      } else if (c == '\\' && pos + 2 < src.length() && src.charAt(pos + 1) == '\r' && src.charAt(pos + 2) == '\n') {
        pos += 3;
        line++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        break;
      }
    }
    int start = pos;
    if (pos >= src.length()) {
      return new Token(Kind.EOF, "end of file", 0, line, start, pos);
    }
    char c = src.charAt(pos);
    if (c == '\n') {
      pos++;
      line++;
      return new Token(Kind.NEWLINE, "\n", 0, line - 1, start, pos);
    }
    if (c == '"') {
      return string(start);
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      String word = src.substring(start, pos);
      if (KEYWORDS.contains(word)) {
        return new Token(Kind.KEYWORD, word.equals("func") ? "function" : word, 0, line, start, pos);
      }
      if (BUILTINS.contains(word)) {
        return new Token(Kind.BUILTIN, word, 0, line, start, pos);
      }
      boolean call = pos < src.length() && src.charAt(pos) == '(';
      return new Token(call ? Kind.FUNC_NAME : Kind.NAME, word, 0, line, start, pos);
    }
    for (String p : PUNCTS) {
      if (src.startsWith(p, pos)) {
        pos += p.length();
        String text = p.equals("**") ? "^" : p.equals("**=") ? "^=" : p;
        return new Token(Kind.PUNCT, text, 0, line, start, pos);
      }
    }
    throw new SyntaxError(line, String.valueOf(c));
  }

  private Token number(int start) {
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos < src.length() && src.charAt(pos) == '.') {
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    String text = src.substring(start, pos);
    return new Token(Kind.NUMBER, text, Double.parseDouble(text), line, start, pos);
  }

  private Token string(int start) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new SyntaxError(line, "runaway string constant \"" + sb);
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c != '\\' || pos >= src.length()) {
        sb.append(c);
        continue;
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'f' -> sb.append('\f');
        case 'b' -> sb.append('\b');
        case 'v' -> sb.append('\u000b');
        case 'a' -> sb.append('\u0007');
        case '"', '\\', '/' -> sb.append(e);
        case '\n' -> line++;
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int k = 0; k < 2 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; k++) {
              v = v * 8 + src.charAt(pos++) - '0';
            }
            sb.append((char) v);
          } else {
            sb.append('\\').append(e);
          }
        }
      }
    }
    return new Token(Kind.STRING, sb.toString(), 0, line, start, pos);
  }

  /** The regular expression that starts just after the {@code /} at {@code slash}. */
  Token regex(int slash) {
    pos = slash + 1;
    StringBuilder sb = new StringBuilder();
    boolean inBracket = false;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new SyntaxError(line, "runaway regular expression /" + sb);
      }
      char c = src.charAt(pos++);
      if (c == '/' && !inBracket) {
        break;
      }
      if (c == '\\' && pos < src.length()) {
        char e = src.charAt(pos++);
        if (e == '/') {
          sb.append('/');
        } else {
          sb.append('\\').append(e);
        }
        continue;
      }
      if (c == '[' && !inBracket) {
        inBracket = true;
        sb.append(c);
        if (pos < src.length() && src.charAt(pos) == '^') {
          sb.append(src.charAt(pos++));
        }
        if (pos < src.length() && src.charAt(pos) == ']') {
          sb.append(src.charAt(pos++));
        }
        continue;
      }
      if (c == '[' && inBracket && pos < src.length() && src.charAt(pos) == ':') {
        int close = src.indexOf(":]", pos);
        if (close > 0) {
          sb.append(src, pos - 1, close + 2);
          pos = close + 2;
          continue;
        }
      }
      if (c == ']' && inBracket) {
        inBracket = false;
      }
      sb.append(c);
    }
    return new Token(Kind.ERE, sb.toString(), 0, line, slash, pos);
  }
}
