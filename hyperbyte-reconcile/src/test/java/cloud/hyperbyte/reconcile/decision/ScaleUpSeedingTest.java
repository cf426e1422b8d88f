package cloud.hyperbyte.reconcile.decision;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.status.ClusterPhase;
import org.junit.jupiter.api.Test;

/** A scale-up with seeding grows the StatefulSet only over claims that hold their seed (product §3.4). */
class ScaleUpSeedingTest {

  private final ClusterLifecycle lifecycle =
      new ClusterLifecycle(Scenario.clockAt(Scenario.NOW), LifecycleTimings.defaults());

  @Test
  void noNewMemberStartsBeforeItsVolumeIsSeededAndThePhaseIsScaling() {
    var observed = Scenario.running(3, 5).seeded(3).build();

    LifecyclePlan plan = lifecycle.plan(observed);

    assertThat(plan.statefulSetShape()).contains(new StatefulSetShape(3, 3));
    assertThat(plan.notices()).anyMatch(n -> n.reason().equals("SeedingMembers")
        && n.message().equals("Growing from 3 to 5 members; member 3 starts once its volume is seeded from a healthy member"));
    assertThat(ClusterPhase.of(observed, plan)).isEqualTo("Scaling");
  }

  @Test
  void theStatefulSetGrowsOverTheSeededClaimsOnly() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 5).seeded(4).build());

    assertThat(plan.statefulSetShape()).map(StatefulSetShape::replicas).contains(4);
  }

  @Test
  void onceEveryNewMemberIsSeededTheStatefulSetGrowsToTheTarget() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 5).seeded(5).build());

    assertThat(plan.statefulSetShape()).map(StatefulSetShape::replicas).contains(5);
    assertThat(plan.notices()).anyMatch(n -> n.reason().equals("ScalingUp"));
  }

  @Test
  void aClaimAScaleDownRetainedIsLeftToTheSeedWhichReplacesItsContentAndTheMemberWaitsForIt() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 4).retainedClaims(3).seeded(3).build());

    assertThat(plan.actions()).noneMatch(Action.DeletePvc.class::isInstance);
    assertThat(plan.statefulSetShape()).map(StatefulSetShape::replicas).contains(3);
  }

  @Test
  void withSeedingOffARetainedClaimOfARemovedMemberIsDeletedBeforeItsOrdinalReturns() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 4).retainedClaims(3).build());

    assertThat(plan.actions()).anyMatch(a -> a instanceof Action.DeletePvc delete && delete.ordinal() == 3);
    assertThat(plan.statefulSetShape()).map(StatefulSetShape::replicas).contains(3);
  }

  @Test
  void withoutSeedingTheStatefulSetGrowsAtOnce() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(3, 5).build());

    assertThat(plan.statefulSetShape()).map(StatefulSetShape::replicas).contains(5);
  }

  @Test
  void aScaleDownIsNotHeldBySeeding() {
    LifecyclePlan plan = lifecycle.plan(Scenario.running(5, 3).seeded(5).build());

    assertThat(plan.actions()).anyMatch(Action.DrainMember.class::isInstance);
  }
}
