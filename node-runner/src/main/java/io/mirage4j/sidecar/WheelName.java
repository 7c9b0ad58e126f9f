package io.mirage4j.sidecar;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a wheel's file name, {@code NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl} (the
 * binary distribution format). Each tag may be a compressed set ({@code py2.py3}): a wheel
 * supports every combination of the tags it lists.
 *
 * @param distribution the distribution's name as the file spells it
 * @param version its version
 * @param pythons the Python tags ({@code py3}, {@code cp313}, …)
 * @param abis the ABI tags ({@code none}, {@code abi3}, {@code cp313})
 * @param platforms the platform tags ({@code any}, {@code pyodide_2025_0_wasm32}, …)
 */
record WheelName(String distribution, String version, List<String> pythons, List<String> abis, List<String> platforms) {
  private static final Pattern NAME = Pattern.compile(
      "(?<name>[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?)-(?<version>[A-Za-z0-9_.!+]+)(?:-\\d[A-Za-z0-9_.]*)?"
          + "-(?<python>[A-Za-z0-9_.]+)-(?<abi>[A-Za-z0-9_.]+)-(?<platform>[A-Za-z0-9_.]+)\\.whl");

  WheelName {
    pythons = List.copyOf(pythons);
    abis = List.copyOf(abis);
    platforms = List.copyOf(platforms);
  }

  /** The parts of {@code fileName}, or none when it is not a wheel's file name. */
  static Optional<WheelName> parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new WheelName(m.group("name"), m.group("version"), tags(m.group("python")),
        tags(m.group("abi")), tags(m.group("platform"))));
  }

  /** The name as package indexes compare names: lower case, each run of {@code -_.} one {@code -}. */
  static String canonical(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  /** The tags as the file name writes them, {@code PYTHON-ABI-PLATFORM}. */
  String tag() {
    return String.join(".", pythons) + "-" + String.join(".", abis) + "-" + String.join(".", platforms);
  }

  private static List<String> tags(String compressed) {
    return List.of(compressed.split("\\.", -1));
  }
}
