package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code date [-u] [-d STRING | -r FILE] [-I[FMT] | -R | --rfc-3339=FMT | +FORMAT]}: the time (now,
 * {@code @EPOCH}, an ISO date and time, {@code yesterday}, {@code 2 days ago}, or a file's
 * modification time), in the session's {@code TZ} (UTC when unset or unknown, never the host's
 * zone), formatted with GNU's conversions and flags ({@code %-d}, {@code %_H}, {@code %^a}, {@code
 * %3N}, {@code %:z}). Setting the clock is refused.
 */
final class Date extends Coreutil {
  private static final Map<String, Character> LONGS = Map.ofEntries(Map.entry("date", 'd'), Map.entry("utc", 'u'),
      Map.entry("universal", 'u'), Map.entry("reference", 'r'), Map.entry("iso-8601", 'I'),
      Map.entry("rfc-email", 'R'), Map.entry("rfc-822", 'R'), Map.entry("rfc-2822", 'R'), Map.entry("rfc-3339", 'T'),
      Map.entry("set", 's'));
  private static final Pattern RELATIVE = Pattern.compile(
      "([+-]?\\d+)?\\s*(second|sec|minute|min|hour|day|week|fortnight|month|year)s?(\\s+ago)?",
      Pattern.CASE_INSENSITIVE);

