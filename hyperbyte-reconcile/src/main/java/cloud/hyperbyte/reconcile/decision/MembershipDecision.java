package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Raft membership (product §3.2, contract §2.3, §2.5): adds each reachable member that is not a voter
 * through the leader with {@code promote}, and re-adds a voter that some peer dropped from its
 * data-plane view (what a drain on restart leaves behind). One change per pass, lowest ordinal first,
 * because the server runs one joint-consensus change at a time.
 *
 * <p>Never acts without exactly one leader: with none there is nobody to ask, and with two the Raft
 * groups have diverged (for example node 1 initialised a fresh group after losing its Raft
 * directory), which only a person can repair. It never removes members; that is the scale-down's
 * job after a drain.
 */
public final class MembershipDecision {

  private MembershipDecision() {}

  /**
   * @param members ordinals that should be voters now (below the target replica count and not
   *     being removed)
   */
  public static Decision decide(ObservedCluster observed, LifecycleMemory memory, Set<Integer> members,
      Instant now, LifecycleTimings timings) {
    Decision.Builder decision = Decision.builder(memory);
    if (!observed.spec().clusterMode() && observed.statefulSetReplicas() <= 1) {
      return decision.build();
    }
    var leaders = observed.leadersReported();
    if (leaders.size() > 1) {
      String ids = leaders.stream().map(l -> "node " + l.nodeId() + " (term " + l.term() + ", voters "
          + sorted(l.voters()) + ")").collect(Collectors.joining(" and "));
      return decision
          .notice(Notice.degraded("MultipleRaftLeaders",
              ids + " both report Raft leadership; membership changes wait until one leader remains. If this"
                  + " persists the Raft groups have diverged (node 1 may have lost its raft/ directory) and need"
                  + " manual recovery."))
          .requeueAt(now.plus(timings.poll()))
          .build();
    }
    Optional<MemberFacts> leader = observed.leader();
    if (leader.isEmpty()) {
      if (members.stream().anyMatch(o -> observed.facts(o).filter(MemberFacts::reachable).isPresent())) {
        decision.notice(Notice.degraded("NoRaftLeader",
            "No member reports itself Raft leader, so no member can be added or removed; waiting for an"
                + " election (node 1 bootstraps the group and must be running)."));
      }
      return decision.requeueAt(now.plus(timings.poll())).build();
    }
    Set<Long> voters = leader.get().voters();
    for (int ordinal : members.stream().sorted().toList()) {
      Optional<MemberFacts> facts = joinable(observed, ordinal);
      if (facts.isPresent() && !voters.contains(facts.get().nodeId())) {
        String why = observed.learners().contains(facts.get().nodeId())
            ? "it was a learner (promotion had not completed)" : "it answers and is not a voter";
        return decision
            .act(new Action.AddMember(observed.address(leader.get().ordinal()), observed.address(ordinal), why))
            .requeueAt(now.plus(timings.poll()))
            .build();
      }
    }
    for (int ordinal : members.stream().sorted().toList()) {
      long nodeId = ordinal + 1L;
      if (!voters.contains(nodeId) || joinable(observed, ordinal).isEmpty()) {
        continue;
      }
      Set<Long> droppedBy = voters.stream()
          .filter(peer -> peer != nodeId)
          .map(peer -> observed.facts(peer.intValue() - 1))
          .flatMap(Optional::stream)
          .filter(p -> p.reachable() && p.peersSeen().isPresent() && !p.peersSeen().get().contains(nodeId))
          .map(MemberFacts::nodeId)
          .collect(Collectors.toSet());
      if (!droppedBy.isEmpty()) {
        return decision
            .act(new Action.AddMember(observed.address(leader.get().ordinal()), observed.address(ordinal),
                "node(s) " + sorted(droppedBy) + " had dropped it from their peers"))
            .requeueAt(now.plus(timings.poll()))
            .build();
      }
    }
    return decision.build();
  }

  /** The member answers, its pod is live, and it is not on its way out. */
  private static Optional<MemberFacts> joinable(ObservedCluster observed, int ordinal) {
    boolean podLive = observed.pod(ordinal).filter(p -> !p.terminating()).map(ObservedPod::phase)
        .filter("Running"::equals).isPresent();
    return observed.facts(ordinal)
        .filter(f -> podLive && f.reachable())
        .filter(f -> f.state().map(s -> s != NodeState.DRAINING && s != NodeState.LEAVING).orElse(true));
  }

  private static String sorted(Set<Long> ids) {
    return ids.stream().sorted().toList().toString();
  }
}
