package cloud.hyperbyte.operator.rbac;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every Kubernetes API call the operator process makes, as RBAC rules: the single source of truth
 * for the Helm chart's roles. {@code RbacMatchesOperatorCallsTest} renders the chart for every
 * feature combination and requires its rules to equal this list exactly, so an adapter that starts
 * calling a new verb must add it here first (and the chart then follows).
 *
 * <p>Wildcards are never used. Verbs are listed per resource; a resource whose verbs depend on an
 * optional {@link Feature} has one entry per feature.
 */
public final class ApiPermissions {

  /** Optional operator features whose API calls can be withheld by the chart's {@code features.*} values. */
  public enum Feature {
    /** Needed whatever the configuration. */
    ALWAYS,
    /**
     * Backups, restores and seeding new members: backup, restore and seed pods (no exec into members),
     * the seed's claim and token Secret.
     */
    BACKUP_RESTORE,
    /** Operator-managed TLS: the operator writes certificate Secrets. */
    TLS,
    /** PVC expansion and the retention policy: patching and deleting PersistentVolumeClaims. */
    PVC_CLEANUP
  }

  /** Where a permission must be granted. */
  public enum Scope {
    /** Every namespace the operator watches (a ClusterRole in cluster-wide mode, a Role per namespace otherwise). */
    WATCHED_NAMESPACES,
    /** Only the operator's own namespace (leader-election Lease), even in cluster-wide mode. */
    OPERATOR_NAMESPACE,
    /** Cluster-scoped resources, granted by a ClusterRole in every mode. */
    CLUSTER
  }

  /**
   * One RBAC rule: verbs on one resource of one API group ({@code ""} is the core group).
   * Subresources are written as in RBAC, e.g. {@code pods/log}.
   */
  public record Permission(String apiGroup, String resource, List<String> verbs, Feature feature, Scope scope) {
    public Permission {
      Objects.requireNonNull(apiGroup, "apiGroup");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(feature, "feature");
      Objects.requireNonNull(scope, "scope");
      verbs = List.copyOf(verbs);
      if (verbs.isEmpty()) {
        throw new IllegalArgumentException("no verbs for " + resource);
      }
    }
  }

  public static final String CORE = "";
  public static final String HYPERBYTEDB = "hyperbytedb.hyperbyte.cloud";
  public static final String APPS = "apps";
  public static final String EVENTS = "events.k8s.io";
  public static final String POLICY = "policy";
  public static final String AUTOSCALING = "autoscaling";
  public static final String MONITORING = "monitoring.coreos.com";
  public static final String CERT_MANAGER = "cert-manager.io";
  public static final String COORDINATION = "coordination.k8s.io";
  public static final String APIEXTENSIONS = "apiextensions.k8s.io";
  public static final String STORAGE = "storage.k8s.io";

  private static final String[] CUSTOM_RESOURCES = {"hyperbytedbclusters", "hyperbytedbbackups", "hyperbytedbrestores"};
  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> MANAGE = List.of("get", "list", "watch", "create", "patch", "delete");

  /** All permissions, in a stable order (the chart's rule order follows it). */
  public static final List<Permission> ALL = List.copyOf(build());

  private ApiPermissions() {
  }

  /** The permissions needed when exactly the given optional features are enabled ({@link Feature#ALWAYS} is implied). */
  public static List<Permission> forFeatures(Set<Feature> enabled) {
    Set<Feature> features = enabled.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(enabled);
    features.add(Feature.ALWAYS);
    return ALL.stream().filter(p -> features.contains(p.feature())).toList();
  }

