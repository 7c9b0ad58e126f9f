package io.mirage4j.tzdata;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The footer of a TZif file (RFC 8536 section 3.3): a POSIX TZ string for the times after the
 * zone's last transition, made from java.time's yearly rules ({@link
 * ZoneRules#getTransitionRules()}), or from its last offset when it has none.
 *
 * <pre>{@code
 * PosixTzString.of(ZoneId.of("Europe/Paris")).get().text(); // "CET-1CEST,M3.5.0,M10.5.0/3"
 * PosixTzString.of(ZoneId.of("Asia/Kolkata")).get().text(); // "IST-5:30"
 * }</pre>
 *
 * @param text the TZ string, without the newlines around it
 * @param needsVersion3 whether it uses RFC 8536's version 3 extension (a transition time below 0
 *     or above 24 hours)
 */
public record PosixTzString(String text, boolean needsVersion3) {
  private static final int DAY = 86_400;
  private static final int DEFAULT_TIME = 7200;
  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]{3,}");

  /** The footer of {@code zone}; none when its yearly rules cannot be written as a TZ string. */
  public static Optional<PosixTzString> of(java.time.ZoneId zone) {
    return of(zone.getRules(), ZoneAbbreviations.of(zone));
  }

  static Optional<PosixTzString> of(ZoneRules rules, ZoneAbbreviations names) {
    List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
    if (yearly.isEmpty()) {
      // The state after every transition java.time knows, wall offset and standard offset alike.
      Instant last = TzifFile.END_OF_TIME;
      int offset = rules.getOffset(last).getTotalSeconds();
      if (!rules.isDaylightSavings(last)) {
        return Optional.of(new PosixTzString(name(names.of(offset, false)) + offset(offset), false));
      }
      // Daylight saving time all year, as zic writes it: from January 1 00:00 to December 31 25:00.
      int standard = rules.getStandardOffset(last).getTotalSeconds();
      return Optional.of(new PosixTzString(name(names.of(standard, false)) + offset(standard)
          + name(names.of(offset, true)) + offset(offset) + ",0/0,J365/25", true));
    }
    if (yearly.size() != 2) {
      return Optional.empty();
    }
    int standard = yearly.get(0).getStandardOffset().getTotalSeconds();
    ZoneOffsetTransitionRule start = null;
    ZoneOffsetTransitionRule end = null;
    for (ZoneOffsetTransitionRule rule : yearly) {
      if (rule.getStandardOffset().getTotalSeconds() != standard) {
        return Optional.empty();
      }
      if (rule.getOffsetAfter().getTotalSeconds() == standard) {
        end = rule;
      } else {
        start = rule;
      }
    }
    if (start == null || end == null || end.getOffsetBefore().getTotalSeconds() != start.getOffsetAfter().getTotalSeconds()) {
      return Optional.empty();
    }
    int daylight = start.getOffsetAfter().getTotalSeconds();
    Optional<Date> from = date(start);
    Optional<Date> to = date(end);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    String text = name(names.of(standard, false)) + offset(standard) + name(names.of(daylight, true))
        + (daylight == standard + 3600 ? "" : offset(daylight)) + "," + from.get().text() + "," + to.get().text();
    return Optional.of(new PosixTzString(text, from.get().needsVersion3() || to.get().needsVersion3()));
  }

  /** A rule's date and time, {@code Mm.w.d[/time]} or {@code Jn[/time]}, and whether it needs version 3. */
  private record Date(String text, boolean needsVersion3) {}

  private static Optional<Date> date(ZoneOffsetTransitionRule rule) {
    Month month = rule.getMonth();
    int day = rule.getDayOfMonthIndicator();
    DayOfWeek weekday = rule.getDayOfWeek();
    int length = month.length(false);
    // The transition's wall-clock time in the offset before it, as the TZ string gives it.
    int time = rule.getLocalTime().toSecondOfDay() + (rule.isMidnightEndOfDay() ? DAY : 0);
    int before = rule.getOffsetBefore().getTotalSeconds();
    time += switch (rule.getTimeDefinition()) {
      case UTC -> before;
      case STANDARD -> before - rule.getStandardOffset().getTotalSeconds();
      case WALL -> 0;
    };
    String when;
    if (weekday == null) {
      if (month == Month.FEBRUARY && (day < 0 || day == 29)) {
        return Optional.empty();
      }
      int dayOfMonth = day < 0 ? length + day + 1 : day;
      when = "J" + (month.firstDayOfYear(false) + dayOfMonth - 1);
    } else {
      int week;
      int shift = 0;
      if (day == -1) {
        week = 5;
      } else {
        if (day < 0) {
          if (month == Month.FEBRUARY) {
            return Optional.empty();
          }
          day = length + day + 1 - 6;
        }
        if (month != Month.FEBRUARY && day + 6 == length) {
          week = 5;
        } else {
          week = 1 + (day - 1) / 7;
          shift = (day - 1) % 7;
          if (week > 4) {
            return Optional.empty();
          }
        }
      }
      // Weekday d on or after day 7(w-1)+1+s is weekday d-s of week w, s days later.
      int posixDay = Math.floorMod(weekday.getValue() % 7 - shift, 7);
      time += shift * DAY;
      when = "M" + month.getValue() + "." + week + "." + posixDay;
    }
    String text = time == DEFAULT_TIME ? when : when + "/" + clock(time);
    return Optional.of(new Date(text, time < 0 || time > 24 * 3600));
  }

  /** A POSIX offset: hours west of UTC, so the sign is the reverse of the UTC offset's. */
  private static String offset(int utcOffset) {
    return clock(-utcOffset);
  }

  private static String clock(int seconds) {
    int value = Math.abs(seconds);
    StringBuilder text = new StringBuilder(seconds < 0 ? "-" : "").append(value / 3600);
    if (value % 3600 != 0) {
      text.append(String.format(":%02d", value / 60 % 60));
      if (value % 60 != 0) {
        text.append(String.format(":%02d", value % 60));
      }
    }
    return text.toString();
  }

  /** An abbreviation as a TZ string holds it: letters as they are, anything else in angle brackets. */
  private static String name(String abbreviation) {
    return LETTERS.matcher(abbreviation).matches() ? abbreviation : "<" + abbreviation + ">";
  }
}
