package cloud.hyperbyte.render.topology;

import cloud.hyperbyte.model.spec.OperatorPaths;

/** Annotation keys the operator writes on rendered objects. */
public final class Annotations {

  /** Pod template: hash of everything in the pod that needs a restart to take effect. */
  public static final String CONFIG_HASH = "hyperbytedb.hyperbyte.cloud/config-hash";

  /** Pod template: hash of the TLS material, so renewed certificates roll the members. */
  public static final String CERTIFICATE_HASH = "hyperbytedb.hyperbyte.cloud/certificate-hash";

  /**
   * Pod template: the cluster's restart request (the cluster's annotation of the same key), present
   * only when the cluster carries one, so clusters without it render as before.
   */
  public static final String RESTARTED_AT = OperatorPaths.RESTARTED_AT_ANNOTATION;

  /** Pod template: classic Prometheus scrape annotations. */
  public static final String PROMETHEUS_SCRAPE = "prometheus.io/scrape";

  public static final String PROMETHEUS_PORT = "prometheus.io/port";
  public static final String PROMETHEUS_PATH = "prometheus.io/path";
  public static final String PROMETHEUS_SCHEME = "prometheus.io/scheme";

  private Annotations() {}
}
