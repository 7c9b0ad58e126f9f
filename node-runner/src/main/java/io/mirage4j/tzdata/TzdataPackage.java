package io.mirage4j.tzdata;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRulesProvider;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JDK's time zones as the PyPI {@code tzdata} package lays them out, in a tar archive whose
 * entries go in the interpreter's site-packages: {@code tzdata/__init__.py} ({@code IANA_VERSION},
 * the JDK's tzdb version), {@code tzdata/zones} (every key, one a line, which {@code
 * zoneinfo.available_timezones()} reads) and {@code tzdata/zoneinfo/<Area>/<City>} TZif files
 * ({@link TzifFile}), with an empty {@code __init__.py} in each directory so that {@code
 * importlib.resources} finds them as {@code zoneinfo} asks it to.
 *
 * <p>The keys are {@link ZoneId#getAvailableZoneIds()} (the tz database's zones and its backward
 * links, {@code Asia/Calcutta}, {@code US/Eastern}), and the three of {@link ZoneId#SHORT_IDS}
 * that the tz database also has as fixed offsets: {@code EST}, {@code MST}, {@code HST}. The other
 * short IDs ({@code PST}, {@code IST}...) are Java's own, not IANA names.
 *
 * <pre>{@code
 * byte[] tar = TzdataPackage.build();   // about 1 MB, a few hundred milliseconds
 * TzdataPackage.tzdbVersion();          // "2025a" on a JDK 17.0.15
 * }</pre>
 */
public final class TzdataPackage {
  private TzdataPackage() {}

  /** The version of the tz database the JDK's rules come from, e.g. {@code 2025a}. */
  public static String tzdbVersion() {
    return ZoneRulesProvider.getVersions("UTC").lastKey();
  }

  /** Every zone's TZif file, by key. */
  public static Map<String, byte[]> zones() {
    Map<String, byte[]> zones = new TreeMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      zones.put(id, TzifFile.of(ZoneId.of(id)));
    }
    ZoneId.SHORT_IDS.forEach((id, target) -> {
      if (ZoneId.of(target) instanceof ZoneOffset offset && !zones.containsKey(id)) {
        zones.put(id, TzifFile.of(id, offset.getRules()));
      }
    });
    return zones;
  }

  /** The tar archive of the {@code tzdata} package. */
  public static byte[] build() {
    String version = tzdbVersion();
    Map<String, byte[]> zones = zones();
    TarWriter tar = new TarWriter();
    tar.directory("tzdata/");
    tar.file("tzdata/__init__.py", initFile(version).getBytes(StandardCharsets.UTF_8));
    tar.file("tzdata/zones", (String.join("\n", zones.keySet()) + "\n").getBytes(StandardCharsets.US_ASCII));
    TreeSet<String> directories = new TreeSet<>();
    directories.add("tzdata/zoneinfo/");
    zones.keySet().forEach(key -> {
      for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
        directories.add("tzdata/zoneinfo/" + key.substring(0, slash + 1));
      }
    });
    for (String directory : directories) {
      tar.directory(directory);
      tar.file(directory + "__init__.py", new byte[0]);
    }
    zones.forEach((key, tzif) -> tar.file("tzdata/zoneinfo/" + key, tzif));
    return tar.finish();
  }

  private static String initFile(String version) {
    return "# The IANA time zone database, written by mirage4j from the JDK's time-zone rules.\n"
        + "# IANA versions such as 2025a are not PEP 440 versions: 2025a is 2025.1, 2025b 2025.2.\n"
        + "__version__ = \"" + pep440(version) + "\"\n"
        + "IANA_VERSION = \"" + version + "\"\n";
  }

  private static String pep440(String version) {
    if (version.matches("\\d{4}[a-z]")) {
      return version.substring(0, 4) + "." + (version.charAt(4) - 'a' + 1);
    }
    return "0";
  }
}
