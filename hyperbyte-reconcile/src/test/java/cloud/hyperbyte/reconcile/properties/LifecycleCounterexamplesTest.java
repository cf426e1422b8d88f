package cloud.hyperbyte.reconcile.properties;

import static cloud.hyperbyte.reconcile.decision.Scenario.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ImmutableFailoverSettings;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.decision.ScaleDownProgress;
import cloud.hyperbyte.reconcile.decision.ScaleDownStep;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.decision.StatefulSetShape;
import cloud.hyperbyte.reconcile.decision.UpgradeProgress;
import cloud.hyperbyte.reconcile.decision.UpgradeStep;
import cloud.hyperbyte.reconcile.port.NodeState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Counterexamples the invariant properties found in the lifecycle decisions, shrunk and restated as
 * examples. Each failed before the fix that came with it.
 */
class LifecycleCounterexamplesTest {

  private final ClusterLifecycle lifecycle = new ClusterLifecycle(Scenario.clockAt(NOW), LifecycleTimings.defaults());

  private static LifecycleMemory removing(int ordinal, int target, ScaleDownStep step, Instant since) {
    return LifecycleMemory.empty().withScaleDown(Optional.of(new ScaleDownProgress(target, ordinal, step, since)));
  }

  private static LifecycleMemory upgrading(String target, int ordinal, UpgradeStep step, Instant since,
      List<Integer> done) {
    return LifecycleMemory.empty().withUpgrade(Optional.of(
        new UpgradeProgress(target, OptionalInt.of(ordinal), Optional.of(step), since, done)));
  }

  private static List<String> reasons(LifecyclePlan plan) {
    return plan.notices().stream().map(Notice::reason).toList();
  }

