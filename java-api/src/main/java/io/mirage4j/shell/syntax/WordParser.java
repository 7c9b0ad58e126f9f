package io.mirage4j.shell.syntax;

import io.mirage4j.shell.ShellSyntaxException;
import io.mirage4j.shell.syntax.Ast.Part;
import io.mirage4j.shell.syntax.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one word: quotes, backslash escapes, {@code $NAME}, {@code ${…}}, {@code $(…)}, backquotes
 * and {@code $((…))}. Also parses here-document bodies, where only {@code $}, backquote and
 * backslash are special.
 */
final class WordParser {
  private static final String WORD_END = " \t\n;&|<>()";
  private static final String SPECIAL_PARAMS = "?#@*$!0-";

  private final String src;
  private int pos;
  /** How deeply the word itself is nested (see {@link Parser#MAX_NESTING}). */
  private int depth;

  WordParser(String src, int pos, int depth) {
    this.src = src;
    this.pos = pos;
    this.depth = depth;
  }

  int position() {
    return pos;
  }

  /** A word, up to the first unquoted blank or operator character. */
  Word word() {
    Parts parts = new Parts();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (WORD_END.indexOf(c) >= 0) {
        break;
      }
      unquotedChar(parts, c);
    }
    return parts.word();
  }

  /** The body of an unquoted here-document. */
  static Word heredocBody(String body, int depth) {
    WordParser p = new WordParser(body, 0, depth);
    Parts parts = new Parts();
    while (p.pos < body.length()) {
      char c = body.charAt(p.pos);
      if (c == '\\' && p.pos + 1 < body.length() && "$`\\\n".indexOf(body.charAt(p.pos + 1)) >= 0) {
        char next = body.charAt(p.pos + 1);
        p.pos += 2;
        if (next != '\n') {
          parts.quoted(String.valueOf(next));
        }
      } else if (c == '$' || c == '`') {
        p.expansion(parts, true);
      } else {
        parts.quoted(String.valueOf(c));
        p.pos++;
      }
    }
    return parts.word();
  }

  /** One character (or construct starting there) outside quotes. */
  private void unquotedChar(Parts parts, char c) {
    switch (c) {
      case '\'' -> parts.quoted(singleQuoted());
      case '"' -> parts.add(new Ast.DoubleQuoted(doubleQuoted()));
      case '\\' -> {
        if (pos + 1 >= src.length()) {
          pos++;
          parts.quoted("\\");
        } else {
          char next = src.charAt(pos + 1);
          pos += 2;
          if (next != '\n') {
            parts.quoted(String.valueOf(next));
          }
        }
      }
      case '$', '`' -> expansion(parts, false);
      default -> {
        parts.literal(String.valueOf(c));
        pos++;
      }
    }
  }

  private String singleQuoted() {
    int end = src.indexOf('\'', pos + 1);
    if (end < 0) {
      throw new ShellSyntaxException(src.substring(pos));
    }
    String text = src.substring(pos + 1, end);
    pos = end + 1;
    return text;
  }

  private List<Part> doubleQuoted() {
    int start = pos;
    pos++;
    Parts parts = new Parts();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        return parts.list();
      }
      if (c == '\\' && pos + 1 < src.length() && "$`\"\\\n".indexOf(src.charAt(pos + 1)) >= 0) {
        char next = src.charAt(pos + 1);
        pos += 2;
        if (next != '\n') {
          parts.quoted(String.valueOf(next));
        }
      } else if (c == '$' || c == '`') {
        expansion(parts, true);
      } else {
        parts.quoted(String.valueOf(c));
        pos++;
      }
    }
    throw new ShellSyntaxException(src.substring(start));
  }

  /** {@code $…} or a backquote at the cursor. */
  private void expansion(Parts parts, boolean quoted) {
    if (src.charAt(pos) == '`') {
      parts.add(new Ast.CommandSub(Parser.parse(backquoted(), depth + 1)));
      return;
    }
    if (src.startsWith("$((", pos)) {
      parts.add(arithmetic());
    } else if (src.startsWith("$(", pos)) {
      parts.add(new Ast.CommandSub(commandSubstitution()));
    } else if (src.startsWith("${", pos)) {
      parts.add(braced());
    } else if (!quoted && src.startsWith("$'", pos)) {
      pos++;
      parts.quoted(ansiC());
    } else if (pos + 1 < src.length() && isNameStart(src.charAt(pos + 1))) {
      int start = ++pos;
      while (pos < src.length() && isNameChar(src.charAt(pos))) {
        pos++;
      }
      parts.add(new Ast.Param(src.substring(start, pos), "", null));
    } else if (pos + 1 < src.length()
        && (Character.isDigit(src.charAt(pos + 1)) || SPECIAL_PARAMS.indexOf(src.charAt(pos + 1)) >= 0)) {
      parts.add(new Ast.Param(String.valueOf(src.charAt(pos + 1)), "", null));
      pos += 2;
    } else {
      pos++;
      if (quoted) {
        parts.quoted("$");
      } else {
        parts.literal("$");
      }
    }
  }

  private String backquoted() {
    int start = pos;
    pos++;
    StringBuilder inner = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '`') {
        pos++;
        return inner.toString();
      }
      if (c == '\\' && pos + 1 < src.length() && "$`\\".indexOf(src.charAt(pos + 1)) >= 0) {
        inner.append(src.charAt(pos + 1));
        pos += 2;
      } else {
        inner.append(c);
        pos++;
      }
    }
    throw new ShellSyntaxException(src.substring(start));
  }

  private Ast.Script commandSubstitution() {
    int start = pos;
    int end = matchingParen(pos + 1);
    if (end < 0) {
      throw new ShellSyntaxException(src.substring(start));
    }
    pos = end + 1;
    return Parser.parse(src.substring(start + 2, end), depth + 1);
  }

  /** The index of the {@code )} closing the {@code (} at {@code open}, skipping quoted text. */
  private int matchingParen(int open) {
    int depth = 0;
    for (int i = open; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        i = src.indexOf('\'', i + 1);
        if (i < 0) {
          return -1;
        }
      } else if (c == '"') {
        i = closingDoubleQuote(i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private int closingDoubleQuote(int open) {
    for (int i = open + 1; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private Part arithmetic() {
    int start = pos;
    int end = matchingParen(pos + 1);
    if (end < 0 || src.charAt(end - 1) != ')') {
      throw new ShellSyntaxException(src.substring(start));
    }
    String expression = src.substring(start + 3, end - 1);
    pos = end + 1;
    Parser.checkNesting(depth + 1, src, start);
    return new Ast.Arith(heredocBody(expression, depth + 1));
  }

  private Part braced() {
    Parser.checkNesting(++depth, src, pos);
    try {
      return unnestedBraced();
    } finally {
      depth--;
    }
  }

  private Part unnestedBraced() {
    int start = pos;
    pos += 2;
    String name;
    if (src.startsWith("!", pos) && pos + 1 < src.length() && isNameStart(src.charAt(pos + 1))) {
      pos++;
      name = paramName(start);
      if (pos + 1 < src.length() && (src.charAt(pos) == '*' || src.charAt(pos) == '@') && src.charAt(pos + 1) == '}') {
        Word all = new Word(List.of(new Ast.Literal(src.substring(pos, pos + 1))));
        pos++;
        expectClose(start);
        return new Ast.Param(name, "!prefix", null, all);
      }
      Word index = subscript(name, start);
      expectClose(start);
      return new Ast.Param(name, "!", null, index);
    }
    if (src.startsWith("#}", pos)) {
      name = "#";
      pos++;
    } else if (pos < src.length() && src.charAt(pos) == '#' && pos + 1 < src.length() && src.charAt(pos + 1) != '}') {
      pos++;
      name = paramName(start);
      Word index = subscript(name, start);
      expectClose(start);
      return new Ast.Param(name, "#", null, index);
    } else {
      name = paramName(start);
    }
    Word index = subscript(name, start);
    if (src.startsWith("}", pos)) {
      pos++;
      return new Ast.Param(name, "", null, index);
    }
    String op = null;
    for (String candidate : List.of(":-", ":=", ":+", ":?", "%%", "##", "//", "/#", "/%", "^^", ",,", "-", "=", "+",
        "?", "%", "#", "/", "^", ",", ":")) {
      if (src.startsWith(candidate, pos)) {
        op = candidate;
        break;
      }
    }
    if (op == null) {
      throw new ShellSyntaxException(src.substring(start, Math.min(src.length(), src.indexOf('}', pos) + 1)));
    }
    pos += op.length();
    if (op.startsWith("/")) {
      Word pattern = paramWord(start, '/');
      Word replacement = null;
      if (src.startsWith("/", pos)) {
        pos++;
        replacement = paramWord(start, '}');
      }
      expectClose(start);
      return new Ast.Param(name, op, pattern, index, replacement);
    }
    Word arg = paramWord(start);
    return new Ast.Param(name, op.equals("#") ? "#p" : op, arg, index);
  }

  /** The text between the brackets of a subscript as a word: expansions and quotes work, blanks are literal. */
  static Word subscriptWord(String text, int depth) {
    WordParser inner = new WordParser(text, 0, depth + 1);
    Parts parts = new Parts();
    while (inner.pos < inner.src.length()) {
      char c = inner.src.charAt(inner.pos);
      if (WORD_END.indexOf(c) >= 0) {
        parts.literal(String.valueOf(c));
        inner.pos++;
      } else {
        inner.unquotedChar(parts, c);
      }
    }
    return parts.word();
  }

  /** {@code [subscript]} after a variable's name inside {@code ${…}}, or null when there is none. */
  private Word subscript(String name, int start) {
    if (pos >= src.length() || src.charAt(pos) != '[' || !isNameStart(name.charAt(0))) {
      return null;
    }
    int open = 0;
    int end = pos;
    for (; end < src.length(); end++) {
      char c = src.charAt(end);
      if (c == '\\') {
        end++;
      } else if (c == '[') {
        open++;
      } else if (c == ']' && --open == 0) {
        break;
      }
    }
    if (end >= src.length()) {
      throw new ShellSyntaxException(src.substring(start));
    }
    Word w = subscriptWord(src.substring(pos + 1, end), depth);
    pos = end + 1;
    return w;
  }

  private String paramName(int start) {
    int nameStart = pos;
    if (pos < src.length() && (Character.isDigit(src.charAt(pos)) || SPECIAL_PARAMS.indexOf(src.charAt(pos)) >= 0)) {
      pos++;
    } else {
      while (pos < src.length() && isNameChar(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos == nameStart) {
      int close = src.indexOf('}', pos);
      throw new ShellSyntaxException(close < 0 ? src.substring(start) : src.substring(start, close + 1));
    }
    return src.substring(nameStart, pos);
  }

  private void expectClose(int start) {
    if (!src.startsWith("}", pos)) {
      throw new ShellSyntaxException(src.substring(start));
    }
    pos++;
  }

  /** The word after a {@code ${NAME op} operator, up to the closing brace; blanks are literal. */
  private Word paramWord(int start) {
    Word w = paramWord(start, '}');
    expectClose(start);
    return w;
  }

  /** The word after an operator, up to the closing brace or an unquoted {@code stop}. */
  private Word paramWord(int start, char stop) {
    Parts parts = new Parts();
    while (pos < src.length() && src.charAt(pos) != '}' && src.charAt(pos) != stop) {
      char c = src.charAt(pos);
      if (" \t\n;&|<>()".indexOf(c) >= 0) {
        parts.literal(String.valueOf(c));
        pos++;
      } else {
        unquotedChar(parts, c);
      }
    }
    return parts.word();
  }

  /** {@code $'…'} with C escapes; the cursor is on the quote. */
  private String ansiC() {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '\'') {
        return sb.toString();
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
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'e', 'E' -> sb.append('\u001b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000b');
        case 'x' -> sb.append((char) number(16, 2, 0));
        case 'u' -> sb.appendCodePoint(number(16, 4, '\\'));
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          pos--;
          sb.append((char) number(8, 3, 0));
        }
        case '\\', '\'', '"', '?' -> sb.append(e);
        default -> sb.append('\\').append(e);
      }
    }
    throw new ShellSyntaxException(src.substring(start - 1));
  }

  /** Up to {@code maxDigits} digits of {@code radix} at the cursor; none gives {@code fallback}. */
  private int number(int radix, int maxDigits, int fallback) {
    int start = pos;
    while (pos < src.length() && pos - start < maxDigits && Character.digit(src.charAt(pos), radix) >= 0) {
      pos++;
    }
    return pos == start ? fallback : Integer.parseInt(src.substring(start, pos), radix);
  }

  private static boolean isNameStart(char c) {
    return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || c >= '0' && c <= '9';
  }

  /** Collects parts, merging neighbouring literal or quoted text (in linear time, for long words). */
  private static final class Parts {
    private final List<Part> parts = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    /** Whether {@link #text} holds a part still to add (it may be empty: {@code ''}). */
    private boolean pending;
    /** Whether {@link #text} is literal (unquoted) or quoted text. */
    private boolean textIsLiteral;

    void literal(String s) {
      text(s, true);
    }

    void quoted(String s) {
      text(s, false);
    }

    private void text(String s, boolean literal) {
      if (pending && textIsLiteral != literal) {
        flush();
      }
      pending = true;
      textIsLiteral = literal;
      text.append(s);
    }

    void add(Part part) {
      flush();
      parts.add(part);
    }

    List<Part> list() {
      flush();
      return parts;
    }

    Word word() {
      return new Word(list());
    }

    private void flush() {
      if (pending) {
        parts.add(textIsLiteral ? new Ast.Literal(text.toString()) : new Ast.Quoted(text.toString()));
        text.setLength(0);
        pending = false;
      }
    }
  }
}
