package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.reconcile.decision.ClusterModeTransition;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.decision.UpgradeProgress;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;

/** {@code status.phase}: Pending, Initializing, Running, Scaling, Upgrading or Failed. */
public final class ClusterPhase {

  private ClusterPhase() {}

  public static String of(ObservedCluster observed, LifecyclePlan plan) {
    if (!plan.notices(Notice.Severity.FAILED).isEmpty()) {
      return "Failed";
    }
    String last = observed.lastStatus().getPhase();
    boolean neverRan = last == null || "Pending".equals(last) || "Initializing".equals(last);
    if (observed.statefulSet().isEmpty() || observed.pods().isEmpty()) {
      if (observed.spec().heldBy().isPresent()) {
        return "Scaling";
      }
      // a lone member restarting leaves no pod for a moment: the operation goes on, nothing is pending
      if (neverRan || observed.statefulSet().isEmpty() || plan.memory().upgrade().isEmpty()) {
        return "Pending";
      }
    }
    if (neverRan && !ClusterHealth.formed(observed)) {
      return "Initializing";
    }
    int target = observed.spec().effectiveReplicas();
    // Scaling before Upgrading: a scale across one replica changes the template (cluster mode on or
    // off) and restarts member 0, which belongs to the scale, not to an upgrade the user asked for
    boolean resizing = plan.memory().scaleDown().isPresent()
        || observed.statefulSetReplicas() != target
        || plan.statefulSetShape().map(s -> s.replicas() != observed.statefulSetReplicas()).orElse(false)
        || (target > 1 && !ClusterHealth.formed(observed) && observed.leader().isPresent())
        || plan.memory().upgrade().filter(UpgradeProgress::clusterModeChange).isPresent()
        || ClusterModeTransition.underway(observed);
    if (resizing) {
      return "Scaling";
    }
    return plan.memory().upgrade().isPresent() || observed.podTemplatePending() || upgradeAwaitsController(observed)
        ? "Upgrading" : "Running";
  }

  /**
   * An upgrade was under way and the StatefulSet controller has not caught up with the spec yet: until
   * it computes the new update revision, the pods still look current, so the upgrade is not over.
   */
  static boolean upgradeAwaitsController(ObservedCluster observed) {
    return !observed.statefulSetSettled() && "Upgrading".equals(observed.lastStatus().getPhase());
  }
}
