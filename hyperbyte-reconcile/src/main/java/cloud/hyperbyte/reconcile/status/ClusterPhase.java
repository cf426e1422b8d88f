package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;

/** {@code status.phase}: Pending, Initializing, Running, Scaling, Upgrading or Failed. */
public final class ClusterPhase {

  private ClusterPhase() {}

  public static String of(ObservedCluster observed, LifecyclePlan plan) {
    if (!plan.notices(Notice.Severity.FAILED).isEmpty()) {
      return "Failed";
    }
    if (observed.statefulSet().isEmpty() || observed.pods().isEmpty()) {
      return observed.spec().heldBy().isPresent() ? "Scaling" : "Pending";
    }
    String last = observed.lastStatus().getPhase();
    boolean neverRan = last == null || "Pending".equals(last) || "Initializing".equals(last);
    if (neverRan && !ClusterHealth.formed(observed)) {
      return "Initializing";
    }
    if (plan.memory().upgrade().isPresent() || PendingTemplate.of(observed)) {
      return "Upgrading";
    }
    int target = observed.spec().effectiveReplicas();
    boolean resizing = plan.memory().scaleDown().isPresent()
        || observed.statefulSetReplicas() != target
        || plan.statefulSetShape().map(s -> s.replicas() != observed.statefulSetReplicas()).orElse(false)
        || (target > 1 && !ClusterHealth.formed(observed) && observed.leader().isPresent());
    return resizing ? "Scaling" : "Running";
  }
}
