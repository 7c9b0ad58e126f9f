package io.mirage4j.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple command line into words, honouring single quotes, double quotes and backslash
 * escapes as bash does. Operators ({@code | & ; < > ( )}) are refused until the full parser lands.
 */
final class WordSplitter {
  private static final String OPERATORS = "|&;<>()";

  private final String line;
  private int pos;

  private WordSplitter(String line) {
    this.line = line;
  }

  static List<String> split(String line) {
    return new WordSplitter(line).words();
  }

  private List<String> words() {
    List<String> words = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (pos >= line.length() || line.charAt(pos) == '#') {
        return words;
      }
      words.add(word());
    }
  }

  private void skipBlanks() {
    while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
      pos++;
    }
  }

  private String word() {
    StringBuilder word = new StringBuilder();
    while (pos < line.length()) {
      char c = line.charAt(pos);
      if (Character.isWhitespace(c)) {
        break;
      }
      if (OPERATORS.indexOf(c) >= 0) {
        throw new ShellSyntaxException(String.valueOf(c));
      }
      pos++;
      switch (c) {
        case '\'' -> singleQuoted(word);
        case '"' -> doubleQuoted(word);
        case '\\' -> escaped(word);
        default -> word.append(c);
      }
    }
    return word.toString();
  }

  private void singleQuoted(StringBuilder word) {
    int end = line.indexOf('\'', pos);
    if (end < 0) {
      throw new ShellSyntaxException(line.substring(pos - 1));
    }
    word.append(line, pos, end);
    pos = end + 1;
  }

  private void doubleQuoted(StringBuilder word) {
    int start = pos - 1;
    while (pos < line.length()) {
      char c = line.charAt(pos++);
      if (c == '"') {
        return;
      }
      if (c == '\\' && pos < line.length() && "$`\"\\\n".indexOf(line.charAt(pos)) >= 0) {
        char next = line.charAt(pos++);
        if (next != '\n') {
          word.append(next);
        }
      } else {
        word.append(c);
      }
    }
    throw new ShellSyntaxException(line.substring(start));
  }

  private void escaped(StringBuilder word) {
    if (pos < line.length()) {
      char next = line.charAt(pos++);
      if (next != '\n') {
        word.append(next);
      }
    }
  }
}