  @Test
  void aRepeatedRemovalIsVettedForTheMajorityLikeTheFirst() {
    // node 3 is still a voter after its removal was requested, and node 2 stopped answering since
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 2).unreachable(1)
        .remembering(removing(2, 2, ScaleDownStep.SHRINKING, NOW.minusSeconds(10))).build());

    assertThat(plan.actions()).noneMatch(Action.RemoveMember.class::isInstance);
    assertThat(reasons(plan)).contains("ScaleDownBlocked");
  }

  @Test
  void aRemovalIsRequestedAgainOnlyAfterAPollIntervalAndThenOnce() {
    Scenario waitingForTheLeader = Scenario.running(3, 2);
    LifecyclePlan justRequested = lifecycle.plan(waitingForTheLeader
        .remembering(removing(2, 2, ScaleDownStep.SHRINKING, NOW)).build());
    LifecyclePlan later = lifecycle.plan(waitingForTheLeader
        .remembering(removing(2, 2, ScaleDownStep.SHRINKING, NOW.minusSeconds(5))).build());
    LifecyclePlan rightAfter = lifecycle.plan(waitingForTheLeader.remembering(later.memory()).build());

    assertThat(justRequested.actions()).isEmpty();
    assertThat(later.actions()).singleElement().isInstanceOf(Action.RemoveMember.class);
    assertThat(rightAfter.actions()).isEmpty();
  }

  @Test
  void aPassThatRemovesAVoterAddsNone() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 2).voters(1L, 3L).learners(2L)
        .remembering(removing(2, 2, ScaleDownStep.REMOVING, NOW.minusSeconds(10))).build());

    assertThat(plan.actions()).singleElement().isInstanceOf(Action.RemoveMember.class);
  }

  @Test
  void failoverDoesNotCountOnAMemberTheScaleDownDrainsInTheSamePass() {
    // db-1's pod is not Ready (its database still answers); db-2 is about to be drained
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 2).notReady(1)
        .remembering(LifecycleMemory.empty().withUnhealthySince(Map.of(1, NOW.minusSeconds(3600)))).build());

    assertThat(plan.actions()).singleElement().isInstanceOf(Action.DrainMember.class);
    assertThat(reasons(plan)).contains("FailoverWithheld");
  }

  @Test
  void twoFailoversDoNotCountOnEachOther() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).notReady(1).notReady(2)
        .spec(s -> s.withFailover(ImmutableFailoverSettings.copyOf(s.failover()).withMaxFailoverCount(2)))
        .remembering(LifecycleMemory.empty()
            .withUnhealthySince(Map.of(1, NOW.minusSeconds(3600), 2, NOW.minusSeconds(3600)))).build());

    assertThat(plan.actions()).singleElement()
        .isEqualTo(new Action.DeletePod("db-1", "uid-1", 1, "MemberFailover",
            "unhealthy since " + NOW.minusSeconds(3600) + " (failoverTimeoutSecs 300)"));
  }

  @Test
  void aTemplateChangeWhileTheLastMemberIsOutDoesNotReleaseTheMembersAboveIt() {
    // upgrading to r1: db-1 done, db-0 out of the proxy and waiting; then the template moves to r2
    LifecyclePlan plan = lifecycle.plan(Scenario.running(2).newTemplate().proxies(1)
        .remembering(upgrading("r1", 0, UpgradeStep.WAITING, NOW.minusSeconds(60), List.of(1))).build());

    assertThat(plan.statefulSetShape()).contains(new StatefulSetShape(2, 2));
    assertThat(plan.actions()).singleElement().isInstanceOf(Action.IncludeInProxy.class);
    assertThat(plan.memory().upgrade().orElseThrow().ordinal()).isEmpty();
  }

  @Test
  void aPodJustDeletedForTheUpgradeIsNotDeletedAgainBeforeTheCacheShowsIt() {
    Scenario restarting = Scenario.running(3).onDelete().newTemplate();
    LifecyclePlan restart = lifecycle.plan(restarting
        .remembering(upgrading("r2", 2, UpgradeStep.RESTARTING, NOW.minusSeconds(10), List.of())).build());
    LifecyclePlan next = lifecycle.plan(restarting.remembering(restart.memory()).build());

    assertThat(restart.actions()).singleElement().isInstanceOf(Action.DeletePod.class);
    assertThat(next.actions()).isEmpty();
  }

  @Test
  void aScaleDownWaitsWhileTheUpgradeHasAMemberOut() {
    // db-1 restarted on r2 and is not Ready yet; meanwhile the spec asks for 2 replicas
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 2).newTemplate().podRevision(2, "r2")
        .podRevision(1, "r2").notReady(1)
        .remembering(upgrading("r2", 1, UpgradeStep.REJOINING, NOW.minusSeconds(10), List.of(2))).build());

    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.DrainMember);
    assertThat(plan.memory().scaleDown()).isEmpty();
    assertThat(reasons(plan)).contains("ScaleDownWaiting");
  }

  @Test
  void aStatefulSetGrownMidRemovalIsNotShrunkPastItsVoters() {
    // removing db-2 (node 3 already left Raft), but the StatefulSet was scaled to 4 behind the operator
    LifecyclePlan plan = lifecycle.plan(Scenario.running(4, 2).voters(1L, 2L, 4L)
        .remembering(removing(2, 2, ScaleDownStep.SHRINKING, NOW.minusSeconds(10))).build());

    assertThat(plan.statefulSetShape().orElseThrow().replicas()).isEqualTo(4);
    assertThat(plan.memory().scaleDown()).isEmpty();
  }

  @Test
  void aMemberRestartedBecauseItsRemovalWasAbandonedIsNotFailedOverToo() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).state(2, NodeState.DRAINING)
        .remembering(removing(2, 2, ScaleDownStep.DRAINING, NOW.minusSeconds(60))
            .withUnhealthySince(Map.of(2, NOW.minusSeconds(3600)))).build());

    assertThat(plan.actions()).singleElement()
        .matches(a -> a instanceof Action.DeletePod d && d.reason().equals("ScaleDownAbandoned"));
    assertThat(plan.memory().failoverCount()).isZero();
  }

  @Test
  void aPartitionReleaseSeenLostInThePassAfterItIsNotRepeatedWhileAnotherMemberIsOut() {
    // db-1's release was written a moment ago, yet the StatefulSet still holds every pod (partition 4:
    // the write was lost); db-3 restarted on r2 meanwhile and is not Ready
    LifecyclePlan plan = lifecycle.plan(Scenario.running(4).newTemplate().proxies(1).partition(4)
        .podRevision(2, "r2").podRevision(3, "r2").notReady(3)
        .remembering(upgrading("r2", 1, UpgradeStep.REJOINING, NOW, List.of())).build());

    assertThat(plan.statefulSetShape().orElseThrow().partition()).as("partition").isGreaterThan(1);
    assertThat(plan.actions()).noneMatch(Action.DeletePod.class::isInstance);
  }

  @Test
  void campaignSeed2106TwoVotersOfAScaleUpFromOneRestartNobodyUntilTheThirdIsAVoter() {
    // 1 -> 3 with a new template: db-1 joined (voters 1 and 2), db-2 not yet created; restarting db-0
    // for the upgrade would leave 1 of 2 voters
    LifecyclePlan plan = lifecycle.plan(Scenario.running(2, 3).onDelete().newTemplate().build());

    assertThat(plan.actions()).noneMatch(a -> a.disruptive());
    assertThat(plan.statefulSetShape().orElseThrow().replicas()).as("the scale-up goes on").isEqualTo(3);
    assertThat(reasons(plan)).contains("UpgradeWaiting");
  }

  @Test
  void aLostReleaseOfTheLoneVoterIsNotRepeatedWhileAScaleUpStillHasToAddVoters() {
    // one member rolled (a complete one-voter set may), then the spec asked for three; the release of
    // db-0 was lost: it is still on r1 behind partition 1, not Ready, yet the only Raft voter
    LifecyclePlan plan = lifecycle.plan(Scenario.running(1, 3).voters(1L).newTemplate().partition(1).notReady(0)
        .remembering(upgrading("r2", 0, UpgradeStep.REJOINING, NOW.minusSeconds(30), List.of())).build());

    assertThat(plan.statefulSetShape().orElseThrow().partition()).as("partition").isEqualTo(1);
    assertThat(plan.actions()).noneMatch(Action.DeletePod.class::isInstance);
    assertThat(reasons(plan)).contains("UpgradeWaiting");
  }

  @Test
  void aDrainedMemberWhoseRemovalWasAbandonedRestartsOnlyWhenThatKeepsTheMajority() {
    // 5 -> 3 was draining db-4 when the target went back to 5; db-1 and db-2 do not answer, so
    // restarting db-4 (it still votes) would leave 2 of 5 voters answering
    Scenario abandoned = Scenario.running(5).state(4, NodeState.DRAINING)
        .remembering(removing(4, 3, ScaleDownStep.DRAINING, NOW.minusSeconds(60)));

    LifecyclePlan othersDown = lifecycle.plan(abandoned.unreachable(1).unreachable(2).build());
    LifecyclePlan othersBack = lifecycle.plan(Scenario.running(5).state(4, NodeState.DRAINING)
        .remembering(removing(4, 3, ScaleDownStep.DRAINING, NOW.minusSeconds(60))).build());

    assertThat(othersDown.actions()).noneMatch(Action.DeletePod.class::isInstance);
    assertThat(othersDown.memory().scaleDown()).as("the abandoned removal, still remembered").isPresent();
    assertThat(reasons(othersDown)).contains("ScaleDownAbandoned");
    assertThat(othersBack.actions()).singleElement()
        .matches(a -> a instanceof Action.DeletePod d && d.reason().equals("ScaleDownAbandoned"));
    assertThat(othersBack.memory().scaleDown()).isEmpty();
  }
}
