package io.mirage4j.shell;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A shell pattern ({@code *}, {@code ?}, {@code […]}), matched in time linear in the text for a
 * given pattern: no backtracking regular expression, so {@code *a*a*a…b} against a long name
 * answers at once. Characters that were quoted match only themselves; an active backslash makes
 * the next character literal. A bracket expression takes {@code !} or {@code ^} for negation,
 * ranges, {@code [:class:]} names and a {@code ]} right after the opening bracket; a {@code [}
 * without its {@code ]} is literal. Matching works on code points.
 */
final class GlobPattern {
  /** One element: a literal code point, any one code point, any run of code points, or a set. */
  private sealed interface Element permits Literal, AnyOne, AnyRun, CharSet {}

  private record Literal(int codePoint) implements Element {}

  private record AnyOne() implements Element {}

  private record AnyRun() implements Element {}

  private record CharSet(boolean negated, List<int[]> ranges, List<String> classes) implements Element {
    boolean contains(int cp) {
      boolean in = false;
      for (int[] r : ranges) {
        in |= cp >= r[0] && cp <= r[1];
      }
      for (String c : classes) {
        in |= inClass(c, cp);
      }
      return in != negated;
    }
  }

  private final Element[] elements;

  private GlobPattern(List<Element> elements) {
    this.elements = elements.toArray(new Element[0]);
  }

