package cloud.hyperbyte.operator.metrics;

import cloud.hyperbyte.reconcile.tls.MemberCertificate;
import cloud.hyperbyte.render.monitoring.OperatorMetricNames;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OperatorMetricNames#CERTIFICATE_EXPIRY_SECONDS}: seconds until the certificate each member
 * serves expires (negative once expired), computed at scrape time from the expiry the last reconcile
 * saw, so the value never goes stale between reconciles. Unlike the other operator metrics it is
 * labelled by cluster and member: there is one series per TLS member (TLS clusters have one member
 * in server 0.8.5), and a cluster's series go when it is deleted or turns TLS off.
 */
public final class CertificateExpiryMetrics {

  private final Clock clock;
  private final Map<List<String>, Map<String, Instant>> expiries = new ConcurrentHashMap<>();

  public CertificateExpiryMetrics(PrometheusRegistry registry, Clock clock) {
    this.clock = clock;
    GaugeWithCallback.builder()
        .name(OperatorMetricNames.CERTIFICATE_EXPIRY_SECONDS)
        .help("Seconds until the TLS certificate a HyperbyteDB member serves expires (negative once expired)")
        .labelNames(OperatorMetricNames.CLUSTER_NAMESPACE_LABEL, OperatorMetricNames.CLUSTER_LABEL,
            OperatorMetricNames.MEMBER_LABEL)
        .callback(callback -> {
          Instant now = clock.instant();
          expiries.forEach((cluster, members) -> members.forEach((member, notAfter) ->
              callback.call(Duration.between(now, notAfter).toMillis() / 1000.0, cluster.get(0), cluster.get(1), member)));
        })
        .register(registry);
  }

  /** Replaces what is known of the cluster {@code namespace/name}; an empty list removes its series. */
  public void record(String namespace, String name, List<MemberCertificate> members) {
    if (members.isEmpty()) {
      forget(namespace, name);
      return;
    }
    Map<String, Instant> byMember = new TreeMap<>();
    members.forEach(m -> byMember.put(m.podName(), m.notAfter()));
    expiries.put(List.of(namespace, name), Map.copyOf(byMember));
  }

  /** Removes the series of a deleted cluster. */
  public void forget(String namespace, String name) {
    expiries.remove(List.of(namespace, name));
  }
}
