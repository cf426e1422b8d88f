package cloud.hyperbyte.reconcile.apply;

import java.util.Objects;

/**
 * An API group and kind, without version: identifies a type across API versions (an object read as
 * {@code autoscaling/v2} is the same object as one applied as {@code autoscaling/v2}, or a later
 * version). The core group is the empty string.
 */
public record GroupKind(String group, String kind) {

  public static final GroupKind CONFIG_MAP = core("ConfigMap");
  public static final GroupKind SECRET = core("Secret");
  public static final GroupKind SERVICE_ACCOUNT = core("ServiceAccount");
  public static final GroupKind SERVICE = core("Service");
  public static final GroupKind PERSISTENT_VOLUME_CLAIM = core("PersistentVolumeClaim");
  public static final GroupKind STATEFUL_SET = new GroupKind("apps", "StatefulSet");
  public static final GroupKind DEPLOYMENT = new GroupKind("apps", "Deployment");
  public static final GroupKind POD_DISRUPTION_BUDGET = new GroupKind("policy", "PodDisruptionBudget");
  public static final GroupKind HORIZONTAL_POD_AUTOSCALER = new GroupKind("autoscaling", "HorizontalPodAutoscaler");
  public static final GroupKind SERVICE_MONITOR = new GroupKind("monitoring.coreos.com", "ServiceMonitor");
  public static final GroupKind PROMETHEUS_RULE = new GroupKind("monitoring.coreos.com", "PrometheusRule");
  public static final GroupKind CERTIFICATE = new GroupKind("cert-manager.io", "Certificate");
  public static final GroupKind HYPERBYTEDB_CLUSTER = new GroupKind("hyperbytedb.hyperbyte.cloud", "HyperbytedbCluster");

  public GroupKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
  }

  /** A kind of the core ({@code v1}) group. */
  public static GroupKind core(String kind) {
    return new GroupKind("", kind);
  }

  /** The group and kind of {@code apiVersion} ({@code group/version} or {@code version}) and {@code kind}. */
  public static GroupKind of(String apiVersion, String kind) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return new GroupKind(slash < 0 ? "" : apiVersion.substring(0, slash), kind);
  }

  @Override
  public String toString() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
