package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.reconcile.apply.GroupKind;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import java.util.Map;

/**
 * The REST path of an object, for the few calls fabric8's DSL has no form for (a delete with a UID
 * precondition). Only the kinds the operator writes are known.
 */
final class ApiPath {

  private static final Map<GroupKind, String> PLURALS = Map.ofEntries(
      Map.entry(GroupKind.CONFIG_MAP, "configmaps"),
      Map.entry(GroupKind.SECRET, "secrets"),
      Map.entry(GroupKind.SERVICE, "services"),
      Map.entry(GroupKind.SERVICE_ACCOUNT, "serviceaccounts"),
      Map.entry(GroupKind.PERSISTENT_VOLUME_CLAIM, "persistentvolumeclaims"),
      Map.entry(GroupKind.core("Pod"), "pods"),
      Map.entry(GroupKind.STATEFUL_SET, "statefulsets"),
      Map.entry(GroupKind.DEPLOYMENT, "deployments"),
      Map.entry(GroupKind.POD_DISRUPTION_BUDGET, "poddisruptionbudgets"),
      Map.entry(GroupKind.HORIZONTAL_POD_AUTOSCALER, "horizontalpodautoscalers"),
      Map.entry(GroupKind.SERVICE_MONITOR, "servicemonitors"),
      Map.entry(GroupKind.PROMETHEUS_RULE, "prometheusrules"),
      Map.entry(GroupKind.CERTIFICATE, "certificates"),
      Map.entry(GroupKind.HYPERBYTEDB_CLUSTER, "hyperbytedbclusters"));

  private ApiPath() {}

  /** {@code /api/v1/namespaces/<ns>/<plural>/<name>} or {@code /apis/<group>/<version>/namespaces/…}. */
  static String of(ObjectRef ref) {
    String plural = PLURALS.get(ref.groupKind());
    if (plural == null) {
      throw new IllegalArgumentException("no REST path known for " + ref.groupKind());
    }
    String prefix = ref.apiVersion().contains("/") ? "/apis/" + ref.apiVersion() : "/api/" + ref.apiVersion();
    return prefix + "/namespaces/" + ref.namespace() + "/" + plural + "/" + ref.name();
  }
}
