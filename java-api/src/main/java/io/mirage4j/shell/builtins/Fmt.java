package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code fmt [-WIDTH] [-cstu] [-w WIDTH] [-g GOAL] [-p PREFIX] [FILE]...}: refills paragraphs as GNU
 * fmt does. A paragraph is a run of non-blank lines with the same indentation ({@code -c}: the
 * first line's may differ, {@code -t}: must differ; {@code -s}: every line alone, long lines only
 * split); its words are laid out to lines of at most WIDTH columns (75) by GNU's choice of breaks:
 * the one that costs least, where a line costs the square of its distance to the goal (93% of the
 * width) and of its difference from the next line, and breaks after a sentence or punctuation cost
 * less. Spaces between words are kept, with two after a sentence end ({@code -u}: one, two after a
 * sentence), tabs in the input allow tabs in the indentation. {@code -p} formats only lines that
 * start with PREFIX and puts it back. Bytes are columns, as in GNU fmt.
 */
final class Fmt extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("crown-margin", 'c', "prefix", 'p',
      "split-only", 's', "tagged-paragraph", 't', "uniform-spacing", 'u', "width", 'w', "goal", 'g');
  /** Text held for one paragraph before part of it is written out, and words likewise (GNU's limits). */
  private static final int MAX_CHARS = 5000;
  private static final int MAX_WORDS = 1000;
  private static final int LEEWAY = 7;
  private static final int TAB = 8;
  private static final int DEFAULT_INDENT = 3;
  private static final int EOF = -1;

  private static long equiv(long n) {
    return n * n;
  }

  private static final long LINE_COST = equiv(70);
  private static final long SENTENCE_BONUS = equiv(50);
  private static final long NOBREAK_COST = equiv(600);
  private static final long PAREN_BONUS = equiv(40);
  private static final long PUNCT_BONUS = equiv(40);
  private static final long LINE_CREDIT = equiv(3);

  private static long shortCost(long n) {
    return equiv(n * 10);
  }

  private static long raggedCost(long n) {
    return shortCost(n) / 2;
  }

  private static long widowCost(int length) {
    return equiv(200) / (length + 2);
  }

  private static long orphanCost(int length) {
    return equiv(150) / (length + 2);
  }

  /** The options of one run. */
  private record Options(boolean crown, boolean tagged, boolean split, boolean uniform, String prefix,
      int prefixLeadSpace, int prefixFullLength, int maxWidth, int goalWidth) {}

  @Override
  int run(Tool t, List<String> args) throws IOException {
    List<String> rest = new ArrayList<>(args);
    String width = null;
    if (!rest.isEmpty() && rest.get(0).matches("-[0-9].*")) {
      width = rest.remove(0).substring(1);
    }
    Getopt.Parsed o;
    try {
      o = Getopt.parse(rest, "cstuw:p:g:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    String goal = null;
    String prefix = "";
    for (Getopt.Option opt : o.options()) {
      switch (opt.name()) {
        case 'w' -> width = opt.value();
        case 'g' -> goal = opt.value();
        case 'p' -> prefix = opt.value();
        default -> {
          // flags
        }
      }
    }
    int maxWidth = 75;
    if (width != null) {
      Integer w = number(t, width, MAX_CHARS / 2);
      if (w == null) {
        return 1;
      }
      maxWidth = w;
    }
    int goalWidth;
    if (goal != null) {
      Integer g = number(t, goal, maxWidth);
      if (g == null) {
        return 1;
      }
      goalWidth = g;
      if (width == null) {
        maxWidth = goalWidth + 10;
      }
    } else {
      goalWidth = maxWidth * (2 * (100 - LEEWAY) + 1) / 200;
    }
    int lead = 0;
    while (lead < prefix.length() && prefix.charAt(lead) == ' ') {
      lead++;
    }
    String full = latin1(prefix.substring(lead));
    Options options = new Options(o.has('c'), o.has('t'), o.has('s'), o.has('u'),
        full.replaceAll(" +$", ""), lead, full.length(), maxWidth, goalWidth);
    int status = 0;
    for (String operand : o.operands().isEmpty() ? List.of("-") : o.operands()) {
      if (operand.equals("-")) {
        new Paragraphs(t, options, t.stdin()).format();
        continue;
      }
      try (InputStream in = new BufferedInputStream(t.open(operand))) {
        new Paragraphs(t, options, in).format();
      } catch (ResourceException e) {
        t.error("cannot open " + Quote.always(operand) + " for reading: " + Tool.message(e));
        status = 1;
      }
    }
    return status;
  }

  /** The bytes of a UTF-8 string as chars 0-255, the way the formatter counts columns. */
  private static String latin1(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static Integer number(Tool t, String text, int max) throws IOException {
    if (!text.strip().matches("\\+?[0-9]+")) {
      t.error("invalid width: " + Quote.plain(text));
      return null;
    }
    BigInteger v = new BigInteger(text.strip().replace("+", ""));
    if (v.compareTo(BigInteger.valueOf(max)) > 0) {
      t.error("invalid width: " + Quote.plain(text) + ": Numerical result out of range");
      return null;
    }
    return v.intValue();
  }

  /** A word of the paragraph being filled. */
  private static final class Word {
    int start;
    int length;
    int space;
    boolean paren;
    boolean period;
    boolean punct;
    boolean fin;
    int lineLength;
    long bestCost;
    int nextBreak;
  }

  /** GNU fmt's reader and filler over one input: paragraphs in, lines out. */
  private static final class Paragraphs {
    private final Tool t;
    private final Options o;
    private final InputStream in;
    private final byte[] text = new byte[MAX_CHARS];
    private int textEnd;
    private final Word[] words = new Word[MAX_WORDS + 1];
    private int wordLimit;
    private boolean tabs;
    private int prefixIndent;
    private int firstIndent;
    private int otherIndent;
    private int inColumn;
    private int outColumn;
    private int nextChar;
    private int nextPrefixIndent;
    private int lastLineLength;

    Paragraphs(Tool t, Options o, InputStream in) {
      this.t = t;
      this.o = o;
      this.in = in;
      for (int i = 0; i < words.length; i++) {
        words[i] = new Word();
      }
    }

    void format() throws IOException {
      nextChar = prefix();
      while (paragraph()) {
        fill();
        putParagraph(wordLimit);
      }
    }

    private int read() throws IOException {
      return in.read();
    }

    private boolean blankLineOrForeign(int c) {
      return c == '\n' || c == EOF || nextPrefixIndent < o.prefixLeadSpace()
          || inColumn < nextPrefixIndent + o.prefixFullLength();
    }

    /** Reads the next paragraph, copying blank and foreign lines before it; false at the end. */
    private boolean paragraph() throws IOException {
      lastLineLength = 0;
      int c = nextChar;
      while (blankLineOrForeign(c)) {
        c = copyRest(c);
        if (c == EOF) {
          nextChar = EOF;
          return false;
        }
        t.write('\n');
        c = prefix();
      }
      prefixIndent = nextPrefixIndent;
      firstIndent = inColumn;
      textEnd = 0;
      wordLimit = 0;
      c = line(c);
      setOtherIndent(samePara(c));
      if (o.split()) {
        // one line is the paragraph
      } else if (o.crown()) {
        if (samePara(c)) {
          do {
            c = line(c);
          } while (samePara(c) && inColumn == otherIndent);
        }
      } else if (o.tagged()) {
        if (samePara(c) && inColumn != firstIndent) {
          do {
            c = line(c);
          } while (samePara(c) && inColumn == otherIndent);
        }
      } else {
        while (samePara(c) && inColumn == otherIndent) {
          c = line(c);
        }
      }
      words[wordLimit - 1].period = true;
      words[wordLimit - 1].fin = true;
      nextChar = c;
      return true;
    }

    private void setOtherIndent(boolean sameParagraph) {
      if (o.split()) {
        otherIndent = firstIndent;
      } else if (o.crown()) {
        otherIndent = sameParagraph ? inColumn : firstIndent;
      } else if (o.tagged()) {
        if (sameParagraph && inColumn != firstIndent) {
          otherIndent = inColumn;
        } else if (otherIndent == firstIndent) {
          otherIndent = firstIndent == 0 ? DEFAULT_INDENT : 0;
        }
      } else {
        otherIndent = firstIndent;
      }
    }

    /** Copies a blank line or one without the prefix as it is; returns what ended it. */
    private int copyRest(int c) throws IOException {
      outColumn = 0;
      if (inColumn > nextPrefixIndent || (c != '\n' && c != EOF)) {
        putSpace(nextPrefixIndent);
        String p = o.prefix();
        for (int k = 0; outColumn != inColumn && k < p.length(); k++, outColumn++) {
          t.write(p.charAt(k));
        }
        if (c != EOF && c != '\n') {
          putSpace(inColumn - outColumn);
        }
        if (c == EOF && inColumn >= nextPrefixIndent + p.length()) {
          t.write('\n');
        }
      }
      while (c != '\n' && c != EOF) {
        t.write(c);
        c = read();
      }
      return c;
    }

    private boolean samePara(int c) {
      return nextPrefixIndent == prefixIndent && inColumn >= nextPrefixIndent + o.prefixFullLength()
          && c != '\n' && c != EOF;
    }

    private static boolean isSpace(int c) {
      return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Splits one line, starting at its first non-blank {@code c}, into words; returns the next line's. */
    private int line(int c) throws IOException {
      do {
        Word w = words[wordLimit];
        w.start = textEnd;
        do {
          if (textEnd == MAX_CHARS) {
            setOtherIndent(true);
            flush();
            w = words[wordLimit];
          }
          text[textEnd++] = (byte) c;
          c = read();
        } while (c != EOF && !isSpace(c));
        w.length = textEnd - w.start;
        inColumn += w.length;
        punctuation(w);
        int start = inColumn;
        c = space(c);
        w.space = inColumn - start;
        w.fin = c == EOF || (w.period && (c == '\n' || w.space > 1));
        if (c == '\n' || c == EOF || o.uniform()) {
          w.space = w.fin ? 2 : 1;
        }
        if (wordLimit == MAX_WORDS - 2) {
          setOtherIndent(true);
          flush();
        }
        wordLimit++;
      } while (c != '\n' && c != EOF);
      return prefix();
    }

    /** Reads a line's leading space and prefix; returns the first character after them. */
    private int prefix() throws IOException {
      inColumn = 0;
      int c = space(read());
      if (o.prefix().isEmpty()) {
        nextPrefixIndent = Math.min(o.prefixLeadSpace(), inColumn);
        return c;
      }
      nextPrefixIndent = inColumn;
      String p = o.prefix();
      for (int k = 0; k < p.length(); k++) {
        if (c != p.charAt(k)) {
          return c;
        }
        inColumn++;
        c = read();
      }
      return space(c);
    }

    private int space(int c) throws IOException {
      while (true) {
        if (c == ' ') {
          inColumn++;
        } else if (c == '\t') {
          tabs = true;
          inColumn = (inColumn / TAB + 1) * TAB;
        } else {
          return c;
        }
        c = read();
      }
    }

    private void punctuation(Word w) {
      int first = text[w.start] & 0xff;
      int last = w.start + w.length - 1;
      w.paren = "([`'\"".indexOf(first) >= 0;
      w.punct = isPunct(text[last] & 0xff);
      while (last > w.start && ")]'\"".indexOf(text[last] & 0xff) >= 0) {
        last--;
      }
      w.period = ".?!".indexOf(text[last] & 0xff) >= 0;
    }

    private static boolean isPunct(int c) {
      return c > 32 && c < 127 && !Character.isLetterOrDigit(c);
    }

    /** Writes out the first lines of a paragraph too long to hold, keeping the rest. */
    private void flush() throws IOException {
      if (wordLimit == 0) {
        t.write(text, 0, textEnd);
        textEnd = 0;
        return;
      }
      fill();
      int split = wordLimit;
      long best = Long.MAX_VALUE;
      for (int w = words[0].nextBreak; w != wordLimit; w = words[w].nextBreak) {
        long cost = words[w].bestCost - words[words[w].nextBreak].bestCost;
        if (cost < best) {
          split = w;
          best = cost;
        }
        if (best <= Long.MAX_VALUE - LINE_CREDIT) {
          best += LINE_CREDIT;
        }
      }
      putParagraph(split);
      int shift = words[split].start;
      System.arraycopy(text, shift, text, 0, textEnd - shift);
      textEnd -= shift;
      for (int w = split; w <= wordLimit; w++) {
        words[w].start -= shift;
      }
      int moved = wordLimit - split + 1;
      Word[] kept = new Word[moved];
      System.arraycopy(words, split, kept, 0, moved);
      Word[] freed = new Word[split];
      System.arraycopy(words, 0, freed, 0, split);
      System.arraycopy(kept, 0, words, 0, moved);
      System.arraycopy(freed, 0, words, moved, split);
      wordLimit -= split;
    }

    /** Chooses each word's best next break, from the last word back to the first. */
    private void fill() {
      Word sentinel = words[wordLimit];
      sentinel.bestCost = 0;
      int savedLength = sentinel.length;
      sentinel.length = o.maxWidth();
      for (int start = wordLimit - 1; start >= 0; start--) {
        long best = Long.MAX_VALUE;
        int len = (start == 0 ? firstIndent : otherIndent) + words[start].length;
        int w = start;
        do {
          w++;
          long cost = lineCost(w, len) + words[w].bestCost;
          if (start == 0 && lastLineLength > 0) {
            cost += raggedCost(len - lastLineLength);
          }
          if (cost < best) {
            best = cost;
            words[start].nextBreak = w;
            words[start].lineLength = len;
          }
          if (w == wordLimit) {
            break;
          }
          len += words[w - 1].space + words[w].length;
        } while (len < o.maxWidth());
        words[start].bestCost = best + baseCost(start);
      }
      sentinel.length = savedLength;
    }

    private long baseCost(int at) {
      long cost = LINE_COST;
      Word w = words[at];
      if (at > 0) {
        Word before = words[at - 1];
        if (before.period) {
          cost += before.fin ? -SENTENCE_BONUS : NOBREAK_COST;
        } else if (before.punct) {
          cost -= PUNCT_BONUS;
        } else if (at > 1 && words[at - 2].fin) {
          cost += widowCost(before.length);
        }
      }
      if (w.paren) {
        cost -= PAREN_BONUS;
      } else if (w.fin) {
        cost += orphanCost(w.length);
      }
      return cost;
    }

    private long lineCost(int next, int len) {
      if (next == wordLimit) {
        return 0;
      }
      long cost = shortCost(o.goalWidth() - len);
      if (words[next].nextBreak != wordLimit) {
        cost += raggedCost(len - words[next].lineLength);
      }
      return cost;
    }

    private void putParagraph(int finish) throws IOException {
      putLine(0, firstIndent);
      for (int w = words[0].nextBreak; w != finish; w = words[w].nextBreak) {
        putLine(w, otherIndent);
      }
    }

    private void putLine(int w, int indent) throws IOException {
      outColumn = 0;
      putSpace(prefixIndent);
      String p = o.prefix();
      for (int k = 0; k < p.length(); k++) {
        t.write(p.charAt(k));
      }
      outColumn += p.length();
      putSpace(indent - outColumn);
      int end = words[w].nextBreak - 1;
      for (; w != end; w++) {
        putWord(words[w]);
        putSpace(words[w].space);
      }
      putWord(words[w]);
      lastLineLength = outColumn;
      t.write('\n');
    }

    private void putWord(Word w) throws IOException {
      t.write(text, w.start, w.length);
      outColumn += w.length;
    }

    private void putSpace(int space) throws IOException {
      int target = outColumn + space;
      if (tabs) {
        int tabTarget = target / TAB * TAB;
        if (outColumn + 1 < tabTarget) {
          while (outColumn < tabTarget) {
            t.write('\t');
            outColumn = (outColumn / TAB + 1) * TAB;
          }
        }
      }
      while (outColumn < target) {
        t.write(' ');
        outColumn++;
      }
    }
  }
}
