package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;

/**
 * Scale-up (product §3.4): grow the StatefulSet to the target at once, or, when new members are
 * seeded first ({@link ObservedCluster#seededReplicas()}), only over the claims that hold their
 * seed. New members start as standalone Active nodes and {@link MembershipDecision} adds each to
 * Raft once it answers, one per pass, so growth never needs more than the StatefulSet replicas.
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
    int allowed = observed.seededReplicas().isPresent()
        ? Math.max(current, Math.min(target, observed.seededReplicas().getAsInt())) : target;
    if (allowed < target) {
      // a member starts only on a claim that holds its seed: before, it would serve without the flushed history
      decision.notice(Notice.progressing("SeedingMembers", "Growing from " + current + " to " + target
          + " members; member " + allowed + " starts once its volume is seeded from a healthy member"));
      return allowed > current ? decision.replicas(allowed).build() : decision.build();
    }
    return decision
        .replicas(target)
        .notice(Notice.progressing("ScalingUp", "Growing from " + current + " to " + target
            + " members; each new member joins Raft once it answers"))
        .build();
  }
}
