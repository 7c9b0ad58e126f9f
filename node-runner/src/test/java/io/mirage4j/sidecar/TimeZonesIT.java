package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resources;
import io.mirage4j.tzdata.TzdataPackage;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Python's {@code zoneinfo} in a real sidecar finds every zone without network, from the {@code
 * tzdata} package made of the JDK's rules, and gives the offsets java.time gives; each call sees
 * zoneinfo as a new process would (its search path from the call's environment, no zone cached
 * by an earlier call).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TimeZonesIT {
  /** Each zone and the abbreviations of its standard and daylight saving time, as mirage4j names them. */
  private static final Map<String, List<String>> ZONES = Map.of(
      "Europe/Paris", List.of("CET", "CEST"),
      "America/New_York", List.of("EST", "EDT"),
      "Australia/Lord_Howe", List.of("LHST", "LHDT"),
      "Asia/Kolkata", List.of("IST", "IST"),
      "Pacific/Chatham", List.of("CHAST", "CHADT"),
      "UTC", List.of("UTC", "UTC"));

  private static final String READ = """
      import sys
      from datetime import datetime, timezone
      from zoneinfo import ZoneInfo
      for line in sys.stdin.read().split(chr(10)):
          if line:
              key, t = line.split()
              local = datetime.fromtimestamp(int(t), timezone.utc).astimezone(ZoneInfo(key))
              print(key, t, int(local.utcoffset().total_seconds()), int(local.dst().total_seconds()), local.tzname())
      """;

  @Test
  void offsetsDaylightSavingAndNamesAcrossEachChangeAreJavaTimes() {
    StringBuilder request = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    ZONES.forEach((key, names) -> {
      ZoneRules rules = ZoneId.of(key).getRules();
      for (long time : instants(rules)) {
        Instant instant = Instant.ofEpochSecond(time);
        boolean daylight = rules.isDaylightSavings(instant);
        request.append(key).append(' ').append(time).append('\n');
        expected.append(key).append(' ').append(time).append(' ').append(rules.getOffset(instant).getTotalSeconds())
            .append(' ').append(rules.getDaylightSavings(instant).toSeconds()).append(' ')
            .append(names.get(daylight ? 1 : 0)).append('\n');
      }
    });
    try (Workspace ws = Workspace.builder().build()) {
      ExecResult result = ws.execute("python3 -c '" + READ.replace("'", "'\\''") + "' <<'EOF'\n" + request + "EOF");
      assertThat(result.stderrText()).isEmpty();
      assertThat(result.stdoutText()).isEqualTo(expected.toString());
    }
  }

  @Test
  void everyZoneIsAvailableAndNowWorks() {
    try (Workspace ws = Workspace.builder().build()) {
      ExecResult result = ws.execute("""
          python3 -c 'import zoneinfo, tzdata
          from datetime import datetime
          zones = zoneinfo.available_timezones()
          print(len(zones), tzdata.IANA_VERSION, sorted(zones)[:2], "Asia/Calcutta" in zones)
          now = datetime.now(zoneinfo.ZoneInfo("Europe/Paris"))
          print(now.year >= 2026, now.utcoffset().total_seconds() in (3600, 7200), now.tzname() in ("CET", "CEST"))'""");
      assertThat(result.stderrText()).isEmpty();
      assertThat(result.stdoutText()).isEqualTo(TzdataPackage.zones().size() + " " + TzdataPackage.tzdbVersion()
          + " ['Africa/Abidjan', 'Africa/Accra'] True\nTrue True True\n");
    }
  }

  /**
   * A zone loaded in one call is loaded from its file again in the next, and PYTHONTZPATH is read
   * in each call, whichever call imported zoneinfo first: the file on the mount changes between
   * calls, and the search path comes and goes with the environment.
   */
  @Test
  void eachCallFindsZonesAsANewProcessWould() {
    InMemoryResource data = Resources.inMemory();
    try (Workspace ws = Workspace.builder().mount("/data", data).build()) {
      String copy = "import importlib.resources as r, os; os.makedirs(\"/data/tz/My\", exist_ok=True); "
          + "open(\"/data/tz/My/Zone\", \"wb\").write(r.files(\"tzdata.zoneinfo.%s\").joinpath(\"%s\").read_bytes())";
      String show = "from zoneinfo import ZoneInfo, TZPATH; from datetime import datetime; "
          + "print(TZPATH, ZoneInfo(\"My/Zone\").utcoffset(datetime(2024, 1, 1)))";
      assertThat(ws.execute("python3 -c '" + copy.formatted("Asia", "Tokyo") + "'").exitCode()).isZero();
      assertThat(ws.execute("PYTHONTZPATH=/data/tz python3 -c '" + show + "'").stdoutText())
          .isEqualTo("('/data/tz',) 9:00:00\n");
      assertThat(ws.execute("PYTHONTZPATH=/data/tz python3 -c '" + show + "'").stdoutText())
          .isEqualTo("('/data/tz',) 9:00:00\n");
      assertThat(ws.execute("python3 -c '" + copy.formatted("Europe", "Paris") + "'").exitCode()).isZero();
      assertThat(ws.execute("PYTHONTZPATH=/data/tz python3 -c '" + show + "'").stdoutText())
          .isEqualTo("('/data/tz',) 1:00:00\n");
      ExecResult without = ws.execute("python3 -c '" + show + "'");
      assertThat(without.stdoutText()).isEmpty();
      assertThat(without.stderrText()).endsWith("zoneinfo._common.ZoneInfoNotFoundError: 'No time zone found with key My/Zone'\n");
    }
  }

  /** Both sides of each change from 1995 to 2035, and an hour either side. */
  private static List<Long> instants(ZoneRules rules) {
    List<Long> times = new ArrayList<>(List.of(946_684_800L, 1_700_000_000L));
    Instant end = ZonedDateTime.parse("2035-12-31T00:00Z").toInstant();
    for (ZoneOffsetTransition next = rules.nextTransition(ZonedDateTime.parse("1995-01-01T00:00Z").toInstant());
        next != null && next.getInstant().isBefore(end); next = rules.nextTransition(next.getInstant())) {
      long at = next.getInstant().getEpochSecond();
      times.addAll(List.of(at - 3600, at - 1, at, at + 3600));
    }
    return times;
  }
}
