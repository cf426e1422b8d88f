package cloud.hyperbyte.reconcile.decision;

import static cloud.hyperbyte.reconcile.decision.Scenario.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipDecisionTest {

  private static Decision decide(ObservedCluster observed, Set<Integer> members) {
    return MembershipDecision.decide(observed, LifecycleMemory.empty(), members, NOW, LifecycleTimings.defaults());
  }

  @Test
  void aReachableMemberThatIsNotAVoterIsAddedThroughTheLeaderWithItsStableAddress() {
    ObservedCluster observed = Scenario.running(3).leader(2).voters(1L, 2L).build();

    Decision decision = decide(observed, Set.of(0, 1, 2));

    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.AddMember.class, a -> {
      assertThat(a.leader().nodeId()).isEqualTo(2);
      assertThat(a.member().nodeId()).isEqualTo(3);
      assertThat(a.member().clusterAddress()).isEqualTo("db-2.db-headless.prod.svc.cluster.local:8086");
    });
  }

  @Test
  void oneChangePerPassLowestOrdinalFirst() {
    ObservedCluster observed = Scenario.running(5).voters(1L).build();

    assertThat(decide(observed, Set.of(0, 1, 2, 3, 4)).actions()).singleElement()
        .isInstanceOfSatisfying(Action.AddMember.class, a -> assertThat(a.member().nodeId()).isEqualTo(2));
  }

  @Test
  void aLearnerWhosePromotionFailedIsAddedAgain() {
    ObservedCluster observed = Scenario.running(3).voters(1L, 2L).learners(3L).build();

    assertThat(decide(observed, Set.of(0, 1, 2)).actions()).singleElement()
        .isInstanceOfSatisfying(Action.AddMember.class, a -> assertThat(a.why()).contains("learner"));
  }

  @Test
  void nothingIsAddedWithoutAKnownLeader() {
    ObservedCluster observed = Scenario.running(3).voters(1L, 2L).noLeader().build();

    Decision decision = decide(observed, Set.of(0, 1, 2));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.notices()).anyMatch(n -> n.reason().equals("NoRaftLeader"));
  }

  @Test
  void twoMembersClaimingLeadershipBlockEveryChange() {
    // node 1 lost its raft directory and initialised a group of its own
    ObservedCluster observed = Scenario.running(3).leader(2).voters(1L, 2L)
        .member(0, f -> f.withRaftRole(RaftRole.LEADER).withVoters(Set.of(1L)).withTerm(1))
        .build();

    Decision decision = decide(observed, Set.of(0, 1, 2));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.notices()).anyMatch(n -> n.reason().equals("MultipleRaftLeaders")
        && n.message().contains("node 1"));
  }

  @Test
  void aMemberThatDoesNotAnswerIsNotAdded() {
    ObservedCluster observed = Scenario.running(3).voters(1L, 2L).unreachable(2).build();

    assertThat(decide(observed, Set.of(0, 1, 2)).actions()).isEmpty();
  }

  @Test
  void aDrainingMemberIsNotAdded() {
    ObservedCluster observed = Scenario.running(3).voters(1L, 2L).state(2, NodeState.DRAINING).build();

    assertThat(decide(observed, Set.of(0, 1, 2)).actions()).isEmpty();
  }

  @Test
  void aMemberBeingRemovedIsNotAddedBack() {
    ObservedCluster observed = Scenario.running(3).voters(1L, 2L).build();

    assertThat(decide(observed, Set.of(0, 1)).actions()).isEmpty();
  }

  @Test
  void aVoterThatAPeerDroppedFromItsViewIsAddedAgain() {
    // after a rolling restart node 3's drain told peers to forget it
    ObservedCluster observed = Scenario.running(3).member(0, f -> f.withPeersSeen(Optional.of(Set.of(2L)))).build();

    assertThat(decide(observed, Set.of(0, 1, 2)).actions()).singleElement()
        .isInstanceOfSatisfying(Action.AddMember.class, a -> {
          assertThat(a.member().nodeId()).isEqualTo(3);
          assertThat(a.why()).contains("[1]");
        });
  }

  @Test
  void aConvergedClusterNeedsNothing() {
    assertThat(decide(Scenario.running(3).build(), Set.of(0, 1, 2)).actions()).isEmpty();
  }

  @Test
  void aSingleMemberClusterHasNoMembership() {
    assertThat(decide(Scenario.running(1).noLeader().build(), Set.of(0)).notices()).isEmpty();
  }

  @Test
  void aMemberRemovedWhileLeadingStillClaimsLeadershipInItsOldTermAndIsIgnored() {
    ObservedCluster observed = Scenario.running(2, 1).leader(1).voters(1L)
        .member(1, f -> f.withRaftRole(cloud.hyperbyte.reconcile.port.RaftRole.LEADER).withTerm(2)
            .withVoters(java.util.Set.of(1L, 2L)))
        .build();

    assertThat(observed.leader()).hasValueSatisfying(l -> assertThat(l.nodeId()).isEqualTo(1L));
  }

  @Test
  void twoLeadersOfMembersTheSpecKeepsAreAConflictWhateverTheirTerms() {
    ObservedCluster observed = Scenario.running(3).leader(2).voters(1L, 2L, 3L)
        .member(0, f -> f.withRaftRole(cloud.hyperbyte.reconcile.port.RaftRole.LEADER).withTerm(9)
            .withVoters(java.util.Set.of(1L)))
        .build();

    assertThat(observed.leader()).isEmpty();
    assertThat(observed.leadersReported()).hasSize(2);
  }
}
