package cloud.hyperbyte.operator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of the operator's {@code /metrics} (Prometheus text format), read the way the benchmark
 * needs it: counter sums and quantiles of classic histograms, also over the difference between two
 * scrapes (what happened in one scenario).
 */
record MetricsText(List<String> lines) {

  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  static MetricsText of(String text) {
    return new MetricsText(text.lines().filter(l -> !l.startsWith("#")).toList());
  }

  /** The sum of every series of {@code name} whose labels contain {@code labelFilter} ("" for all). */
  double sum(String name, String labelFilter) {
    double total = 0;
    for (String line : lines) {
      if (nameOf(line).equals(name) && line.contains(labelFilter)) {
        total += value(line);
      }
    }
    return total;
  }

  /** Cumulative bucket counts of histogram {@code name} by upper bound, summed over its other labels. */
  TreeMap<Double, Double> buckets(String name, String labelFilter) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (String line : lines) {
      if (nameOf(line).equals(name + "_bucket") && line.contains(labelFilter)) {
        Matcher le = LE.matcher(line);
        if (le.find()) {
          double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
          buckets.merge(bound, value(line), Double::sum);
        }
      }
    }
    return buckets;
  }

  /** Bucket counts of this scrape minus those of {@code before}. */
  static TreeMap<Double, Double> difference(TreeMap<Double, Double> after, TreeMap<Double, Double> before) {
    TreeMap<Double, Double> result = new TreeMap<>();
    after.forEach((bound, count) -> result.put(bound, count - before.getOrDefault(bound, 0.0)));
    return result;
  }

  /**
   * The {@code q} quantile of cumulative {@code buckets}, interpolated linearly inside the bucket as
   * Prometheus' {@code histogram_quantile} does; NaN without observations.
   */
  static double quantile(double q, TreeMap<Double, Double> buckets) {
    if (buckets.isEmpty() || buckets.lastEntry().getValue() <= 0) {
      return Double.NaN;
    }
    double rank = q * buckets.lastEntry().getValue();
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return lowerBound; // beyond the highest bound: the highest bound is all that is known
        }
        double inBucket = bucket.getValue() - lowerCount;
        return inBucket <= 0 ? bucket.getKey()
            : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    return lowerBound;
  }

  /** Observations in cumulative {@code buckets}. */
  static double count(TreeMap<Double, Double> buckets) {
    return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
  }

  private static String nameOf(String line) {
    int end = 0;
    while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
      end++;
    }
    return line.substring(0, end);
  }

  private static double value(String line) {
    String[] parts = line.trim().split(" ");
    List<String> fields = new ArrayList<>(List.of(parts));
    // "name{labels} value" or "name{labels} value timestamp"
    int labelsEnd = line.lastIndexOf('}');
    String rest = labelsEnd >= 0 ? line.substring(labelsEnd + 1).trim() : String.join(" ", fields.subList(1, fields.size()));
    return Double.parseDouble(rest.split(" ")[0]);
  }
}
