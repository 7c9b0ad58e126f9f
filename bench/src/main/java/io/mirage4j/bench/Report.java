package io.mirage4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's output. Standard output carries only results, one per line: {@code NAME VALUE UNIT}
 * for a metric, {@code NAME_ratio VALUE} for a ratio, {@code NAME unavailable: reason} when it
 * could not be measured. Progress and the target summary go to standard error.
 */
final class Report {
  /** A target a value is compared with in the summary; never changes what is printed. */
  record Target(String name, boolean atMost, double bound, String unit) {
    boolean met(double value) {
      return atMost ? value <= bound : value >= bound;
    }

    String describe() {
      return (atMost ? "<= " : ">= ") + Stats.format(bound) + (unit.isEmpty() ? "" : " " + unit);
    }
  }

  private final PrintStream out;
  private final PrintStream log;
  private final Map<String, Double> values = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();
  private final List<Target> targets = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final long started = System.nanoTime();

  Report(PrintStream out, PrintStream log) {
    this.out = out;
    this.log = log;
  }

  void target(String name, boolean atMost, double bound, String unit) {
    targets.add(new Target(name, atMost, bound, unit));
  }

  void metric(String name, double value, String unit) {
    values.put(name, value);
    units.put(name, unit);
    out.println(name + " " + Stats.format(value) + " " + unit);
    out.flush();
  }

  /** Prints {@code name_ratio} = numerator / denominator when both were measured. */
  void ratio(String name, String numerator, String denominator) {
    Optional<Double> n = value(numerator);
    Optional<Double> d = value(denominator);
    String ratio = name + "_ratio";
    if (n.isEmpty() || d.isEmpty()) {
      unavailable(ratio, (n.isEmpty() ? numerator : denominator) + " was not measured", false);
      return;
    }
    double value = n.get() / d.get();
    values.put(ratio, value);
    units.put(ratio, "");
    out.println(ratio + " " + Stats.format(value));
    out.flush();
  }

  /** Says a result could not be measured; {@code failure} makes the harness exit non-zero. */
  void unavailable(String name, String reason, boolean failure) {
    out.println(name + " unavailable: " + reason.replace('\n', ' '));
    out.flush();
    if (failure) {
      failures.add(name);
    }
  }

  Optional<Double> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  double elapsedSeconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  void log(String message) {
    log.println("bench: " + message);
    log.flush();
  }

  List<String> failures() {
    return failures;
  }

  void summary() {
    log.println();
    log.println("bench: targets (informational; a missed target does not fail the run)");
    for (Target t : targets) {
      Double v = values.get(t.name());
      String line = v == null
          ? String.format("  %-44s %-14s target %-14s not measured", t.name(), "-", t.describe())
          : String.format("  %-44s %-14s target %-14s %s", t.name(),
              Stats.format(v) + (units.get(t.name()).isEmpty() ? "" : " " + units.get(t.name())),
              t.describe(), t.met(v) ? "met" : "MISSED");
      log.println(line);
    }
    log.println(String.format("bench: finished in %.0f s", elapsedSeconds()));
    log.flush();
  }
}
