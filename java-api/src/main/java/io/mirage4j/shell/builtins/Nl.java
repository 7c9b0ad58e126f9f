package io.mirage4j.shell.builtins;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code nl [-b a|t|n|pBRE] [-n ln|rn|rz] [-w N] [-s SEP] [-v N] [-i N] [FILE|-]...}: the lines
 * with numbers before them, by default the non-empty ones ({@code -b t}), right-aligned in six
 * columns and followed by a tab; a line not numbered gets as many spaces instead. Lines are read
 * and written one at a time, numbering continues across files.
 */
final class Nl extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("body-numbering", 'b', "number-format", 'n',
      "number-width", 'w', "number-separator", 's', "starting-line-number", 'v', "line-increment", 'i');

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "b:n:w:s:v:i:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    String style = "t";
    String format = "rn";
    int width = 6;
    String separator = "\t";
    long number = 1;
    long increment = 1;
    for (Getopt.Option opt : o.options()) {
      String v = opt.value();
      switch (opt.name()) {
        case 'b' -> {
          if (!v.equals("a") && !v.equals("t") && !v.equals("n") && !v.startsWith("p")) {
            return t.usage("invalid body numbering style: " + Quote.plain(v), 1);
          }
          style = v;
        }
        case 'n' -> {
          if (!v.equals("ln") && !v.equals("rn") && !v.equals("rz")) {
            return t.usage("invalid line numbering format: " + Quote.plain(v), 1);
          }
          format = v;
        }
        case 'w' -> {
          Long w = parse(v);
          if (w == null || w < 1 || w > Integer.MAX_VALUE) {
            t.error("invalid line number field width: " + Quote.plain(v)
                + (w == null ? "" : ": Numerical result out of range"));
            return 1;
          }
          width = (int) (long) w;
        }
        case 's' -> separator = v;
        case 'v', 'i' -> {
          Long n = parse(v);
          if (n == null) {
            t.error("invalid " + (opt.name() == 'v' ? "starting line number" : "line number increment") + ": "
                + Quote.plain(v));
            return 1;
          }
          if (opt.name() == 'v') {
            number = n;
          } else {
            increment = n;
          }
        }
        default -> {
          // no other options
        }
      }
    }
    Pattern regex = null;
    if (style.startsWith("p")) {
      try {
        regex = Pattern.compile(PosixRegex.translate(style.substring(1), false).regex());
      } catch (PosixRegex.SyntaxError | PatternSyntaxException e) {
        t.error(e.getMessage());
        return 1;
      }
    }
    String blank = " ".repeat(width) + " ".repeat(separator.length());
    long[] next = {number};
    String numbering = style;
    Pattern selected = regex;
    String fmt = format;
    int w = width;
    String sep = separator;
    long step = increment;
    return Inputs.each(t, o.operands(), (in, operand) -> {
      Lines.Source lines = Lines.of(in);
      for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
        boolean numbered = switch (numbering.charAt(0)) {
          case 'a' -> true;
          case 'n' -> false;
          case 't' -> line.length() > 0;
          default -> selected.matcher(line.text()).find();
        };
        if (numbered) {
          t.print(number(next[0], fmt, w) + sep);
          next[0] += step;
        } else {
          t.print(blank);
        }
        t.write(line.buf(), line.start(), line.length());
        t.write('\n');
      }
    });
  }

  private static String number(long n, String format, int width) {
    String digits = Long.toString(n);
    if (digits.length() >= width) {
      return digits;
    }
    return switch (format) {
      case "ln" -> digits + " ".repeat(width - digits.length());
      case "rz" -> n < 0 ? "-" + "0".repeat(width - digits.length()) + digits.substring(1)
          : "0".repeat(width - digits.length()) + digits;
      default -> " ".repeat(width - digits.length()) + digits;
    };
  }

  private static Long parse(String v) {
    try {
      return new BigInteger(v.strip()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
