package cloud.hyperbyte.reconcile.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One notion of a healthy member: a Ready pod, and a database that answers, passes /health and is Active. */
class MemberHealthTest {

  private static final Optional<ObservedPod> READY = Optional.of(pod(true, false));

  @Test
  void aReadyPodWhoseMemberIsActiveAndPassesHealthServes() {
    assertThat(MemberHealth.serving(READY, Optional.of(facts(NodeState.ACTIVE, NodeHealth.pass())))).isTrue();
  }

  @Test
  void aPodNotReadyOrBeingDeletedDoesNotServe() {
    Optional<MemberFacts> fine = Optional.of(facts(NodeState.ACTIVE, NodeHealth.pass()));
    assertThat(MemberHealth.serving(Optional.of(pod(false, false)), fine)).isFalse();
    assertThat(MemberHealth.serving(Optional.of(pod(true, true)), fine)).isFalse();
    assertThat(MemberHealth.serving(Optional.empty(), fine)).isFalse();
  }

  @Test
  void aMemberThatFailsHealthIsNotActiveOrDoesNotAnswerDoesNotServe() {
    assertThat(MemberHealth.serving(READY, Optional.of(facts(NodeState.ACTIVE, NodeHealth.fail("wal batcher dead")))))
        .isFalse();
    assertThat(MemberHealth.serving(READY, Optional.of(facts(NodeState.SYNCING, NodeHealth.pass())))).isFalse();
    assertThat(MemberHealth.serving(READY, Optional.of(MemberFacts.unreachable(0, 1, CallFailure.UNREACHABLE,
        "connection refused")))).isFalse();
    assertThat(MemberHealth.serving(READY, Optional.empty())).isFalse();
  }

  @Test
  void aServingVoterServesAndIsAVoterOfTheGroupItDescribes() {
    MemberFacts voter = ImmutableMemberFacts.builder().from(facts(NodeState.ACTIVE, NodeHealth.pass()))
        .raftRole(RaftRole.FOLLOWER).voters(Set.of(1L, 2L)).build();
    MemberFacts learner = ImmutableMemberFacts.builder().from(voter).voters(Set.of(2L, 3L)).build();
    assertThat(MemberHealth.servingVoter(READY, Optional.of(voter))).isTrue();
    assertThat(MemberHealth.servingVoter(READY, Optional.of(learner))).isFalse();
    assertThat(MemberHealth.servingVoter(Optional.of(pod(false, false)), Optional.of(voter))).isFalse();
  }

  private static ObservedPod pod(boolean ready, boolean terminating) {
    return new ObservedPod("db-0", "uid-0", 0, "Running", ready, Optional.empty(), terminating, Optional.empty());
  }

  private static MemberFacts facts(NodeState state, NodeHealth health) {
    return ImmutableMemberFacts.builder().ordinal(0).nodeId(1).reachable(true).state(state).health(health).build();
  }
}
