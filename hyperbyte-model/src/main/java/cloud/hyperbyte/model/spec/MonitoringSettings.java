package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;

/** Prometheus and Grafana integration. */
@Value.Immutable
public interface MonitoringSettings {

  /** Prometheus scrape annotations on pods. */
  boolean scrapeAnnotations();

  /** A ServiceMonitor. */
  boolean serviceMonitor();

  /** A Grafana dashboard ConfigMap. */
  boolean grafanaDashboard();

  /** A PrometheusRule with alerts. */
  boolean prometheusRule();
}
