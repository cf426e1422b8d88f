package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPvc;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scale-up (product §3.4): grow the StatefulSet to the target at once, or, when new members are
 * seeded first ({@link ObservedCluster#seededReplicas()}), only over the claims that hold their
 * seed. New members start as standalone Active nodes and {@link MembershipDecision} adds each to
 * Raft once it answers, one per pass, so growth never needs more than the StatefulSet replicas.
 *
 * <p>An ordinal that comes back must not start on a volume a scale-down retained ({@code whenScaled:
 * Retain}, the StatefulSet's default): its {@code raft/} still names the voter set the node was
 * removed from, and two such returning nodes form a majority of that old set and elect a leader of
 * their own beside node 1's group (contract §2.4 step 4). So such claims are deleted first, and the
 * StatefulSet grows once they are gone; the returning member starts on an empty volume and joins as
 * a new one. A claim whose node is still a Raft member is kept, and so are the volumes a restore
 * hands back (it wiped their Raft state and releases the cluster from zero replicas). When new members
 * are seeded, the seed replaces such a claim's content instead (restore, then no {@code raft/}): a
 * retained claim is never marked seeded, since the mark is removed once the StatefulSet counts its
 * ordinal ({@code seed.SeedDecision}).
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
    // at zero replicas a restore just released the cluster: it wiped the Raft state of every volume it
    // kept; when new members are seeded, the seed restores over every claim not marked seeded (a retained
    // one never is) and removes its raft/, so a retained claim is the seeding's to replace, not this decision's
    boolean seeding = observed.seededReplicas().isPresent();
    List<ObservedPvc> retained = current == 0 || seeding ? List.<ObservedPvc>of() : observed.pvcs().stream()
        .filter(pvc -> pvc.ordinal() >= Math.max(current, 1) && pvc.ordinal() < target)
        .filter(pvc -> observed.pod(pvc.ordinal()).isEmpty())
        .sorted(java.util.Comparator.comparingInt(ObservedPvc::ordinal))
        .toList();
    if (!retained.isEmpty()) {
      return replaceRetained(observed, decision, retained, current, target);
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

  private static Decision replaceRetained(ObservedCluster observed, Decision.Builder decision,
      List<ObservedPvc> retained, int current, int target) {
    Optional<Set<Long>> members = raftMembers(observed);
    String names = String.join(", ", retained.stream().map(ObservedPvc::name).toList());
    if (members.isEmpty()) {
      return decision.replicas(current).notice(Notice.progressing("ScalingUp", "Growing to " + target
          + " members waits for a Raft leader to tell whether the retained volumes " + names
          + " belong to members")).build();
    }
    for (ObservedPvc pvc : retained) {
      if (!pvc.terminating() && !members.get().contains(pvc.ordinal() + 1L)) {
        decision.act(new Action.DeletePvc(pvc.name(), pvc.ordinal(),
            "before its ordinal returns: its Raft state names a membership the node has left"));
      }
    }
    boolean stale = retained.stream().anyMatch(pvc -> pvc.terminating() || !members.get().contains(pvc.ordinal() + 1L));
    if (!stale) {
      return decision.replicas(target).notice(Notice.progressing("ScalingUp", "Growing from " + current + " to "
          + target + " members; each new member joins Raft once it answers")).build();
    }
    return decision.replicas(current).notice(Notice.progressing("ScalingUp", "Growing to " + target
        + " members once the retained volumes " + names + " of nodes removed from Raft are deleted")).build();
  }

  /**
   * The nodes of the Raft membership, when known: the leader's voters and learners; with the
   * StatefulSet at one replica, only node 1 (a scale-down removes each member from Raft before the
   * StatefulSet shrinks past it, and a lone member runs standalone, so no leader answers).
   */
  private static Optional<Set<Long>> raftMembers(ObservedCluster observed) {
    if (observed.statefulSetReplicas() == 1) {
      return Optional.of(Set.of(1L));
    }
    return observed.voters().map(voters -> {
      Set<Long> all = new java.util.HashSet<>(voters);
      all.addAll(observed.learners());
      return all;
    });
  }
}
