package io.mirage4j.tzdata;

/**
 * One local time type of a TZif file: the offset from UTC, whether it is daylight saving time, and
 * its abbreviation ({@code datetime.tzname()}).
 *
 * <pre>{@code
 * new LocalTimeType(3600, false, "CET");  // Paris in winter
 * new LocalTimeType(19800, false, "IST"); // Kolkata, UTC+05:30
 * }</pre>
 *
 * @param utcOffset seconds east of UTC
 * @param isDst whether it is daylight saving time
 * @param abbreviation ASCII, without NUL
 */
public record LocalTimeType(int utcOffset, boolean isDst, String abbreviation) {}
