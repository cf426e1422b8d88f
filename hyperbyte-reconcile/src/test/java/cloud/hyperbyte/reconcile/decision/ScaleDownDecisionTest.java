package cloud.hyperbyte.reconcile.decision;

import static cloud.hyperbyte.reconcile.decision.Scenario.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ImmutablePvcRetentionSettings;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleDownDecisionTest {

  private final LifecycleTimings timings = LifecycleTimings.defaults();

  private static LifecycleMemory removing(int target, int ordinal, ScaleDownStep step, Instant since) {
    return LifecycleMemory.empty().withScaleDown(Optional.of(new ScaleDownProgress(target, ordinal, step, since)));
  }

  private Decision decide(ObservedCluster observed, Instant now) {
    return ScaleDownDecision.decide(observed, LifecycleMemory.from(observed.lastStatus()), now, timings);
  }

  @Test
  void givenThreeMembersLeaderNode2AndSpecReplicas1FirstPassDrainsNode3Not2() {
    Decision decision = decide(Scenario.running(3, 1).leader(2).build(), NOW);

    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DrainMember.class,
        d -> assertThat(d.member().nodeId()).isEqualTo(3));
    assertThat(decision.statefulSetReplicas()).hasValue(3);
    assertThat(decision.memory().scaleDown()).hasValueSatisfying(p -> {
      assertThat(p.ordinal()).isEqualTo(2);
      assertThat(p.step()).isEqualTo(ScaleDownStep.DRAINING);
      assertThat(p.targetReplicas()).isEqualTo(1);
    });
  }

  @Test
  void aMemberStillDrainingBeforeTheServersAckTimeoutIsWaitedForWithoutAnotherDrainCall() {
    ObservedCluster observed = Scenario.running(3, 2).state(2, NodeState.DRAINING)
        .remembering(removing(2, 2, ScaleDownStep.DRAINING, NOW)).build();

    Decision decision = decide(observed, NOW.plusSeconds(30));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.requeueAt()).hasValueSatisfying(at -> assertThat(at).isAfter(NOW.plusSeconds(30)));
    assertThat(decision.memory().scaleDown().get().step()).isEqualTo(ScaleDownStep.DRAINING);
  }

  @Test
  void drainingAfterTheServersNinetySecondAckTimeoutCountsAsDoneAndTheNodeIsRemovedThroughTheLeader() {
    ObservedCluster observed = Scenario.running(3, 2).leader(2).state(2, NodeState.DRAINING)
        .remembering(removing(2, 2, ScaleDownStep.DRAINING, NOW)).build();

    Decision decision = decide(observed, NOW.plusSeconds(90));

    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.RemoveMember.class, r -> {
      assertThat(r.leader().nodeId()).isEqualTo(2);
      assertThat(r.member().nodeId()).isEqualTo(3);
    });
    assertThat(decision.memory().scaleDown().get().step()).isEqualTo(ScaleDownStep.SHRINKING);
    assertThat(decision.statefulSetReplicas()).hasValue(3);
  }

  @Test
  void leavingEndsTheDrainAtOnce() {
    ObservedCluster observed = Scenario.running(3, 2).state(2, NodeState.LEAVING)
        .remembering(removing(2, 2, ScaleDownStep.DRAINING, NOW)).build();

    assertThat(decide(observed, NOW.plusSeconds(5)).actions()).hasOnlyElementsOfType(Action.RemoveMember.class);
  }

  @Test
  void theStatefulSetShrinksOnlyAfterTheLeaderNoLongerCountsTheNodeAsVoter() {
    ObservedCluster stillVoter = Scenario.running(3, 2).state(2, NodeState.DRAINING)
        .remembering(removing(2, 2, ScaleDownStep.SHRINKING, NOW)).build();
    ObservedCluster removed = Scenario.running(3, 2).voters(1L, 2L).state(2, NodeState.DRAINING)
        .remembering(removing(2, 2, ScaleDownStep.SHRINKING, NOW)).build();

    assertThat(decide(stillVoter, NOW.plusSeconds(5)).statefulSetReplicas()).hasValue(3);
    assertThat(decide(removed, NOW.plusSeconds(5)).statefulSetReplicas()).hasValue(2);
  }

  @Test
  void onceThePodIsGoneThePvcIsDeletedWhenRetentionSaysDeleteAndTheNextMemberIsDue() {
    var retention = ImmutablePvcRetentionSettings.builder()
        .whenScaled(PvcRetention.DELETE).whenDeleted(PvcRetention.RETAIN).build();
    ObservedCluster observed = Scenario.running(2, 1).voters(1L)
        .spec(s -> s.withPvcRetention(retention))
        .pod(2, p -> p).noPod(2)
        .remembering(removing(1, 2, ScaleDownStep.SHRINKING, NOW)).build();

    Decision decision = decide(observed, NOW.plusSeconds(5));

    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePvc.class,
        d -> assertThat(d.pvcName()).isEqualTo("data-db-2"));
    assertThat(decision.memory().scaleDown()).isEmpty();
    assertThat(decision.requeueAt()).contains(NOW.plusSeconds(5));
  }

  @Test
  void withoutARetentionPolicyThePvcIsKept() {
    ObservedCluster observed = Scenario.running(2, 1).voters(1L).pod(2, p -> p).noPod(2)
        .remembering(removing(1, 2, ScaleDownStep.SHRINKING, NOW)).build();

    assertThat(decide(observed, NOW).actions()).isEmpty();
  }

  @Test
  void removalWaitsWhenTheRemainingVotersWouldHaveNoAnsweringMajority() {
    // 3 voters, node 2 down: removing node 3 leaves {1,2} with only node 1 answering
    ObservedCluster observed = Scenario.running(3, 2).unreachable(1).state(2, NodeState.DRAINING)
        .remembering(removing(2, 2, ScaleDownStep.DRAINING, NOW)).build();

    Decision decision = decide(observed, NOW.plusSeconds(120));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.notices()).anyMatch(n -> n.reason().equals("ScaleDownBlocked"));
    assertThat(decision.memory().scaleDown().get().step()).isEqualTo(ScaleDownStep.REMOVING);
  }

  @Test
  void fiveToOneIsReachedOneMemberAtATimeHighestOrdinalFirst() {
    Decision first = decide(Scenario.running(5, 1).build(), NOW);

    assertThat(first.actions()).singleElement().isInstanceOfSatisfying(Action.DrainMember.class,
        d -> assertThat(d.member().ordinal()).isEqualTo(4));
    assertThat(first.statefulSetReplicas()).hasValue(5);
  }

  @Test
  void anUnreachableMemberIsNotDrainedButStillRemovedOnTheNextPass() {
    ObservedCluster observed = Scenario.running(3, 2).unreachable(2).build();

    Decision start = decide(observed, NOW);
    assertThat(start.actions()).isEmpty();

    ObservedCluster next = Scenario.running(3, 2).unreachable(2).remembering(start.memory()).build();
    assertThat(decide(next, NOW.plusSeconds(1)).actions()).hasOnlyElementsOfType(Action.RemoveMember.class);
  }

  @Test
  void whenTheTargetRisesAgainADrainedMemberIsRestarted() {
    ObservedCluster observed = Scenario.running(3, 3).state(2, NodeState.DRAINING)
        .remembering(removing(2, 2, ScaleDownStep.DRAINING, NOW)).build();

    Decision decision = decide(observed, NOW.plusSeconds(10));

    assertThat(decision.memory().scaleDown()).isEmpty();
    assertThat(decision.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class,
        d -> assertThat(d.podName()).isEqualTo("db-2"));
  }
}
