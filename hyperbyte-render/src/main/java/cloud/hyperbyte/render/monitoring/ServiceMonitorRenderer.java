package cloud.hyperbyte.render.monitoring;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.UnmodelledObject;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus Operator {@code ServiceMonitor} {@code <name>}. It selects only the headless Service
 * (by the service-role label): the client Service has the same pods behind it, and selecting both
 * would scrape every member twice, as the Go operator did. Labels, interval, scrape timeout and
 * relabelings come from {@code spec.monitoring.serviceMonitor*}.
 */
public final class ServiceMonitorRenderer {

  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String KIND = "ServiceMonitor";

  private ServiceMonitorRenderer() {}

  /** The ServiceMonitor, or empty when turned off. */
  public static Optional<UnmodelledObject> render(ClusterSpec spec) {
    if (!spec.monitoring().serviceMonitor()) {
      return Optional.empty();
    }
    Map<String, Object> matchLabels = new LinkedHashMap<>(ClusterLabels.selector(spec));
    matchLabels.put(ClusterLabels.SERVICE_ROLE, ClusterLabels.HEADLESS_ROLE);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", DatabasePodTemplate.PORT_NAME);
    endpoint.put("path", DatabasePodTemplate.METRICS_PATH);
    endpoint.put("interval", spec.monitoring().serviceMonitorInterval());
    spec.monitoring().serviceMonitorScrapeTimeout().ifPresent(timeout -> endpoint.put("scrapeTimeout", timeout));
    TlsMode mode = spec.server().tls().mode();
    if (mode != TlsMode.DISABLED) {
      endpoint.put("scheme", "https");
      endpoint.put("tlsConfig", tlsConfig(spec, mode));
    } else {
      endpoint.put("scheme", "http");
    }
    if (!spec.monitoring().serviceMonitorRelabelings().isEmpty()) {
      endpoint.put("relabelings", Relabelings.toMaps(spec.monitoring().serviceMonitorRelabelings()));
    }
    if (!spec.monitoring().serviceMonitorMetricRelabelings().isEmpty()) {
      endpoint.put("metricRelabelings", Relabelings.toMaps(spec.monitoring().serviceMonitorMetricRelabelings()));
    }
    Map<String, Object> monitor = new LinkedHashMap<>();
    monitor.put("selector", Collections.singletonMap("matchLabels", matchLabels));
    monitor.put("namespaceSelector", Collections.singletonMap("matchNames", List.of(spec.namespace())));
    monitor.put("endpoints", List.of(endpoint));
    return Optional.of(new UnmodelledObject(API_VERSION, KIND,
        ObjectMetadata.of(spec, ClusterNames.of(spec).serviceMonitor(),
            UserLabels.under(spec.monitoring().serviceMonitorLabels(), ClusterLabels.common(spec))),
        monitor));
  }

  /**
   * With the operator's CA, verify against it (every member certificate names the client Service).
   * Other sources may be signed by a CA that is not in the Secret (ACME, a user's own PKI), so
   * their certificates are not verified; the scrape stays encrypted.
   */
  private static Map<String, Object> tlsConfig(ClusterSpec spec, TlsMode mode) {
    Map<String, Object> tls = new LinkedHashMap<>();
    if (mode == TlsMode.OPERATOR_CA) {
      Map<String, Object> secret = new LinkedHashMap<>();
      secret.put("name", ClusterNames.of(spec).tlsSecret());
      secret.put("key", "ca.crt");
      tls.put("ca", Collections.singletonMap("secret", secret));
      tls.put("serverName", ClusterNames.of(spec).clientService() + "." + spec.namespace() + ".svc");
    } else {
      tls.put("insecureSkipVerify", true);
    }
    return tls;
  }
}
