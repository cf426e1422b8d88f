package cloud.hyperbyte.reconcile.decision;

import static cloud.hyperbyte.reconcile.decision.Scenario.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutablePvcRetentionSettings;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.reconcile.port.NodeState;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ClusterLifecycleTest {

  private final ClusterLifecycle lifecycle = new ClusterLifecycle(Scenario.clockAt(NOW), LifecycleTimings.defaults());

  @Test
  void aConvergedClusterNeedsNoActionAndKeepsItsShape() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).build());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.statefulSetShape()).contains(new StatefulSetShape(3, 3));
    assertThat(plan.requeueAt()).isEmpty();
  }

  @Test
  void pausedMeansNoActionsAndNoWorkloadWritesEvenWithWorkDue() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 1).newTemplate().unreachable(2)
        .spec(s -> s.withPaused(true)).build());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.writesWorkloads()).isFalse();
  }

  @Test
  void aRestoreHoldMeansZeroReplicasAndNoMemberActions() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).voters(1L).spec(s -> s.withHeldBy("restore-1")).build());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.statefulSetShape()).contains(new StatefulSetShape(0, 0));
    assertThat(plan.notices()).anyMatch(n -> n.reason().equals("HeldByRestore"));
  }

  /**
   * Issue 13, defect 2: member 2 was chosen while all were back and waits out drainWaitSecs; member 1
   * goes down meanwhile. Lowering the partition would have taken two of three members down.
   */
  @Test
  void aMemberThatWentDownDuringTheDrainWaitCallsOffTheNextMembersRestart() {
    LifecycleMemory waiting = LifecycleMemory.empty().withUpgrade(Optional.of(new UpgradeProgress("r2",
        java.util.OptionalInt.of(2), Optional.of(UpgradeStep.WAITING), NOW.minusSeconds(30), java.util.List.of())));

    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).newTemplate().proxies(1).unreachable(1)
        .remembering(waiting).build());

    assertThat(plan.statefulSetShape()).as("the partition holds every member").contains(new StatefulSetShape(3, 3));
    assertThat(plan.actions()).noneMatch(Action::disruptive)
        .singleElement().isInstanceOfSatisfying(Action.IncludeInProxy.class,
            include -> assertThat(include.ordinal()).isEqualTo(2));
    assertThat(plan.memory().upgrade().get().ordinal()).as("no member is out for the upgrade").isEmpty();
    assertThat(plan.notices()).anyMatch(n -> n.reason().equals("UpgradeWaiting") && n.message().contains("db-1"));
  }

  /**
   * Found by {@code aServingMemberIsRestartedOnlyWhileEveryOtherMemberIsBack}: status remembers member
   * 1 as past its restart, but the partition still holds it on the old revision (the release was
   * lost); releasing it again while member 2 is not Ready would take a second member down.
   */
  @Test
  void aLostReleaseIsNotRepeatedWhileAnotherMemberIsDown() {
    LifecycleMemory including = LifecycleMemory.empty().withUpgrade(Optional.of(new UpgradeProgress("r2",
        java.util.OptionalInt.of(1), Optional.of(UpgradeStep.INCLUDING), NOW.minusSeconds(600), java.util.List.of())));

    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).newTemplate().proxies(1).notReady(2).podRevision(2, "r2")
        .remembering(including).build());

    assertThat(plan.statefulSetShape().get().partition()).as("the partition still holds db-1").isGreaterThan(1);
    assertThat(plan.actions()).noneMatch(Action::disruptive);
    assertThat(plan.memory().upgrade().get().ordinal()).isEmpty();
  }

  @Test
  void withOnDeleteTheWaitingMembersPodIsNotDeletedWhileAnotherIsDown() {
    LifecycleMemory waiting = LifecycleMemory.empty().withUpgrade(Optional.of(new UpgradeProgress("r2",
        java.util.OptionalInt.of(2), Optional.of(UpgradeStep.RESTARTING), NOW.minusSeconds(30), java.util.List.of())));

    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).onDelete().newTemplate().leader(2).unreachable(0)
        .remembering(waiting).build());

    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.DeletePod);
    assertThat(plan.memory().upgrade().get().ordinal()).isEmpty();
  }

  @Test
  void aRestoreHoldKeepsTheReplicasUntilTheLiveStatefulSetRetainsClaimsWhenScaled() {
    UnaryOperator<ImmutableClusterSpec> deleting = s -> s.withHeldBy("restore-1").withPvcRetention(
        ImmutablePvcRetentionSettings.builder().whenScaled(PvcRetention.DELETE).whenDeleted(PvcRetention.RETAIN).build());

    LifecyclePlan first = lifecycle.plan(Scenario.running(3).voters(1L).spec(deleting).liveWhenScaled("Delete")
        .build());
    LifecyclePlan retained = lifecycle.plan(Scenario.running(3).voters(1L).spec(deleting).liveWhenScaled("Retain")
        .build());

    assertThat(first.statefulSetShape()).as("Delete would take every member's volume with it")
        .contains(new StatefulSetShape(3, 3));
    assertThat(first.actions()).isEmpty();
    assertThat(retained.statefulSetShape()).contains(new StatefulSetShape(0, 0));
  }

  @Test
  void aScaleDownHoldsTheRollingUpgradeBack() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 2).newTemplate().build());

    assertThat(plan.actions()).singleElement().isInstanceOf(Action.DrainMember.class);
    assertThat(plan.statefulSetShape().get().partition()).isEqualTo(3);
    assertThat(plan.memory().upgrade()).isEmpty();
  }

  @Test
  void scaleUpGrowsTheStatefulSetAtOnceWithThePartitionAboveTheRunningMembers() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 5).build());

    // the new members start on the update revision; the three running ones stay held
    assertThat(plan.statefulSetShape()).contains(new StatefulSetShape(5, 3));
  }

  /**
   * Campaign seeds 3019 and 6010: scaled 3 → 1 with claims retained, then back up. Nodes 2 and 3
   * would start on volumes whose Raft state still names the old voter set {1, 2, 3} and, together a
   * majority of it, elect a leader beside node 1's group. Their claims go first; the StatefulSet
   * grows once they are gone.
   */
  @Test
  void scalingBackUpReplacesRetainedVolumesOfNodesThatLeftRaftBeforeTheirOrdinalsReturn() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(1, 3).retainedClaims(1, 2).build());

    assertThat(plan.actions()).containsExactly(
        new Action.DeletePvc("data-db-1", 1, "before its ordinal returns: its Raft state names a membership the node has left"),
        new Action.DeletePvc("data-db-2", 2, "before its ordinal returns: its Raft state names a membership the node has left"));
    assertThat(plan.statefulSetShape()).as("no member starts on them").contains(new StatefulSetShape(1, 1));

    LifecyclePlan gone = lifecycle.plan(Scenario.running(1, 3).build());
    assertThat(gone.statefulSetShape()).contains(new StatefulSetShape(3, 1));
  }

  @Test
  void aRetainedVolumeIsReplacedOnlyWhenALeaderConfirmsItsNodeLeftRaft() {
    LifecyclePlan stillVoting = lifecycle.plan(Scenario.running(3, 5).retainedClaims(3, 4).voters(1L, 2L, 3L, 4L)
        .build());
    assertThat(stillVoting.actions()).singleElement()
        .isInstanceOfSatisfying(Action.DeletePvc.class, delete -> assertThat(delete.pvcName()).isEqualTo("data-db-4"));
    assertThat(stillVoting.statefulSetShape()).contains(new StatefulSetShape(3, 3));

    LifecyclePlan noLeader = lifecycle.plan(Scenario.running(3, 5).retainedClaims(3, 4).noLeader().build());
    assertThat(noLeader.actions()).noneMatch(Action.DeletePvc.class::isInstance);
    assertThat(noLeader.statefulSetShape()).contains(new StatefulSetShape(3, 3));
    assertThat(noLeader.notices()).anyMatch(n -> n.message().contains("waits for a Raft leader"));

    LifecyclePlan member = lifecycle.plan(Scenario.running(3, 4).retainedClaims(3).voters(1L, 2L, 3L, 4L).build());
    assertThat(member.actions()).as("a voter's volume is kept").noneMatch(Action.DeletePvc.class::isInstance);
    assertThat(member.statefulSetShape()).contains(new StatefulSetShape(4, 3));
  }

  /**
   * Campaign seed 1081: an upgrade paused with member 1 as its member, then a scale to one and a
   * resume. The scale-down drained member 1, so it was not back, and the scale-down waited for the
   * upgrade's member to be back: forever, status Scaling. A member the scale-down removes holds
   * nothing back.
   */
  @Test
  void aScaleDownIsNotHeldBackByAnUpgradeWaitingForTheMemberItIsRemoving() {
    LifecycleMemory memory = LifecycleMemory.empty()
        .withUpgrade(Optional.of(new UpgradeProgress("r2", java.util.OptionalInt.of(1),
            Optional.of(UpgradeStep.REJOINING), NOW.minusSeconds(60), java.util.List.of(2))))
        .withScaleDown(Optional.of(new ScaleDownProgress(1, 1, ScaleDownStep.DRAINING, NOW.minusSeconds(120))));

    LifecyclePlan plan = lifecycle.plan(Scenario.running(2, 1).newTemplate().state(1, NodeState.DRAINING).notReady(1)
        .remembering(memory).build());

    assertThat(plan.notices()).noneMatch(n -> n.reason().equals("ScaleDownWaiting"));
    assertThat(plan.actions()).anyMatch(Action.RemoveMember.class::isInstance);
  }

  /**
   * Campaign seed 1081, once the scale-down went on: the paused upgrade still remembered member 1 as
   * its member out after the scale-down removed it, and waited for it to come back; member 0 never
   * restarted into the standalone configuration and the status stayed Scaling. A remembered member
   * above the StatefulSet's replicas is gone, and the upgrade goes on with the members left.
   */
  @Test
  void anUpgradeWhoseMemberOutWasScaledAwayGoesOnWithTheMembersLeft() {
    LifecycleMemory memory = LifecycleMemory.empty().withUpgrade(Optional.of(new UpgradeProgress("r2",
        java.util.OptionalInt.of(1), Optional.of(UpgradeStep.REJOINING), NOW.minusSeconds(60), java.util.List.of(2))));

    LifecyclePlan plan = lifecycle.plan(Scenario.running(1).newTemplate().remembering(memory).build());

    assertThat(plan.memory().upgrade()).hasValueSatisfying(u -> assertThat(u.ordinal()).hasValue(0));
    assertThat(plan.actions()).noneMatch(a -> a.ordinal() == 1);
  }

  @Test
  void onceGrownThePartitionHoldsEveryMemberAgain() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(5).build());

    assertThat(plan.statefulSetShape()).contains(new StatefulSetShape(5, 5));
  }

  @Test
  void theRequeueTimeIsTheEarliestDeadline() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).unreachable(2).build());

    assertThat(plan.requeueAt()).contains(NOW.plusSeconds(300));
  }

  @Test
  void theSamePassTwiceGivesTheSamePlan() {
    var observed = Scenario.running(3, 2).state(2, NodeState.DRAINING).build();

    assertThat(lifecycle.plan(observed)).isEqualTo(lifecycle.plan(observed));
  }

  @Test
  void aDrainInProgressIsNotRequestedAgainOnTheNextPass() {
    LifecyclePlan first = lifecycle.plan(Scenario.running(3, 2).build());
    LifecyclePlan second = new ClusterLifecycle(Scenario.clockAt(NOW.plusSeconds(5)), LifecycleTimings.defaults())
        .plan(Scenario.running(3, 2).state(2, NodeState.DRAINING).remembering(first.memory()).build());

    assertThat(first.actions()).hasOnlyElementsOfType(Action.DrainMember.class);
    assertThat(second.actions()).isEmpty();
    assertThat(second.memory().scaleDown().map(ScaleDownProgress::step)).isEqualTo(Optional.of(ScaleDownStep.DRAINING));
  }

  @Test
  void aRemovalAbandonedByRestartingItsDrainedMemberKeepsTheUpgradeWaitingThatPass() {
    // found by atMostOneMemberIsTakenDownOnPurposeAtATime: the target rose back to 3 while node 3 was
    // drained for a scale-down and an upgrade had node 2 next; restarting node 3 is the one member out
    LifecycleMemory memory = LifecycleMemory.empty()
        .withUpgrade(Optional.of(new UpgradeProgress("r1", java.util.OptionalInt.of(1),
            Optional.of(UpgradeStep.EXCLUDING), NOW, java.util.List.of())))
        .withScaleDown(Optional.of(new ScaleDownProgress(2, 2, ScaleDownStep.DRAINING, NOW)));

    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).onDelete().proxies(1).newTemplate()
        .state(2, NodeState.DRAINING).remembering(memory).build());

    assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.DeletePod.class,
        delete -> assertThat(delete.ordinal()).isEqualTo(2));
    assertThat(plan.memory().upgrade()).isEqualTo(memory.upgrade());
    assertThat(plan.memory().scaleDown()).isEmpty();
  }

  @Test
  void afterAMembershipChangeTheNextLookComesSoonNotAfterAWholePoll() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 2).build());

    assertThat(plan.actions()).hasOnlyElementsOfType(Action.DrainMember.class);
    assertThat(plan.requeueAt()).contains(NOW.plus(ClusterLifecycle.AFTER_DATABASE_CHANGE));
  }

  @Test
  void withoutADatabaseChangeTheLifecycleWaitsItsPoll() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3).unreachable(2).build());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.requeueAt()).hasValueSatisfying(at -> assertThat(at).isAfter(NOW.plusSeconds(1)));
  }
}
