package io.mirage4j.tzdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every zone's TZif file, read by real CPython's {@code zoneinfo.ZoneInfo.from_file}, gives the
 * offsets java.time gives on both sides of each transition from 1900 to 2100 (the later years come
 * from the POSIX TZ footer), and the abbreviations {@link ZoneAbbreviations} names.
 */
class TzifFileTest {
  /** Reads "key time..." lines; prints "key time utcoffset tzname" for each time, the zone read from root/key. */
  private static final String READ = """
        import sys, zoneinfo
        from datetime import datetime, timezone
        root, request = sys.argv[1], sys.argv[2]
        out = []
        for line in open(request):
            key, *times = line.split()
            with open(root + "/" + key, "rb") as f:
                zone = zoneinfo.ZoneInfo.from_file(f, key=key)
            for t in times:
                local = datetime.fromtimestamp(int(t), timezone.utc).astimezone(zone)
                out.append(f"{key} {t} {int(local.utcoffset().total_seconds())} {local.tzname()}")
        sys.stdout.write("\\n".join(out) + "\\n")
        """;

  /** CPython on this machine: the system's python3 (3.11), and 3.13 when pyenv has it. */
  static List<String> pythons() {
    List<String> found = new ArrayList<>(List.of("python3"));
    Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions/3.13.0/bin/python3");
    if (Files.isExecutable(pyenv)) {
      found.add(pyenv.toString());
    }
    return found;
  }

  @Test
  void cpythonReadsEveryZoneAsJavaTimeHasIt(@TempDir Path dir) throws Exception {
    Map<String, byte[]> zones = TzdataPackage.zones();
    assertThat(zones).containsKeys("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
        "Pacific/Chatham", "UTC", "Asia/Calcutta", "US/Eastern", "EST").hasSizeGreaterThan(590);
    StringBuilder request = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (Map.Entry<String, byte[]> zone : zones.entrySet()) {
      Path file = dir.resolve("zones").resolve(zone.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, zone.getValue());
      ZoneRules rules = ZoneId.of(zone.getKey(), ZoneId.SHORT_IDS).getRules();
      ZoneAbbreviations names = ZoneAbbreviations.of(zone.getKey(), rules);
      request.append(zone.getKey());
      for (long time : instants(rules)) {
        Instant instant = Instant.ofEpochSecond(time);
        int offset = rules.getOffset(instant).getTotalSeconds();
        request.append(' ').append(time);
        expected.append(zone.getKey()).append(' ').append(time).append(' ').append(offset).append(' ')
            .append(names.of(offset, rules.isDaylightSavings(instant))).append('\n');
      }
      request.append('\n');
    }
    Files.writeString(dir.resolve("request"), request);
    Files.writeString(dir.resolve("read.py"), READ);
    for (String python : pythons()) {
      String printed = run(python, dir.resolve("read.py").toString(), dir.resolve("zones").toString(),
          dir.resolve("request").toString());
      assertThat(differences(printed, expected.toString())).as(python).isEmpty();
    }
  }

  /**
   * Yearly rules a TZ string cannot say (a Sunday on or after the 29th, which may fall in the next
   * month) are written out as transitions to the end of 2100, with an empty footer.
   */
  @Test
  void rulesWithoutATzStringAreWrittenOutTo2100(@TempDir Path dir) throws Exception {
    ZoneOffset standard = ZoneOffset.ofHours(3);
    ZoneOffset summer = ZoneOffset.ofHours(4);
    ZoneOffset before = ZoneOffset.ofHours(2);
    ZoneOffsetTransition since2000 = ZoneOffsetTransition.of(LocalDateTime.of(2000, 1, 1, 0, 0), before, standard);
    ZoneRules rules = ZoneRules.of(before, before, List.of(since2000), List.of(since2000), List.of(
        ZoneOffsetTransitionRule.of(Month.MARCH, 29, DayOfWeek.SUNDAY, LocalTime.of(2, 0), false,
            ZoneOffsetTransitionRule.TimeDefinition.WALL, standard, standard, summer),
        ZoneOffsetTransitionRule.of(Month.OCTOBER, 29, DayOfWeek.SUNDAY, LocalTime.of(3, 0), false,
            ZoneOffsetTransitionRule.TimeDefinition.WALL, standard, summer, standard)));
    assertThat(PosixTzString.of(rules, ZoneAbbreviations.of("Test/Odd", rules))).isEmpty();
    byte[] file = TzifFile.of("Test/Odd", rules);
    assertThat(new String(file, StandardCharsets.ISO_8859_1)).endsWith("\n\n");
    Files.write(dir.resolve("Odd"), file);
    StringBuilder request = new StringBuilder("Odd");
    StringBuilder expected = new StringBuilder();
    for (ZoneOffsetTransition next = rules.nextTransition(Instant.parse("2025-01-01T00:00:00Z"));
        next.getDateTimeBefore().getYear() <= 2100; next = rules.nextTransition(next.getInstant())) {
      for (long time : List.of(next.getInstant().getEpochSecond() - 1, next.getInstant().getEpochSecond())) {
        int offset = rules.getOffset(Instant.ofEpochSecond(time)).getTotalSeconds();
        request.append(' ').append(time);
        expected.append("Odd ").append(time).append(' ').append(offset).append(' ').append(offset == 10800 ? "+03" : "+04")
            .append('\n');
      }
    }
    Files.writeString(dir.resolve("request"), request.append('\n'));
    Files.writeString(dir.resolve("read.py"), READ);
    for (String python : pythons()) {
      String printed = run(python, dir.resolve("read.py").toString(), dir.toString(), dir.resolve("request").toString());
      assertThat(differences(printed, expected.toString())).as(python).isEmpty();
    }
  }

