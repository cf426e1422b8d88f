package cloud.hyperbyte.render.topology;

import cloud.hyperbyte.model.spec.ClusterSpec;

/**
 * Names of every object rendered for one cluster. They match the Go operator's names so that a
 * cluster created by it can be adopted without renaming anything.
 */
public final class ClusterNames {

  /** Name of the volume claim template; PVCs are {@code data-<name>-<ordinal>}. */
  public static final String DATA_VOLUME = "data";

  private final String name;

  private ClusterNames(String name) {
    this.name = name;
  }

  /** Names for the cluster called {@code name}. */
  public static ClusterNames of(String name) {
    return new ClusterNames(name);
  }

  /** Names for the cluster of {@code spec}. */
  public static ClusterNames of(ClusterSpec spec) {
    return new ClusterNames(spec.name());
  }

  /** The HyperbytedbCluster name. */
  public String cluster() {
    return name;
  }

  /** The database StatefulSet. */
  public String statefulSet() {
    return name;
  }

  /** The headless Service that gives every member a stable DNS name. */
  public String headlessService() {
    return name + "-headless";
  }

  /** The client Service. */
  public String clientService() {
    return name;
  }

  /** The ConfigMap holding {@code config.toml}. */
  public String configMap() {
    return name + "-config";
  }

  /** The PodDisruptionBudget. */
  public String podDisruptionBudget() {
    return name + "-pdb";
  }

  /** The HorizontalPodAutoscaler. */
  public String horizontalPodAutoscaler() {
    return name;
  }

  /** The proxy Deployment. */
  public String proxyDeployment() {
    return name + "-proxy";
  }

  /** The proxy Service. */
  public String proxyService() {
    return name + "-proxy";
  }

  /** The Secret holding the members' server certificates (operator CA and cert-manager). */
  public String tlsSecret() {
    return name + "-tls";
  }

  /** The cert-manager Certificate; it writes {@link #tlsSecret()}. */
  public String certificate() {
    return name + "-tls";
  }

  /** The Secret holding the operator's CA key and certificate. */
  public String caSecret() {
    return name + "-ca";
  }

  /**
   * The operator's copy of the admin credentials it last applied to the database: what it
   * authenticates with, and what a changed credentials Secret is compared to.
   */
  public String appliedCredentialsSecret() {
    return name + "-auth-applied";
  }

  /** The Prometheus Operator ServiceMonitor. */
  public String serviceMonitor() {
    return name;
  }

  /** The Prometheus Operator PrometheusRule. */
  public String prometheusRule() {
    return name;
  }

  /** The Grafana dashboard ConfigMap. */
  public String dashboardConfigMap() {
    return name + "-dashboard";
  }

  /** The member pod with this StatefulSet ordinal. */
  public String pod(int ordinal) {
    requireOrdinal(ordinal);
    return name + "-" + ordinal;
  }

  /** The data PVC of the member with this ordinal. */
  public String dataPvc(int ordinal) {
    requireOrdinal(ordinal);
    return DATA_VOLUME + "-" + name + "-" + ordinal;
  }

  private static void requireOrdinal(int ordinal) {
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must be >= 0, was " + ordinal);
    }
  }
}
