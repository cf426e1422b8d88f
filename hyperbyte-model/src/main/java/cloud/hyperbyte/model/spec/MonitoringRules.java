package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.model.v1alpha1.MonitoringSpec;
import cloud.hyperbyte.model.v1alpha1.RelabelConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of {@code spec.monitoring}'s ServiceMonitor and dashboard settings: label keys and values
 * as the API server checks them, Prometheus durations and the Prometheus Operator's own refusals
 * (a scrape timeout above the interval, relabelings Prometheus rejects when it loads its config), so
 * a bad value is refused with its field path instead of a ServiceMonitor Prometheus silently drops.
 */
final class MonitoringRules {

  private static final String PATH = "spec.monitoring";
  private static final Pattern DURATION = Pattern.compile(MonitoringSpec.PROMETHEUS_DURATION);
  private static final Pattern PROMETHEUS_LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
  /** Actions Prometheus refuses without {@code target_label} ({@code relabel.Config.Validate}). */
  private static final Set<String> NEED_TARGET = Set.of("replace", "hashmod", "lowercase", "uppercase", "keepequal", "dropequal");
  private static final Set<String> LABEL_ONLY = Set.of("labeldrop", "labelkeep");

  private final List<Problem> problems;

  private MonitoringRules(List<Problem> problems) {
    this.problems = problems;
  }

  /** Adds the problems of {@code spec.monitoring} to {@code problems}. */
  static void check(HyperbytedbClusterSpec spec, List<Problem> problems) {
    MonitoringSpec monitoring = spec.getMonitoring();
    if (monitoring == null) {
      return;
    }
    MonitoringRules rules = new MonitoringRules(problems);
    rules.labels(PATH + ".serviceMonitorLabels", monitoring.getServiceMonitorLabels());
    rules.labels(PATH + ".grafanaDashboardLabels", monitoring.getGrafanaDashboardLabels());
    Optional<Duration> interval = rules.duration(PATH + ".serviceMonitorInterval", monitoring.getServiceMonitorInterval());
    Optional<Duration> timeout = rules.duration(PATH + ".serviceMonitorScrapeTimeout", monitoring.getServiceMonitorScrapeTimeout());
    Duration effectiveInterval = interval.orElse(parse(MonitoringSettings.DEFAULT_INTERVAL).orElseThrow());
    if (timeout.isPresent() && timeout.get().compareTo(effectiveInterval) > 0) {
      problems.add(Problem.error(PATH + ".serviceMonitorScrapeTimeout",
          monitoring.getServiceMonitorScrapeTimeout() + " is longer than the scrape interval "
              + (interval.isPresent() ? monitoring.getServiceMonitorInterval() : MonitoringSettings.DEFAULT_INTERVAL)
              + "; the Prometheus Operator refuses such a ServiceMonitor"));
    }
    rules.relabelings(PATH + ".serviceMonitorRelabelings", monitoring.getServiceMonitorRelabelings());
    rules.relabelings(PATH + ".serviceMonitorMetricRelabelings", monitoring.getServiceMonitorMetricRelabelings());
  }

  /**
   * A Prometheus duration ({@code 1h30m}, {@code 15s}, {@code 500ms}), or empty when it is not one.
   * Years are 365 days, as in Prometheus.
   */
  static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    if (text.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    long[] millisPerUnit = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
    long millis = 0;
    for (int unit = 0; unit < millisPerUnit.length; unit++) {
      String digits = m.group(3 + 2 * unit);
      if (digits != null) {
        try {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(digits), millisPerUnit[unit]));
        } catch (ArithmeticException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(Duration.ofMillis(millis));
  }

  private Optional<Duration> duration(String path, String text) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<Duration> parsed = parse(text);
    if (parsed.isEmpty()) {
      problems.add(Problem.error(path, "\"" + text + "\" is not a Prometheus duration such as 30s, 1m or 1h30m"
          + " (units ms, s, m, h, d, w, y, largest first, no spaces)"));
    } else if (parsed.get().isZero()) {
      problems.add(Problem.error(path, "must be longer than zero"));
      return Optional.empty();
    }
    return parsed;
  }

  private void labels(String path, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    BuiltInFieldRules.labels(path, labels, problems);
    labels.keySet().stream().filter(OperatorPaths.RESERVED_LABELS::contains).forEach(key -> problems.add(
        Problem.error(path + "[" + key + "]", "is set by the operator, which finds its objects by it; remove it")));
  }

  private void relabelings(String path, List<RelabelConfig> relabelings) {
    if (relabelings == null) {
      return;
    }
    for (int i = 0; i < relabelings.size(); i++) {
      RelabelConfig rule = relabelings.get(i);
      String at = path + "[" + i + "]";
      if (rule == null) {
        problems.add(Problem.error(at, "must not be null"));
        continue;
      }
      List<String> sources = rule.getSourceLabels() == null ? List.of() : rule.getSourceLabels();
      for (int j = 0; j < sources.size(); j++) {
        String source = sources.get(j);
        if (source == null || !PROMETHEUS_LABEL_NAME.matcher(source).matches()) {
          problems.add(Problem.error(at + ".sourceLabels[" + j + "]",
              "\"" + source + "\" is not a Prometheus label name (letters, digits and '_', not starting with a digit)"));
        }
      }
      String action = rule.getAction() == null ? "replace" : rule.getAction().toLowerCase(Locale.ROOT);
      boolean noTarget = rule.getTargetLabel() == null || rule.getTargetLabel().isEmpty();
      if (NEED_TARGET.contains(action) && noTarget) {
        problems.add(Problem.error(at + ".targetLabel", "is required by the " + action + " action; Prometheus"
            + " refuses the rule (and with it the whole scrape configuration) otherwise"));
      }
      if (action.equals("hashmod") && (rule.getModulus() == null || rule.getModulus() == 0)) {
        problems.add(Problem.error(at + ".modulus", "must be greater than zero for the hashmod action"));
      }
      if (LABEL_ONLY.contains(action) && (!sources.isEmpty() || !noTarget)) {
        problems.add(Problem.error(at, "the " + action + " action matches label names with regex only;"
            + " remove sourceLabels and targetLabel"));
      }
    }
  }
}