  @Override
  int run(Tool t, List<String> args) throws IOException {
    List<String> expanded = new java.util.ArrayList<>();
    for (String a : args) {
      // -I and --iso-8601 take an optional argument that must be attached
      if (a.startsWith("-I") && !a.startsWith("--")) {
        expanded.add("--iso-8601=" + (a.length() > 2 ? a.substring(2) : "date"));
      } else if (a.equals("--iso-8601")) {
        expanded.add("--iso-8601=date");
      } else {
        expanded.add(a);
      }
    }
    Getopt.Parsed p;
    try {
      p = Getopt.parse(expanded, "d:ur:I:RT:s:", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    String env = t.state().env().get("TZ");
    ZoneId zone = p.has('u') ? ZoneId.of("UTC") : zone(env);
    String format = "%a %b %e %H:%M:%S %Z %Y";
    String dateText = null;
    String reference = null;
    for (Getopt.Option o : p.options()) {
      switch (o.name()) {
        case 'd' -> dateText = o.value();
        case 'r' -> reference = o.value();
        case 's' -> {
          t.error("cannot set date: Operation not permitted");
          return 1;
        }
        case 'I' -> {
          String f = iso(o.value());
          if (f == null) {
            t.error("invalid argument " + Quote.plain(o.value()) + " for '--iso-8601'");
            t.note("Valid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'");
            return t.usage((String) null, 1);
          }
          format = f;
        }
        case 'R' -> format = "%a, %d %b %Y %H:%M:%S %z";
        case 'T' -> {
          switch (o.value()) {
            case "date" -> format = "%F";
            case "seconds" -> format = "%F %T%:z";
            case "ns" -> format = "%F %T.%N%:z";
            default -> {
              t.error("invalid argument " + Quote.plain(o.value()) + " for '--rfc-3339'");
              t.note("Valid arguments are:\n  - 'date'\n  - 'seconds'\n  - 'ns'");
              return t.usage((String) null, 1);
            }
          }
        }
        default -> {
          // -u, read above
        }
      }
    }
    List<String> operands = p.operands();
    if (!operands.isEmpty()) {
      if (!operands.get(0).startsWith("+")) {
        t.error("invalid date " + Quote.plain(operands.get(0)));
        return 1;
      }
      if (operands.size() > 1) {
        return t.usage("extra operand " + Quote.plain(operands.get(1)), 1);
      }
      format = operands.get(0).substring(1);
    }
    ZonedDateTime time;
    if (reference != null) {
      try {
        time = t.stat(reference).modified().atZone(zone);
      } catch (ResourceException e) {
        t.error(reference + ": " + Tool.message(e));
        return 1;
      }
    } else if (dateText != null) {
      time = parse(dateText.trim(), zone);
      if (time == null) {
        t.error("invalid date " + Quote.plain(dateText));
        return 1;
      }
    } else {
      time = ZonedDateTime.now(zone);
    }
    t.print(format(format, time) + "\n");
    return 0;
  }

  static ZoneId zone(String tz) {
    if (tz == null || tz.isEmpty()) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }

  private static String iso(String kind) {
    return switch (kind) {
      case "date", "d" -> "%F";
      case "hours", "h" -> "%FT%H%:z";
      case "minutes", "m" -> "%FT%H:%M%:z";
      case "seconds", "s" -> "%FT%T%:z";
      case "ns", "n" -> "%FT%T,%N%:z";
      default -> null;
    };
  }

  /** The time a {@code -d} string names, or null when it names none. */
  static ZonedDateTime parse(String text, ZoneId zone) {
    ZonedDateTime now = ZonedDateTime.now(zone);
    String s = text.toLowerCase(Locale.ROOT);
    if (s.startsWith("@")) {
      try {
        BigDecimal seconds = new BigDecimal(s.substring(1));
        long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos).atZone(zone);
      } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
        return null;
      }
    }
    ZonedDateTime base = null;
    String rest = s;
    Matcher m = Pattern.compile("^(\\d{4}-\\d{1,2}-\\d{1,2})(?:[t ](\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)\\s*(z|utc|[+-]\\d{2}:?\\d{2})?)?")
        .matcher(s);
    try {
      if (m.find()) {
        String[] ymd = m.group(1).split("-");
        LocalDate date = LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2]));
        LocalTime clock = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(pad(m.group(2)));
        LocalDateTime local = LocalDateTime.of(date, clock);
        if (m.group(3) != null) {
          String off = m.group(3);
          ZoneId z = off.equals("z") || off.equals("utc") ? ZoneId.of("UTC") : ZoneId.of(off.length() == 5
              ? off.substring(0, 3) + ":" + off.substring(3) : off);
          base = local.atZone(z).withZoneSameInstant(zone);
        } else {
          base = local.atZone(zone);
        }
        rest = s.substring(m.end()).trim();
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
    if (base == null) {
      base = now;
    }
    while (!rest.isEmpty()) {
      if (rest.startsWith("now")) {
        rest = rest.substring(3).trim();
      } else if (rest.startsWith("today")) {
        rest = rest.substring(5).trim();
      } else if (rest.startsWith("yesterday")) {
        base = base.minusDays(1);
        rest = rest.substring(9).trim();
      } else if (rest.startsWith("tomorrow")) {
        base = base.plusDays(1);
        rest = rest.substring(8).trim();
      } else {
        Matcher r = RELATIVE.matcher(rest);
        if (!r.lookingAt()) {
          return null;
        }
        long n = r.group(1) == null ? 1 : Long.parseLong(r.group(1).replace("+", ""));
        if (r.group(3) != null) {
          n = -n;
        }
        String unit = r.group(2).toLowerCase(Locale.ROOT);
        base = switch (unit) {
          case "second", "sec" -> base.plusSeconds(n);
          case "minute", "min" -> base.plusMinutes(n);
          case "hour" -> base.plusHours(n);
          case "day" -> base.plusDays(n);
          case "week" -> base.plusWeeks(n);
          case "fortnight" -> base.plusWeeks(2 * n);
          case "month" -> addMonths(base, n);
          default -> addMonths(base, 12 * n);
        };
        rest = rest.substring(r.end()).trim();
      }
    }
    return base;
  }

  /** Months added the way mktime normalises them: Jan 31 + 1 month is Mar 2 (or 3), not Feb 29. */
  private static ZonedDateTime addMonths(ZonedDateTime t, long months) {
    ZonedDateTime first = t.withDayOfMonth(1).plusMonths(months);
    return first.plusDays(t.getDayOfMonth() - 1L);
  }

  private static String pad(String clock) {
    return clock.indexOf(':') == 1 ? "0" + clock : clock;
  }

  /** {@code format} with GNU date's conversions: {@code %Y-%m-%d}, flags {@code - _ 0 ^ #}, a width. */
  static String format(String format, ZonedDateTime t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        sb.append(c);
        continue;
      }
      int start = i;
      char flag = 0;
      boolean upper = false;
      i++;
      while (i < format.length() && "-_0^#".indexOf(format.charAt(i)) >= 0) {
        char f = format.charAt(i++);
        if (f == '^' || f == '#') {
          upper = true;
        } else {
          flag = f;
        }
      }
      int width = -1;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        width = Math.max(0, width) * 10 + format.charAt(i++) - '0';
      }
      boolean colon = false;
      if (i < format.length() && format.charAt(i) == ':') {
        colon = true;
        i++;
      }
      if (i >= format.length()) {
        sb.append(format, start, format.length());
        break;
      }
      char conv = format.charAt(i);
      String value = conversion(conv, colon, width, t);
      if (value == null) {
        sb.append(format, start, i + 1);
        continue;
      }
      boolean numeric = "CdeGgHIjklmMNsSuUVwWyY".indexOf(conv) >= 0;
      int natural = naturalWidth(conv);
      char padChar = numeric && "ekl".indexOf(conv) < 0 ? '0' : ' ';
      if (flag == '_') {
        padChar = ' ';
      } else if (flag == '0') {
        padChar = '0';
      }
      if (numeric && conv != 'N') {
        value = stripPad(value);
        int w = flag == '-' ? 0 : width >= 0 ? width : natural;
        boolean negative = value.startsWith("-");
        String digits = negative ? value.substring(1) : value;
        if (padChar == '0') {
          int zeros = w - digits.length() - (negative ? 1 : 0);
          value = (negative ? "-" : "") + "0".repeat(Math.max(0, zeros)) + digits;
        } else {
          value = " ".repeat(Math.max(0, w - value.length())) + value;
        }
      } else if (width > value.length() && flag != '-') {
        value = String.valueOf(padChar == '0' && flag == '0' ? '0' : ' ').repeat(width - value.length()) + value;
      }
      sb.append(upper ? value.toUpperCase(Locale.ROOT) : value);
    }
    return sb.toString();
  }

  private static String stripPad(String v) {
    return v.trim();
  }

  private static int naturalWidth(char conv) {
    return switch (conv) {
      case 'C', 'd', 'e', 'g', 'H', 'I', 'k', 'l', 'm', 'M', 'S', 'U', 'V', 'W', 'y' -> 2;
      case 'j' -> 3;
      case 'G', 'Y' -> 4;
      default -> 1;
    };
  }

  private static String conversion(char conv, boolean colon, int width, ZonedDateTime t) {
    return switch (conv) {
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
      case 'c' -> format("%a %b %e %H:%M:%S %Y", t);
      case 'C' -> Integer.toString(Math.floorDiv(t.getYear(), 100));
      case 'd', 'e' -> Integer.toString(t.getDayOfMonth());
      case 'D', 'x' -> format("%m/%d/%y", t);
      case 'F' -> format("%Y-%m-%d", t);
      case 'g' -> Integer.toString(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
      case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
      case 'H', 'k' -> Integer.toString(t.getHour());
      case 'I', 'l' -> Integer.toString(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
      case 'j' -> Integer.toString(t.getDayOfYear());
      case 'm' -> Integer.toString(t.getMonthValue());
      case 'M' -> Integer.toString(t.getMinute());
      case 'n' -> "\n";
      case 'N' -> {
        String n = String.format("%09d", t.getNano());
        yield width > 0 && width < 9 ? n.substring(0, width) : n;
      }
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'P' -> t.getHour() < 12 ? "am" : "pm";
      case 'r' -> format("%I:%M:%S %p", t);
      case 'R' -> format("%H:%M", t);
      case 's' -> Long.toString(t.toEpochSecond());
      case 'S' -> Integer.toString(t.getSecond());
      case 't' -> "\t";
      case 'T', 'X' -> format("%H:%M:%S", t);
      case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
      case 'U' -> Integer.toString((t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
      case 'V' -> Integer.toString(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
      case 'W' -> Integer.toString((t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
      case 'y' -> Integer.toString(Math.floorMod(t.getYear(), 100));
      case 'Y' -> Integer.toString(t.getYear());
      case 'z' -> {
        int total = t.getOffset().getTotalSeconds();
        String sign = total < 0 ? "-" : "+";
        int abs = Math.abs(total);
        yield sign + String.format("%02d", abs / 3600) + (colon ? ":" : "") + String.format("%02d", abs / 60 % 60);
      }
      case 'Z' -> zoneName(t);
      case '%' -> "%";
      default -> null;
    };
  }

  private static String zoneName(ZonedDateTime t) {
    String id = t.getZone().getId();
    if (id.equals("UTC") || id.equals("Z") || id.equals("Etc/UTC")) {
      return "UTC";
    }
    String name = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
    return name;
  }
}
