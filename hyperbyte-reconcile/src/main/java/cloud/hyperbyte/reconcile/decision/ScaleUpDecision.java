package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;

/**
 * Scale-up (product §3.4): grow the StatefulSet to the target at once. New members start as
 * standalone Active nodes and {@link MembershipDecision} adds each to Raft once it answers, one per
 * pass, so growth never needs more than the StatefulSet replicas.
 */
public final class ScaleUpDecision {

  private ScaleUpDecision() {}

  public static Decision decide(ObservedCluster observed, LifecycleMemory memory) {
    int target = observed.spec().effectiveReplicas();
    int current = observed.statefulSetReplicas();
    Decision.Builder decision = Decision.builder(memory);
    if (observed.statefulSet().isEmpty()) {
      return decision.replicas(target).build();
    }
    if (current >= target) {
      return decision.build();
    }
    return decision
        .replicas(target)
        .notice(Notice.progressing("ScalingUp", "Growing from " + current + " to " + target
            + " members; each new member joins Raft once it answers"))
        .build();
  }
}
