package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Prometheus and Grafana integration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MonitoringSpec {

  @JsonPropertyDescription("Prometheus scrape annotations on pods.")
  @Default("true")
  private Boolean enabled;

  @JsonPropertyDescription("A Prometheus Operator ServiceMonitor.")
  @Default("true")
  private Boolean serviceMonitor;

  @JsonPropertyDescription("A ConfigMap with the Grafana dashboard (label grafana_dashboard: \"1\").")
  @Default("false")
  private Boolean grafanaDashboard;

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

}
