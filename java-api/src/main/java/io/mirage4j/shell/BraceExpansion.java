package io.mirage4j.shell;

import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Ast.Part;
import io.mirage4j.shell.syntax.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brace expansion, the first of bash's expansions: {@code a{b,c}d} is {@code abd acd}, {@code
 * {1..5}}, {@code {a..e}}, {@code {01..10}} and {@code {1..10..2}} are sequences, and braces nest.
 * Only unquoted braces and commas count; what was quoted or comes from a parameter is left alone.
 * A brace without its partner, or without a comma or a valid sequence inside, stays as it is.
 */
final class BraceExpansion {
  /** The most words one word may expand to; beyond it the expansion fails rather than filling the memory. */
  static final int MAX_WORDS = 1_000_000;

  private static final Pattern NUMBERS = Pattern.compile("([-+]?[0-9]+)\\.\\.([-+]?[0-9]+)(?:\\.\\.([-+]?[0-9]+))?");
  private static final Pattern LETTERS = Pattern.compile("([A-Za-z])\\.\\.([A-Za-z])(?:\\.\\.([-+]?[0-9]+))?");

  /** One unit of a word: an unquoted character ({@code part} null) or a whole other part. */
  private record Unit(char c, Part part) {
    boolean is(char x) {
      return part == null && c == x;
    }
  }

  private BraceExpansion() {}

  /** The words {@code words} expand to, in order: the same list when none has a brace expansion. */
  static List<Word> expandAll(List<Word> words) {
    List<Word> out = null;
    for (int i = 0; i < words.size(); i++) {
      Word word = words.get(i);
      if (!mayExpand(word)) {
        if (out != null) {
          out.add(word);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(words.subList(0, i));
      }
      out.addAll(expand(word));
    }
    return out == null ? words : out;
  }

  /** Whether the word has an unquoted brace, without which it expands to itself. */
  private static boolean mayExpand(Word word) {
    List<Part> parts = word.parts();
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof Ast.Literal l && l.text().indexOf('{') >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The words {@code word} expands to: itself alone when it has no brace expansion. */
  static List<Word> expand(Word word) {
    if (!mayExpand(word)) {
      return List.of(word);
    }
    List<Unit> units = new ArrayList<>();
    for (Part p : word.parts()) {
      if (p instanceof Ast.Literal l) {
        for (int i = 0; i < l.text().length(); i++) {
          units.add(new Unit(l.text().charAt(i), null));
        }
      } else {
        units.add(new Unit('\0', p));
      }
    }
    List<Word> out = new ArrayList<>();
    for (List<Unit> expanded : expand(units)) {
      out.add(toWord(expanded));
    }
    return out;
  }

  private static List<List<Unit>> expand(List<Unit> units) {
    for (int open = 0; open < units.size(); open++) {
      if (!units.get(open).is('{')) {
        continue;
      }
      int close = -1;
      int depth = 0;
      List<Integer> commas = new ArrayList<>();
      for (int i = open + 1; i < units.size(); i++) {
        Unit u = units.get(i);
        if (u.is('{')) {
          depth++;
        } else if (u.is('}')) {
          if (depth == 0) {
            close = i;
            break;
          }
          depth--;
        } else if (u.is(',') && depth == 0) {
          commas.add(i);
        }
      }
      if (close < 0) {
        return List.of(units);
      }
      List<List<Unit>> alternatives = new ArrayList<>();
      if (!commas.isEmpty()) {
        int from = open + 1;
        commas.add(close);
        for (int comma : commas) {
          alternatives.addAll(expand(units.subList(from, comma)));
          from = comma + 1;
        }
      } else {
        List<String> sequence = sequence(units.subList(open + 1, close));
        if (sequence == null) {
          continue;
        }
        for (String s : sequence) {
          List<Unit> alt = new ArrayList<>();
          for (int i = 0; i < s.length(); i++) {
            alt.add(new Unit(s.charAt(i), null));
          }
          alternatives.add(alt);
        }
      }
      List<List<Unit>> rest = expand(units.subList(close + 1, units.size()));
      if ((long) alternatives.size() * rest.size() > MAX_WORDS) {
        throw new Expander.ExpansionException("brace expansion: more than " + MAX_WORDS + " words");
      }
      List<List<Unit>> out = new ArrayList<>();
      for (List<Unit> alt : alternatives) {
        for (List<Unit> tail : rest) {
          List<Unit> w = new ArrayList<>(units.subList(0, open));
          w.addAll(alt);
          w.addAll(tail);
          out.add(w);
        }
      }
      return out;
    }
    return List.of(units);
  }

  /** The values of {@code 1..5}, {@code a..e}, {@code 01..10..2}, or null when it is not a sequence. */
  private static List<String> sequence(List<Unit> inner) {
    StringBuilder sb = new StringBuilder();
    for (Unit u : inner) {
      if (u.part() != null) {
        return null;
      }
      sb.append(u.c());
    }
    String text = sb.toString();
    Matcher n = NUMBERS.matcher(text);
    Matcher l = LETTERS.matcher(text);
    long from;
    long to;
    boolean letters = false;
    int width = 0;
    String step;
    if (n.matches()) {
      try {
        from = Long.parseLong(n.group(1));
        to = Long.parseLong(n.group(2));
      } catch (NumberFormatException e) {
        return null;
      }
      for (String end : List.of(n.group(1), n.group(2))) {
        String digits = end.replaceFirst("^[-+]", "");
        if (digits.length() > 1 && digits.startsWith("0")) {
          width = Math.max(n.group(1).length(), n.group(2).length());
        }
      }
      step = n.group(3);
    } else if (l.matches()) {
      from = l.group(1).charAt(0);
      to = l.group(2).charAt(0);
      letters = true;
      step = l.group(3);
    } else {
      return null;
    }
    long increment = step == null ? 1 : Math.abs(Long.parseLong(step));
    if (increment == 0) {
      increment = 1;
    }
    long count = Math.abs(to - from) / increment + 1;
    if (count > MAX_WORDS) {
      throw new Expander.ExpansionException("brace expansion: more than " + MAX_WORDS + " words");
    }
    List<String> out = new ArrayList<>();
    long direction = to >= from ? 1 : -1;
    for (long i = 0, v = from; i < count; i++, v += direction * increment) {
      out.add(letters ? String.valueOf((char) v) : pad(v, width));
    }
    return out;
  }

  private static String pad(long v, int width) {
    String digits = Long.toString(Math.abs(v));
    int zeros = width - digits.length() - (v < 0 ? 1 : 0);
    return (v < 0 ? "-" : "") + "0".repeat(Math.max(0, zeros)) + digits;
  }

  private static Word toWord(List<Unit> units) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (Unit u : units) {
      if (u.part() == null) {
        literal.append(u.c());
        continue;
      }
      if (literal.length() > 0) {
        parts.add(new Ast.Literal(literal.toString()));
        literal.setLength(0);
      }
      parts.add(u.part());
    }
    if (literal.length() > 0) {
      parts.add(new Ast.Literal(literal.toString()));
    }
    return new Word(parts);
  }
}
