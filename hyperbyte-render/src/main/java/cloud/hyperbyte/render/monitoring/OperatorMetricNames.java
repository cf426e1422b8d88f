package cloud.hyperbyte.render.monitoring;

import java.util.Set;

/**
 * Names of the operator's own metrics that the rendered alerts use; the operator registers them
 * under these names, so an alert and its metric cannot drift apart. They reach Prometheus only when
 * the operator is scraped (the chart's {@code metrics.serviceMonitor.enabled}).
 */
public final class OperatorMetricNames {

  /** Seconds until the certificate a member serves expires. */
  public static final String CERTIFICATE_EXPIRY_SECONDS = "hyperbyte_operator_certificate_expiry_seconds";
  /**
   * Label of the cluster's namespace. Not {@code namespace}: Prometheus sets that one to the
   * scraped operator pod's namespace and would rename the metric's own to {@code exported_namespace}.
   */
  public static final String CLUSTER_NAMESPACE_LABEL = "cluster_namespace";
  public static final String CLUSTER_LABEL = "cluster";
  /** Label of the member pod's name (not {@code pod}, for the same reason as the namespace). */
  public static final String MEMBER_LABEL = "member";

  /** Every operator metric an alert uses. */
  public static final Set<String> USED_IN_ALERTS = Set.of(CERTIFICATE_EXPIRY_SECONDS);

  private OperatorMetricNames() {}
}