  private static List<Permission> build() {
    List<Permission> all = new ArrayList<>();
    for (String cr : CUSTOM_RESOURCES) {
      all.add(watched(HYPERBYTEDB, cr, List.of("get", "list", "watch", "patch", "update"), Feature.ALWAYS));
    }
    for (String cr : CUSTOM_RESOURCES) {
      all.add(watched(HYPERBYTEDB, cr + "/status", List.of("get", "patch", "update"), Feature.ALWAYS));
    }
    for (String cr : CUSTOM_RESOURCES) {
      // finalizers: needed where OwnerReferencesPermissionEnforcement sets blockOwnerDeletion
      all.add(watched(HYPERBYTEDB, cr + "/finalizers", List.of("update"), Feature.ALWAYS));
    }
    all.add(watched(APPS, "statefulsets", MANAGE, Feature.ALWAYS));
    all.add(watched(APPS, "deployments", MANAGE, Feature.ALWAYS));
    all.add(watched(CORE, "services", MANAGE, Feature.ALWAYS));
    all.add(watched(CORE, "configmaps", MANAGE, Feature.ALWAYS));
    // pods: delete for failover and rolling restarts
    all.add(watched(CORE, "pods", List.of("get", "list", "watch", "delete"), Feature.ALWAYS));
    all.add(watched(CORE, "pods", List.of("create"), Feature.BACKUP_RESTORE));
    all.add(watched(CORE, "persistentvolumeclaims", READ, Feature.ALWAYS));
    all.add(watched(CORE, "persistentvolumeclaims", List.of("patch", "delete"), Feature.PVC_CLEANUP));
    // a restore deletes the claims of ordinals at or above the replicas it restored (pre-restore data)
    all.add(watched(CORE, "persistentvolumeclaims", List.of("delete"), Feature.BACKUP_RESTORE));
    // seeding a new member: its claim is created before the StatefulSet grows, then annotated as seeded
    all.add(watched(CORE, "persistentvolumeclaims", List.of("create", "patch"), Feature.BACKUP_RESTORE));
    // the seed's one-time token, read by the seed pods through secretKeyRef
    all.add(watched(CORE, "secrets", List.of("create", "delete"), Feature.BACKUP_RESTORE));
    // secrets: read for user TLS material and S3 credentials; write only for operator-issued certificates
    all.add(watched(CORE, "secrets", READ, Feature.ALWAYS));
    all.add(watched(CORE, "secrets", List.of("create", "patch", "delete"), Feature.TLS));
    all.add(watched(CORE, "events", List.of("create", "patch"), Feature.ALWAYS));
    all.add(watched(EVENTS, "events", List.of("create", "patch"), Feature.ALWAYS));
    all.add(watched(POLICY, "poddisruptionbudgets", MANAGE, Feature.ALWAYS));
    all.add(watched(AUTOSCALING, "horizontalpodautoscalers", MANAGE, Feature.ALWAYS));
    all.add(watched(MONITORING, "servicemonitors", MANAGE, Feature.ALWAYS));
    all.add(watched(MONITORING, "prometheusrules", MANAGE, Feature.ALWAYS));
    all.add(watched(CERT_MANAGER, "certificates", MANAGE, Feature.ALWAYS));
    // fabric8 8.0.0's LeaseLock renews and releases with PATCH (seen on the wire), not PUT
    all.add(new Permission(COORDINATION, "leases", List.of("get", "create", "update", "patch"), Feature.ALWAYS,
        Scope.OPERATOR_NAMESPACE));
    // to watch, by name, whether the Prometheus Operator and cert-manager CRDs are installed (they may come later)
    all.add(new Permission(APIEXTENSIONS, "customresourcedefinitions", List.of("list", "watch"), Feature.ALWAYS,
        Scope.CLUSTER));
    // whether a data volume's StorageClass allows expansion, read by name only while a volume grows
    all.add(new Permission(STORAGE, "storageclasses", List.of("get"), Feature.ALWAYS, Scope.CLUSTER));
    return all;
  }

  private static Permission watched(String group, String resource, List<String> verbs, Feature feature) {
    return new Permission(group, resource, verbs, feature, Scope.WATCHED_NAMESPACES);
  }
}
