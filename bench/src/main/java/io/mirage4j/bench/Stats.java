package io.mirage4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians, slopes and number formatting for the report. */
final class Stats {
  private Stats() {}

  static double median(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double min(List<Double> samples) {
    return Collections.min(samples);
  }

  static double max(List<Double> samples) {
    return Collections.max(samples);
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100) of the samples. */
  static double percentile(List<Double> samples, double p) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** The least-squares slope of {@code ys} over {@code xs}. */
  static double slope(List<Double> xs, List<Double> ys) {
    int n = xs.size();
    double mx = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double my = ys.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (xs.get(i) - mx) * (ys.get(i) - my);
      den += (xs.get(i) - mx) * (xs.get(i) - mx);
    }
    return num / den;
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Three significant digits at least, no exponent. */
  static String format(double v) {
    double a = Math.abs(v);
    String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.4f";
    return String.format(Locale.ROOT, pattern, v);
  }

  /** A short description of samples for the progress log: median, min, max, count. */
  static String describe(List<Double> samples, String unit) {
    return "median " + format(median(samples)) + " " + unit
        + " (min " + format(min(samples)) + ", max " + format(max(samples)) + ", n=" + samples.size() + ")";
  }
}