  /** The pattern {@code text}; only characters whose bit is set in {@code active} are special. */
  static GlobPattern compile(String text, BitSet active) {
    List<Element> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (!active.get(i)) {
        out.add(new Literal(cp));
      } else if (cp == '*') {
        if (out.isEmpty() || !(out.get(out.size() - 1) instanceof AnyRun)) {
          out.add(new AnyRun());
        }
      } else if (cp == '?') {
        out.add(new AnyOne());
      } else if (cp == '\\' && next < text.length()) {
        int escaped = text.codePointAt(next);
        out.add(new Literal(escaped));
        next += Character.charCount(escaped);
      } else if (cp == '[') {
        int end = bracket(text, next, out);
        if (end < 0) {
          out.add(new Literal('['));
        } else {
          next = end;
        }
      } else {
        out.add(new Literal(cp));
      }
      i = next;
    }
    return new GlobPattern(out);
  }

  /** A pattern whose every character is active, as {@code ${x%pattern}} of plain text uses. */
  static GlobPattern compile(String text) {
    BitSet all = new BitSet();
    all.set(0, text.length());
    return compile(text, all);
  }

  /**
   * Parses the bracket expression whose contents start at {@code from}, adds it to {@code out}
   * and returns the index after its {@code ]}; -1 (and nothing added) when it does not close.
   */
  private static int bracket(String text, int from, List<Element> out) {
    int i = from;
    boolean negated = i < text.length() && (text.charAt(i) == '!' || text.charAt(i) == '^');
    if (negated) {
      i++;
    }
    List<int[]> ranges = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    boolean first = true;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ']' && !first) {
        out.add(new CharSet(negated, ranges, classes));
        return i + 1;
      }
      first = false;
      if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
        int close = text.indexOf(":]", i + 2);
        if (close >= 0) {
          classes.add(text.substring(i + 2, close));
          i = close + 2;
          continue;
        }
      }
      int lo = text.codePointAt(i);
      if (lo == '\\' && i + 1 < text.length()) {
        i++;
        lo = text.codePointAt(i);
      }
      i += Character.charCount(lo);
      int hi = lo;
      if (i + 1 < text.length() && text.charAt(i) == '-' && text.charAt(i + 1) != ']') {
        i++;
        hi = text.codePointAt(i);
        if (hi == '\\' && i + 1 < text.length()) {
          i++;
          hi = text.codePointAt(i);
        }
        i += Character.charCount(hi);
      }
      ranges.add(new int[] {lo, hi});
    }
    return -1;
  }

  private static boolean inClass(String name, int cp) {
    return switch (name) {
      case "alpha" -> Character.isLetter(cp);
      case "digit" -> cp >= '0' && cp <= '9';
      case "alnum" -> Character.isLetterOrDigit(cp);
      case "upper" -> Character.isUpperCase(cp);
      case "lower" -> Character.isLowerCase(cp);
      case "space" -> cp == ' ' || cp >= '\t' && cp <= '\r';
      case "blank" -> cp == ' ' || cp == '\t';
      case "punct" -> cp > ' ' && cp < 127 && !Character.isLetterOrDigit(cp);
      case "print" -> cp >= ' ' && cp != 127;
      case "graph" -> cp > ' ' && cp != 127;
      case "cntrl" -> cp < ' ' || cp == 127;
      case "xdigit" -> Character.digit(cp, 16) >= 0 && cp < 128;
      default -> false;
    };
  }

  private static boolean matchesOne(Element e, int cp) {
    if (e instanceof Literal l) {
      return l.codePoint() == cp;
    }
    if (e instanceof CharSet s) {
      return s.contains(cp);
    }
    return e instanceof AnyOne;
  }

  /**
   * Whether the whole of {@code text} matches: the classic matcher that remembers only the last
   * {@code *} and where it resumed, so each text position is tried at most once per element.
   */
  boolean matches(String text) {
    int[] cps = text.codePoints().toArray();
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = 0;
    while (t < cps.length) {
      if (p < elements.length && elements[p] instanceof AnyRun) {
        starP = p++;
        starT = t;
      } else if (p < elements.length && matchesOne(elements[p], cps[t])) {
        p++;
        t++;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < elements.length && elements[p] instanceof AnyRun) {
      p++;
    }
    return p == elements.length;
  }

  /**
   * For each length k of a prefix of {@code cps} (0 to its length), whether the pattern matches
   * that prefix; {@code reversed} matches the pattern backwards, so it tells which suffixes of
   * the text (given reversed) match. One pass over the text with the set of pattern positions
   * reached: time proportional to the text's length times the pattern's.
   */
  private boolean[] prefixMatches(int[] cps, boolean reversed) {
    int m = elements.length;
    boolean[] ends = new boolean[cps.length + 1];
    BitSet states = closure(bit(0), reversed);
    for (int k = 0; ; k++) {
      ends[k] = states.get(m);
      if (k == cps.length || states.isEmpty()) {
        return ends;
      }
      BitSet next = new BitSet(m + 1);
      for (int s = states.nextSetBit(0); s >= 0 && s < m; s = states.nextSetBit(s + 1)) {
        Element e = element(s, reversed);
        if (e instanceof AnyRun) {
          next.set(s);
        } else if (matchesOne(e, cps[k])) {
          next.set(s + 1);
        }
      }
      states = closure(next, reversed);
    }
  }

  private Element element(int position, boolean reversed) {
    return elements[reversed ? elements.length - 1 - position : position];
  }

  /** Adds the positions after each {@code *} reached, since a {@code *} may match nothing. */
  private BitSet closure(BitSet states, boolean reversed) {
    for (int s = states.nextSetBit(0); s >= 0 && s < elements.length; s = states.nextSetBit(s + 1)) {
      if (element(s, reversed) instanceof AnyRun) {
        states.set(s + 1);
      }
    }
    return states;
  }

  private static BitSet bit(int index) {
    BitSet b = new BitSet();
    b.set(index);
    return b;
  }

  /**
   * The end (exclusive, a code point index) of the longest match of the pattern starting at
   * {@code from} in {@code cps}, or -1 when none starts there. Stops as soon as no pattern position
   * is left alive.
   */
  int longestMatchAt(int[] cps, int from) {
    int m = elements.length;
    BitSet states = closure(bit(0), false);
    int found = -1;
    for (int k = from; ; k++) {
      if (states.get(m)) {
        found = k;
      }
      if (k == cps.length || states.isEmpty()) {
        return found;
      }
      BitSet next = new BitSet(m + 1);
      for (int s = states.nextSetBit(0); s >= 0 && s < m; s = states.nextSetBit(s + 1)) {
        Element e = elements[s];
        if (e instanceof AnyRun) {
          next.set(s);
        } else if (matchesOne(e, cps[k])) {
          next.set(s + 1);
        }
      }
      states = closure(next, false);
    }
  }

  /** Whether the pattern is a single {@code *} or nothing, so that it matches every rest of a text. */
  boolean matchesEverything() {
    return elements.length == 1 && elements[0] instanceof AnyRun;
  }

  /**
   * {@code ${value#pattern}} ({@code suffix} false) or {@code ${value%pattern}} ({@code suffix}
   * true), with {@code ##} and {@code %%} for the longest match: the value without the shortest
   * (or longest) matching prefix or suffix, or the value itself when none matches.
   */
  String remove(String value, boolean suffix, boolean longest) {
    int[] cps = value.codePoints().toArray();
    int n = cps.length;
    int[] text = cps;
    if (suffix) {
      text = new int[n];
      for (int i = 0; i < n; i++) {
        text[i] = cps[n - 1 - i];
      }
    }
    boolean[] ends = prefixMatches(text, suffix);
    int found = -1;
    for (int k = 0; k <= n; k++) {
      if (ends[k]) {
        found = k;
        if (!longest) {
          break;
        }
      }
    }
    if (found < 0) {
      return value;
    }
    return suffix
        ? value.substring(0, value.offsetByCodePoints(0, n - found))
        : value.substring(value.offsetByCodePoints(0, found));
  }
}
