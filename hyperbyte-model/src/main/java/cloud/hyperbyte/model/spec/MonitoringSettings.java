package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.RelabelConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** Prometheus and Grafana integration. */
@Value.Immutable
public interface MonitoringSettings {

  /** Scrape interval when {@code serviceMonitorInterval} is not set. */
  String DEFAULT_INTERVAL = "30s";

  /** The label the Grafana sidecar looks for by default, and its value. */
  Map<String, String> DEFAULT_DASHBOARD_LABELS = Map.of("grafana_dashboard", "1");

  /** Prometheus scrape annotations on pods. */
  boolean scrapeAnnotations();

  /** A ServiceMonitor. */
  boolean serviceMonitor();

  /** Extra labels on the ServiceMonitor (a Prometheus' {@code serviceMonitorSelector}). */
  @Value.Default
  default Map<String, String> serviceMonitorLabels() {
    return Map.of();
  }

  /** Scrape interval, a Prometheus duration. */
  @Value.Default
  default String serviceMonitorInterval() {
    return DEFAULT_INTERVAL;
  }

  /** Scrape timeout, a Prometheus duration; empty: Prometheus' global one. */
  Optional<String> serviceMonitorScrapeTimeout();

  /** Target relabelings, as written. Treat as read-only. */
  List<RelabelConfig> serviceMonitorRelabelings();

  /** Sample relabelings, as written. Treat as read-only. */
  List<RelabelConfig> serviceMonitorMetricRelabelings();

  /** A Grafana dashboard ConfigMap. */
  boolean grafanaDashboard();

  /** Labels the Grafana sidecar selects the dashboard ConfigMap by. */
  @Value.Default
  default Map<String, String> grafanaDashboardLabels() {
    return DEFAULT_DASHBOARD_LABELS;
  }

  /** A PrometheusRule with alerts. */
  boolean prometheusRule();
}
