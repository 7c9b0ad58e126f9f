package io.mirage4j.tzdata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One zone's rules as a TZif file (RFC 8536), version 2, or 3 when its footer needs it: a minimal
 * version 1 block (no transitions, one type), then the 64-bit block with java.time's transitions
 * ({@link ZoneRules#getTransitions()}) and their local time types ({@link ZoneAbbreviations} names
 * them), then the POSIX TZ footer ({@link PosixTzString}) for the times after the last transition.
 * A zone whose yearly rules have no TZ string gets its transitions written out to the end of {@link
 * #LAST_YEAR} and an empty footer.
 *
 * <pre>{@code
 * byte[] paris = TzifFile.of(ZoneId.of("Europe/Paris"));
 * // Python: zoneinfo.ZoneInfo.from_file(io.BytesIO(paris)) is Paris, CET/CEST
 * }</pre>
 */
public final class TzifFile {
  /** The last year written out as transitions when a zone's yearly rules have no TZ string. */
  static final int LAST_YEAR = 2100;

  /** Past every change java.time knows of: the rules from then on are the zone's rules for good. */
  static final Instant END_OF_TIME = Instant.parse("3000-01-01T00:00:00Z");

  private TzifFile() {}

  /** The TZif file of {@code zone}. */
  public static byte[] of(ZoneId zone) {
    return of(zone.getId(), zone.getRules());
  }

  /** The TZif file of the zone named {@code id}, whose rules are {@code rules}. */
  public static byte[] of(String id, ZoneRules rules) {
    ZoneAbbreviations names = ZoneAbbreviations.of(id, rules);
    Map<LocalTimeType, Integer> types = new LinkedHashMap<>();
    List<Long> times = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<ZoneOffsetTransition> transitions = new ArrayList<>(rules.getTransitions());
    // Type 0 is the local time before the first transition.
    Instant beforeAll = transitions.isEmpty() ? Instant.EPOCH : transitions.get(0).getInstant().minusSeconds(1);
    typeIndex(types, names, rules.getOffset(beforeAll), rules.isDaylightSavings(beforeAll));
    Optional<PosixTzString> footer = PosixTzString.of(rules, names);
    if (footer.isEmpty()) {
      Instant cursor = transitions.isEmpty() ? Instant.EPOCH : transitions.get(transitions.size() - 1).getInstant();
      for (ZoneOffsetTransition next = rules.nextTransition(cursor);
          next != null && next.getDateTimeBefore().getYear() <= LAST_YEAR; next = rules.nextTransition(next.getInstant())) {
        transitions.add(next);
      }
    }
    for (int i = 0; i < transitions.size(); i++) {
      ZoneOffsetTransition transition = transitions.get(i);
      long time = transition.getInstant().getEpochSecond();
      ZoneOffset offset = transition.getOffsetAfter();
      times.add(time);
      indexes.add(typeIndex(types, names, offset, rules.isDaylightSavings(transition.getInstant())));
      // java.time lists the changes of the wall offset only: a change of the standard offset alone
      // (Chihuahua's daylight saving time of 2022 that became its standard time) starts a period too.
      ZoneOffsetTransition next = rules.nextTransition(transition.getInstant());
      long end = next == null ? END_OF_TIME.getEpochSecond() : next.getInstant().getEpochSecond();
      for (long change = standardChange(rules, time, end); change < end; change = standardChange(rules, change, end)) {
        times.add(change);
        Instant at = Instant.ofEpochSecond(change);
        indexes.add(typeIndex(types, names, offset, rules.isDaylightSavings(at)));
      }
    }
    boolean version3 = footer.map(PosixTzString::needsVersion3).orElse(false);
    return write(version3 ? '3' : '2', times, indexes, List.copyOf(types.keySet()), footer.map(PosixTzString::text).orElse(""));
  }

  /**
   * The first second after {@code from} and before {@code end} whose standard offset is not that of
   * {@code from}, or {@code end} when there is none (a change found by halving, assuming at most
   * a few in a period whose wall offset stays the same).
   */
  private static long standardChange(ZoneRules rules, long from, long end) {
    ZoneOffset standard = rules.getStandardOffset(Instant.ofEpochSecond(from));
    if (rules.getStandardOffset(Instant.ofEpochSecond(end - 1)).equals(standard)) {
      return end;
    }
    long same = from;
    long other = end - 1;
    while (other - same > 1) {
      long middle = same + (other - same) / 2;
      if (rules.getStandardOffset(Instant.ofEpochSecond(middle)).equals(standard)) {
        same = middle;
      } else {
        other = middle;
      }
    }
    return other;
  }

  private static int typeIndex(Map<LocalTimeType, Integer> types, ZoneAbbreviations names, ZoneOffset offset, boolean isDst) {
    int seconds = offset.getTotalSeconds();
    return types.computeIfAbsent(new LocalTimeType(seconds, isDst, names.of(seconds, isDst)), type -> types.size());
  }

  static byte[] write(char version, List<Long> times, List<Integer> indexes, List<LocalTimeType> types, String footer) {
    if (types.isEmpty() || types.size() > 256) {
      throw new IllegalArgumentException("a TZif file has 1 to 256 local time types, not " + types.size());
    }
    ByteArrayOutputStream designations = new ByteArrayOutputStream();
    Map<String, Integer> designationIndex = new LinkedHashMap<>();
    for (LocalTimeType type : types) {
      designationIndex.computeIfAbsent(type.abbreviation(), name -> {
        int index = designations.size();
        designations.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        designations.write(0);
        return index;
      });
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      // Version 1 block, as zic's "slim" output: no transitions, one type, one designation byte.
      header(out, version, 0, 1, 1);
      out.writeInt(0);
      out.writeByte(0);
      out.writeByte(0);
      out.writeByte(0);
      header(out, version, times.size(), types.size(), designations.size());
      for (long time : times) {
        out.writeLong(time);
      }
      for (int index : indexes) {
        out.writeByte(index);
      }
      for (LocalTimeType type : types) {
        out.writeInt(type.utcOffset());
        out.writeByte(type.isDst() ? 1 : 0);
        out.writeByte(designationIndex.get(type.abbreviation()));
      }
      out.write(designations.toByteArray());
      out.write('\n');
      out.write(footer.getBytes(StandardCharsets.US_ASCII));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A TZif header: magic, version, 15 reserved bytes, then isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt. */
  private static void header(DataOutputStream out, char version, int times, int types, int chars) throws IOException {
    out.write("TZif".getBytes(StandardCharsets.US_ASCII));
    out.write(version);
    out.write(new byte[15]);
    out.writeInt(0);
    out.writeInt(0);
    out.writeInt(0);
    out.writeInt(times);
    out.writeInt(types);
    out.writeInt(chars);
  }
}
