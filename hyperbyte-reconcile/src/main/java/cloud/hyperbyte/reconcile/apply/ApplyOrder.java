package cloud.hyperbyte.reconcile.apply;

import java.util.Comparator;
import java.util.List;

/**
 * The order requests go out in. Applies: what pods consume before the workloads that mount or
 * resolve it (ConfigMaps, Secrets, the Certificate whose Secret pods mount, Services for member
 * DNS), the StatefulSet, the proxy Deployment, then what refers to the workloads (PDB and HPA select
 * or scale them), then the monitoring objects that only observe. Prunes run after every apply and in
 * reverse: observers and the HPA go before the workloads they watch or scale.
 */
public final class ApplyOrder {

  private static final List<List<GroupKind>> RANKS =
      List.of(
          List.of(GroupKind.CONFIG_MAP, GroupKind.SECRET, GroupKind.SERVICE_ACCOUNT),
          List.of(GroupKind.CERTIFICATE),
          List.of(GroupKind.SERVICE),
          List.of(GroupKind.STATEFUL_SET),
          List.of(GroupKind.DEPLOYMENT),
          List.of(GroupKind.POD_DISRUPTION_BUDGET, GroupKind.HORIZONTAL_POD_AUTOSCALER));

  /** Kinds not listed (ServiceMonitor, PrometheusRule, anything new) go last. */
  private static final int LAST = RANKS.size();

  /** Apply order; ties keep their input order when used with a stable sort. */
  public static final Comparator<ObjectRef> APPLY = Comparator.comparingInt(ApplyOrder::rank);

  /** Prune order: the reverse of {@link #APPLY}. */
  public static final Comparator<ObjectRef> PRUNE = APPLY.reversed();

  private ApplyOrder() {}

  /** The position of {@code ref}'s kind; lower applies earlier. */
  public static int rank(ObjectRef ref) {
    GroupKind groupKind = ref.groupKind();
    for (int i = 0; i < RANKS.size(); i++) {
      if (RANKS.get(i).contains(groupKind)) {
        return i;
      }
    }
    return LAST;
  }
}