  @Test
  void namesLettersForCurrentTimesAndNumbersForTheRest() {
    ZoneAbbreviations paris = ZoneAbbreviations.of(ZoneId.of("Europe/Paris"));
    assertThat(List.of(paris.of(3600, false), paris.of(7200, true), paris.of(561, false), paris.of(7200, false)))
        .containsExactly("CET", "CEST", "+000921", "+02");
    ZoneAbbreviations gmtPlus5 = ZoneAbbreviations.of(ZoneId.of("Etc/GMT+5"));
    assertThat(gmtPlus5.of(-5 * 3600, false)).isEqualTo("-05");
    assertThat(ZoneAbbreviations.of(ZoneId.of("Asia/Kolkata")).of(19800, false)).isEqualTo("IST");
    assertThat(ZoneAbbreviations.numeric(-(4 * 3600 + 56 * 60 + 2))).isEqualTo("-045602");
    assertThat(ZoneAbbreviations.numeric(5 * 3600 + 45 * 60)).isEqualTo("+0545");
    assertThat(ZoneAbbreviations.numeric(0)).isEqualTo("+00");
  }

  @Test
  void footersAreThePosixRulesOfTheTzDatabase() {
    assertThat(footer("Europe/Paris")).isEqualTo("CET-1CEST,M3.5.0,M10.5.0/3");
    assertThat(footer("America/New_York")).isEqualTo("EST5EDT,M3.2.0,M11.1.0");
    assertThat(footer("Australia/Lord_Howe")).isEqualTo("LHST-10:30LHDT-11,M10.1.0,M4.1.0");
    assertThat(footer("Pacific/Chatham")).isEqualTo("CHAST-12:45CHADT,M9.5.0/2:45,M4.1.0/3:45");
    assertThat(footer("Asia/Kolkata")).isEqualTo("IST-5:30");
    assertThat(footer("UTC")).isEqualTo("UTC0");
    assertThat(footer("Etc/GMT+5")).isEqualTo("<-05>5");
    // Friday on or after March 23 at 02:00 is Thursday of the fourth week at 26:00 (version 3).
    PosixTzString jerusalem = PosixTzString.of(ZoneId.of("Asia/Jerusalem")).orElseThrow();
    assertThat(jerusalem.text()).isEqualTo("IST-2IDT,M3.4.4/26,M10.5.0");
    assertThat(jerusalem.needsVersion3()).isTrue();
  }

  @Test
  void fileHasVersion2HeaderThenTheFooterLine() {
    byte[] paris = TzifFile.of(ZoneId.of("Europe/Paris"));
    String text = new String(paris, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("TZif2").endsWith("\nCET-1CEST,M3.5.0,M10.5.0/3\n");
    assertThat(text.indexOf("TZif2", 5)).isEqualTo(44 + 7);
    assertThat(new String(TzifFile.of(ZoneId.of("Asia/Jerusalem")), StandardCharsets.ISO_8859_1)).startsWith("TZif3");
  }

  /** The lines that differ, "expected | printed", the first 40 of them. */
  private static List<String> differences(String printed, String expected) {
    List<String> got = printed.lines().toList();
    List<String> want = expected.lines().toList();
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < Math.max(got.size(), want.size()) && differ.size() < 40; i++) {
      String a = i < want.size() ? want.get(i) : "(none)";
      String b = i < got.size() ? got.get(i) : "(none)";
      if (!a.equals(b)) {
        differ.add(a + " | " + b);
      }
    }
    return differ;
  }

  private static String footer(String zone) {
    return PosixTzString.of(ZoneId.of(zone)).orElseThrow().text();
  }

  /** Both sides of each of the zone's transitions from 1900 to 2100, and a few fixed times. */
  private static List<Long> instants(ZoneRules rules) {
    List<Long> times = new ArrayList<>(List.of(-2_300_000_000L, 0L, 1_700_000_000L, 4_200_000_000L));
    Instant cursor = ZonedDateTime.parse("1900-01-01T00:00Z").toInstant();
    Instant end = ZonedDateTime.parse("2100-12-31T00:00Z").toInstant();
    for (ZoneOffsetTransition next = rules.nextTransition(cursor); next != null && next.getInstant().isBefore(end);
        next = rules.nextTransition(next.getInstant())) {
      times.add(next.getInstant().getEpochSecond() - 1);
      times.add(next.getInstant().getEpochSecond());
    }
    return times;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }
}
