package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * Prometheus and Grafana integration. {@code serviceMonitor} stays a boolean, as in the Go operator's
 * CRD, so its manifests apply unchanged; the ServiceMonitor's settings are its {@code serviceMonitor*}
 * siblings (a structural CRD schema cannot let one field be a boolean or an object).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MonitoringSpec {

  /** Prometheus' duration grammar ({@code model.ParseDuration}), as the Prometheus Operator's CRDs spell it. */
  public static final String PROMETHEUS_DURATION =
      "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";

  @JsonPropertyDescription("Prometheus scrape annotations on pods.")
  @Default("true")
  private Boolean enabled;

  @JsonPropertyDescription("A Prometheus Operator ServiceMonitor; its settings are the serviceMonitor* fields"
      + " beside this one (a boolean here, as in the Go operator's CRD).")
  @Default("true")
  private Boolean serviceMonitor;

  @JsonPropertyDescription("Labels added to the ServiceMonitor, e.g. the release label a Prometheus selects"
      + " ServiceMonitors by (serviceMonitorSelector).")
  @Size(max = 32)
  private Map<String, String> serviceMonitorLabels;

  @JsonPropertyDescription("How often Prometheus scrapes each member, a Prometheus duration such as 30s or 1m"
      + " (default 30s).")
  @Size(max = 32)
  @Pattern(PROMETHEUS_DURATION)
  private String serviceMonitorInterval;

  @JsonPropertyDescription("How long one scrape may take, a Prometheus duration no longer than the interval"
      + " (default: Prometheus' global scrape timeout).")
  @Size(max = 32)
  @Pattern(PROMETHEUS_DURATION)
  private String serviceMonitorScrapeTimeout;

  @JsonPropertyDescription("Relabelings applied to each member's target labels before the scrape. The operator's"
      + " alerts and dashboard select members by the namespace, pod and job labels: keep them.")
  @Size(max = 32)
  private List<RelabelConfig> serviceMonitorRelabelings;

  @JsonPropertyDescription("Relabelings applied to the scraped samples before they are stored.")
  @Size(max = 32)
  private List<RelabelConfig> serviceMonitorMetricRelabelings;

  @JsonPropertyDescription("A ConfigMap with the Grafana dashboard, labelled for the Grafana sidecar"
      + " (grafanaDashboardLabels).")
  @Default("false")
  private Boolean grafanaDashboard;

  @JsonPropertyDescription("Labels the Grafana sidecar finds the dashboard ConfigMap by; replace the default"
      + " grafana_dashboard: \"1\" when the sidecar's label (or value) differs.")
  @Size(max = 32)
  private Map<String, String> grafanaDashboardLabels;

  @JsonPropertyDescription("A PrometheusRule with alerts.")
  @Default("false")
  private Boolean prometheusRule;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Boolean getServiceMonitor() {
    return serviceMonitor;
  }

  public void setServiceMonitor(Boolean serviceMonitor) {
    this.serviceMonitor = serviceMonitor;
  }

  public Boolean getGrafanaDashboard() {
    return grafanaDashboard;
  }

  public void setGrafanaDashboard(Boolean grafanaDashboard) {
    this.grafanaDashboard = grafanaDashboard;
  }

  public Boolean getPrometheusRule() {
    return prometheusRule;
  }

  public void setPrometheusRule(Boolean prometheusRule) {
    this.prometheusRule = prometheusRule;
  }

  public Map<String, String> getServiceMonitorLabels() {
    return serviceMonitorLabels;
  }

  public void setServiceMonitorLabels(Map<String, String> serviceMonitorLabels) {
    this.serviceMonitorLabels = serviceMonitorLabels;
  }

  public String getServiceMonitorInterval() {
    return serviceMonitorInterval;
  }

  public void setServiceMonitorInterval(String serviceMonitorInterval) {
    this.serviceMonitorInterval = serviceMonitorInterval;
  }

  public String getServiceMonitorScrapeTimeout() {
    return serviceMonitorScrapeTimeout;
  }

  public void setServiceMonitorScrapeTimeout(String serviceMonitorScrapeTimeout) {
    this.serviceMonitorScrapeTimeout = serviceMonitorScrapeTimeout;
  }

  public List<RelabelConfig> getServiceMonitorRelabelings() {
    return serviceMonitorRelabelings;
  }

  public void setServiceMonitorRelabelings(List<RelabelConfig> serviceMonitorRelabelings) {
    this.serviceMonitorRelabelings = serviceMonitorRelabelings;
  }

  public List<RelabelConfig> getServiceMonitorMetricRelabelings() {
    return serviceMonitorMetricRelabelings;
  }

  public void setServiceMonitorMetricRelabelings(List<RelabelConfig> serviceMonitorMetricRelabelings) {
    this.serviceMonitorMetricRelabelings = serviceMonitorMetricRelabelings;
  }

  public Map<String, String> getGrafanaDashboardLabels() {
    return grafanaDashboardLabels;
  }

  public void setGrafanaDashboardLabels(Map<String, String> grafanaDashboardLabels) {
    this.grafanaDashboardLabels = grafanaDashboardLabels;
  }
}
