package io.mirage4j.tzdata;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * The abbreviations of one zone's local time types. java.time keeps none, so they come from the
 * JDK's short display names in {@link Locale#ROOT} ({@link TimeZone#getDisplayName(boolean, int,
 * Locale)}), for the zone's current standard time and its current daylight saving time: a type
 * with the offset and DST flag of one of these gets its name when the name is letters
 * ({@code CET}, {@code EDT}, {@code IST}). Every other type (a former offset, local mean time, a
 * zone whose JDK name is {@code GMT-05:00}) gets the numeric form the tz database uses for zones
 * without letters: {@code +0530}, {@code -03}, {@code -045602}.
 *
 * <pre>{@code
 * ZoneAbbreviations paris = ZoneAbbreviations.of(ZoneId.of("Europe/Paris"));
 * paris.of(3600, false);  // "CET"
 * paris.of(7200, true);   // "CEST"
 * paris.of(561, false);   // "+000921" (local mean time before 1911)
 * }</pre>
 */
public final class ZoneAbbreviations {
  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]{3,6}");

  private final int standard;
  private final Integer daylight;
  private final String standardName;
  private final String daylightName;

  private ZoneAbbreviations(int standard, Integer daylight, String standardName, String daylightName) {
    this.standard = standard;
    this.daylight = daylight;
    this.standardName = standardName;
    this.daylightName = daylightName;
  }

  /** The abbreviations of {@code zone}, named after its rules as they stand today and from now on. */
  public static ZoneAbbreviations of(ZoneId zone) {
    return of(zone.getId(), zone.getRules());
  }

  /**
   * The abbreviations of the zone named {@code id} whose rules are {@code rules} (for {@code EST},
   * whose java.time rules are those of the offset {@code -05:00}, and whose JDK name is {@code EST}).
   */
  public static ZoneAbbreviations of(String id, ZoneRules rules) {
    List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
    Instant end = TzifFile.END_OF_TIME;
    int standard = (yearly.isEmpty() ? rules.getStandardOffset(end) : yearly.get(0).getStandardOffset()).getTotalSeconds();
    Integer daylight = null;
    for (ZoneOffsetTransitionRule rule : yearly) {
      if (rule.getOffsetAfter().getTotalSeconds() != standard) {
        daylight = rule.getOffsetAfter().getTotalSeconds();
      }
    }
    if (daylight == null && rules.isDaylightSavings(end)) {
      daylight = rules.getOffset(end).getTotalSeconds();
    }
    TimeZone names = TimeZone.getTimeZone(id);
    if (!names.getID().equals(id)) {
      // A zone the JDK's names do not know (TimeZone gives GMT for it): numbers only.
      return new ZoneAbbreviations(standard, daylight, null, null);
    }
    return new ZoneAbbreviations(standard, daylight, letters(names.getDisplayName(false, TimeZone.SHORT, Locale.ROOT)),
        letters(names.getDisplayName(true, TimeZone.SHORT, Locale.ROOT)));
  }

  /** The abbreviation of a local time type of this zone. */
  public String of(int utcOffset, boolean isDst) {
    if (!isDst && utcOffset == standard && standardName != null) {
      return standardName;
    }
    if (isDst && daylight != null && utcOffset == daylight && daylightName != null) {
      return daylightName;
    }
    return numeric(utcOffset);
  }

  /**
   * The tz database's numeric abbreviation: sign, hours, then minutes and seconds when not zero
   * ({@code +0530}, {@code -03}, {@code +00}).
   */
  public static String numeric(int utcOffset) {
    int seconds = Math.abs(utcOffset);
    StringBuilder text = new StringBuilder(utcOffset < 0 ? "-" : "+").append(String.format("%02d", seconds / 3600));
    if (seconds % 3600 != 0) {
      text.append(String.format("%02d", seconds / 60 % 60));
      if (seconds % 60 != 0) {
        text.append(String.format("%02d", seconds % 60));
      }
    }
    return text.toString();
  }

  private static String letters(String name) {
    return name != null && LETTERS.matcher(name).matches() ? name : null;
  }
}
