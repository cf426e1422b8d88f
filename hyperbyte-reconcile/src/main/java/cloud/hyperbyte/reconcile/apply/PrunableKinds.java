package cloud.hyperbyte.reconcile.apply;

import java.util.List;
import java.util.Set;

/**
 * The kinds the planner may delete when the operator owns them and they are no longer rendered: the
 * optional objects a spec change turns off. The list is explicit, not "anything owned", because some
 * owned kinds hold state the planner must not judge: PersistentVolumeClaims (member data, governed by
 * the PVC retention policy), Secrets (CA keys and certificates, governed by the TLS lifecycle), and
 * the StatefulSet (deleting it takes every member down).
 */
public final class PrunableKinds {

  /** In no particular order; see {@link ApplyOrder} for the order deletes happen in. */
  public static final List<GroupKind> ALL =
      List.of(
          GroupKind.HORIZONTAL_POD_AUTOSCALER, // autoscaling turned off
          GroupKind.POD_DISRUPTION_BUDGET, // replicas below 2
          GroupKind.DEPLOYMENT, // proxy turned off
          GroupKind.SERVICE, // proxy Service
          GroupKind.CONFIG_MAP, // Grafana dashboard turned off
          GroupKind.SERVICE_MONITOR,
          GroupKind.PROMETHEUS_RULE,
          GroupKind.CERTIFICATE); // cert-manager TLS turned off

  private static final Set<GroupKind> SET = Set.copyOf(ALL);

  private PrunableKinds() {}

  /** Whether objects of {@code groupKind} may be pruned. */
  public static boolean contains(GroupKind groupKind) {
    return SET.contains(groupKind);
  }
}
