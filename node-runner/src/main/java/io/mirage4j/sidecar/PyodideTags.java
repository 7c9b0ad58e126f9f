package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which wheels this runtime's Pyodide can install: pure-Python ones, and ones built for its CPython
 * version on its Emscripten platform, by the same rules pip applies to an interpreter's tags. Read
 * from the {@code info} of the installed {@code pyodide-lock.json}: for Pyodide 314.0.8, CPython
 * 3.14 and the platform tags {@code pyemscripten_2026_0_wasm32} (the name PEP 783 gives them),
 * {@code pyodide_2026_0_wasm32} (the name before it) and {@code emscripten_5_0_3_wasm32}.
 *
 * @param minor CPython's minor version (13 for 3.13)
 * @param platforms the platform tags of binary wheels built for this Pyodide, its own first
 */
record PyodideTags(int minor, List<String> platforms) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<Path, PyodideTags> read = new ConcurrentHashMap<>();
  private static final Pattern PYTHON_VERSION = Pattern.compile("3\\.(\\d+)(?:\\..*)?");
  private static final Pattern CPYTHON = Pattern.compile("cp3(\\d+)");
  private static final Pattern PYTHON = Pattern.compile("py3(\\d+)");

  PyodideTags {
    platforms = List.copyOf(platforms);
  }

  /** The tags of the pyodide installed in the runtime's js-shim. */
  static PyodideTags of(NodeRuntime runtime) {
    return read.computeIfAbsent(runtime.shimDir().resolve("node_modules/pyodide/pyodide-lock.json"), PyodideTags::read);
  }

  private static PyodideTags read(Path lock) {
    JsonNode info;
    try {
      info = MAPPER.readTree(lock.toFile()).path("info");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + lock + ": " + e.getMessage(), e);
    }
    Matcher python = PYTHON_VERSION.matcher(info.path("python").asText(""));
    String abi = info.path("abi_version").asText("");
    String arch = info.path("arch").asText("");
    String platform = info.path("platform").asText("");
    if (!python.matches() || abi.isEmpty() || arch.isEmpty() || platform.isEmpty()) {
      throw new IllegalStateException("no python, abi_version, arch and platform in the info of " + lock);
    }
    return new PyodideTags(Integer.parseInt(python.group(1)), List.of(
        "pyemscripten_" + abi + "_" + arch, "pyodide_" + abi + "_" + arch, platform + "_" + arch));
  }

  /** Why Pyodide cannot install {@code wheel}, or nothing when it can. */
  Optional<String> refusal(WheelName wheel) {
    for (String python : wheel.pythons()) {
      for (String abi : wheel.abis()) {
        for (String platform : wheel.platforms()) {
          if (supports(python, abi, platform)) {
            return Optional.empty();
          }
        }
      }
    }
    boolean knownPlatform = wheel.platforms().stream().anyMatch(p -> p.equals("any") || platforms.contains(p));
    String why = knownPlatform
        ? "tagged " + wheel.tag() + ", which is not for CPython 3." + minor
        : "tagged " + wheel.tag() + ", for platform " + String.join(".", wheel.platforms()) + ", which Pyodide cannot load";
    return Optional.of(why + "; use a pure-Python wheel (py3-none-any) or one built for this Pyodide (" + builtFor()
        + "; " + String.join(" and ", platforms.subList(1, platforms.size())) + " work too)");
  }

  /** The tag of a wheel built for this Pyodide, e.g. {@code cp314-cp314-pyemscripten_2026_0_wasm32}. */
  String builtFor() {
    return "cp3" + minor + "-cp3" + minor + "-" + platforms.get(0);
  }

  private boolean supports(String python, String abi, String platform) {
    boolean any = platform.equals("any");
    if (!any && !platforms.contains(platform)) {
      return false;
    }
    String cpython = "cp3" + minor;
    if (abi.equals("none")) {
      return python.equals("py3") || python.equals(cpython) || minorOf(PYTHON, python) <= minor;
    }
    if (abi.equals("abi3")) {
      int built = minorOf(CPYTHON, python);
      return !any && built >= 2 && built <= minor;
    }
    return !any && abi.equals(cpython) && python.equals(cpython);
  }

  /** The minor version in a tag such as {@code py312}, or {@link Integer#MAX_VALUE} for another tag. */
  private static int minorOf(Pattern pattern, String tag) {
    Matcher m = pattern.matcher(tag);
    return m.matches() && m.group(1).length() <= 3 ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
  }
}
