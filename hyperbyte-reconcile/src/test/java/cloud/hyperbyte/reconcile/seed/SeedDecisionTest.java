package cloud.hyperbyte.reconcile.seed;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.seed.SeedNames.Role;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Claim;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Phase;
import cloud.hyperbyte.reconcile.seed.SeedObservation.SeedPod;
import cloud.hyperbyte.reconcile.seed.SeedObservation.Source;
import cloud.hyperbyte.reconcile.seed.SeedProgress.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seeding new members, one observation at a time (product §3.4). */
class SeedDecisionTest {

  private static final Source MEMBER_0 = new Source(0, "db-0", "node-a");
  private static final Source MEMBER_1 = new Source(1, "db-1", "node-b");
  private static final Source MEMBER_2 = new Source(2, "db-2", "node-c");

  @Test
  void aScaleUpCreatesTheFirstNewMembersClaimAndTokenAndBacksUpTheFirstHealthyMember() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 5).build());

    assertThat(plan.actions()).containsExactly(new SeedAction.CreateClaim(3), new SeedAction.CreateToken(3),
        new SeedAction.CreateSourcePod(3, 1, MEMBER_0));
    assertThat(plan.allowedReplicas()).hasValue(3);
    assertThat(plan.progress()).extracting(SeedProgress::ordinal, SeedProgress::stage)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3, Stage.Transferring),
            org.assertj.core.groups.Tuple.tuple(4, Stage.Preparing));
    assertThat(plan.seeding()).isTrue();
  }

  @Test
  void theTargetPodIsCreatedOnceTheSourceServesAtItsPodAddress() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).claim(3).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.RUNNING, "10.0.0.7").build());

    assertThat(plan.actions()).containsExactly(new SeedAction.CreateTargetPod(3, 1, 0, "10.0.0.7:7480"));
  }

  @Test
  void aSourceStillBackingUpWithoutAnAddressGetsNoTargetYet() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).claim(3).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.PENDING, null).build());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.progress().get(0).message()).isEqualTo("attempt 1: source pending, target not created");
  }

  @Test
  void aSucceededTargetMarksTheClaimSeeded() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).claim(3).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.SUCCEEDED, "10.0.0.7")
        .pod(3, 1, Role.TARGET, 0, Phase.SUCCEEDED, "10.0.0.8").build());

    assertThat(plan.actions()).containsExactly(new SeedAction.MarkSeeded(3, "db-seed-3-1-source"));
    assertThat(plan.allowedReplicas()).hasValue(3);
  }

  @Test
  void aSucceededTargetLeftBeingDeletedFromAnEarlierRoundDoesNotMarkTheClaim() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).claim(3).token(3)
        .pod(3, 1, Role.TARGET, 0, Phase.SUCCEEDED, "10.0.0.8").terminating().build());

    assertThat(plan.actions()).doesNotContain(new SeedAction.MarkSeeded(3, "db-seed-3-1-source"))
        .contains(new SeedAction.CreateSourcePod(3, 2, MEMBER_0));
  }

  @Test
  void whatEndsEarlierRoundsIsWrittenBeforeTheStatefulSetAndTheRestAfter() {
    SeedPlan plan = SeedDecision.decide(scaleUp(4, 5).seededClaim(3).claim(4).token(3)
        .pod(3, 1, Role.TARGET, 0, Phase.SUCCEEDED, "10.0.0.8").build());

    assertThat(plan.beforeStatefulSet()).containsExactly(new SeedAction.ClearSeeded(3),
        new SeedAction.DeletePod(3, "db-seed-3-1-target", "uid-db-seed-3-1-target"), new SeedAction.DeleteToken(3));
    assertThat(plan.afterStatefulSet()).containsExactly(new SeedAction.CreateToken(4),
        new SeedAction.CreateSourcePod(4, 1, MEMBER_0));
  }

  @Test
  void theStatefulSetGrowsOverSeededClaimsInOrdinalOrderAndTheirSeedObjectsGo() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 5).seededClaim(3).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.SUCCEEDED, "10.0.0.7")
        .pod(3, 1, Role.TARGET, 0, Phase.SUCCEEDED, "10.0.0.8").build());

    assertThat(plan.allowedReplicas()).hasValue(4);
    assertThat(plan.actions()).contains(new SeedAction.CreateClaim(4), new SeedAction.CreateSourcePod(4, 1, MEMBER_0),
        new SeedAction.DeletePod(3, "db-seed-3-1-source", "uid-db-seed-3-1-source"),
        new SeedAction.DeletePod(3, "db-seed-3-1-target", "uid-db-seed-3-1-target"), new SeedAction.DeleteToken(3));
  }

  @Test
  void aSeededClaimAboveAnUnseededOneWaits() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 5).claim(3).token(3).seededClaim(4)
        .pod(3, 1, Role.SOURCE, 0, Phase.RUNNING, "10.0.0.7").build());

    assertThat(plan.allowedReplicas()).hasValue(3);
  }

  @Test
  void aSourceMemberThatStopsBeingHealthyIsReplacedByAnotherHealthyMember() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).sources(MEMBER_1, MEMBER_2).claim(3).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.RUNNING, "10.0.0.7")
        .pod(3, 1, Role.TARGET, 0, Phase.RUNNING, "10.0.0.8").build());

    assertThat(plan.actions()).containsExactly(
        new SeedAction.DeletePod(3, "db-seed-3-1-source", "uid-db-seed-3-1-source"),
        new SeedAction.DeletePod(3, "db-seed-3-1-target", "uid-db-seed-3-1-target"),
        new SeedAction.CreateSourcePod(3, 2, MEMBER_1));
    assertThat(plan.progress().get(0).message())
        .isEqualTo("attempt 1 failed: member 0 is no longer healthy; backing up db-1");
  }

  @Test
  void aFailedTargetIsRetriedFromAnotherMemberThanTheOneThatFailed() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).claim(3).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.SUCCEEDED, "10.0.0.7")
        .pod(3, 1, Role.TARGET, 0, Phase.FAILED, "10.0.0.8", "seed-fetch: connection reset").build());

    assertThat(plan.actions()).containsExactly(new SeedAction.CreateSourcePod(3, 2, MEMBER_1));
    assertThat(plan.progress().get(0).message())
        .startsWith("attempt 1 failed: target db-seed-3-1-target failed: seed-fetch: connection reset");
  }

  @Test
  void afterTheLastAttemptFailsTheMemberIsBlockedAndNeverAdded() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).claim(3).token(3)
        .pod(3, 3, Role.SOURCE, 2, Phase.FAILED, "10.0.0.7", "backup failed: No such file").build());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.allowedReplicas()).hasValue(3);
    assertThat(plan.progress().get(0).stage()).isEqualTo(Stage.Blocked);
    assertThat(plan.blocked()).hasValueSatisfying(reason -> assertThat(reason)
        .startsWith("member 3 is not added: attempt 3 failed: source db-seed-3-3-source failed: backup failed")
        .contains("no attempt left"));
  }

  @Test
  void withNoHealthyMemberToBackUpTheMemberIsBlocked() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).sources().build());

    assertThat(plan.allowedReplicas()).hasValue(3);
    assertThat(plan.blocked()).contains(
        "member 3 is not added: no healthy member (Ready, Active, Raft voter) to take a backup from");
  }

  @Test
  void withSeedingOffTheStatefulSetGrowsAtOnceAndLeftoverSeedObjectsGo() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 5).enabled(false).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.RUNNING, "10.0.0.7").build());

    assertThat(plan.allowedReplicas()).as("no limit: the lifecycle replaces retained claims itself").isEmpty();
    assertThat(plan.actions()).containsExactly(
        new SeedAction.DeletePod(3, "db-seed-3-1-source", "uid-db-seed-3-1-source"), new SeedAction.DeleteToken(3));
    assertThat(plan.seeding()).isFalse();
  }

  @Test
  void aNewClusterIsNotSeeded() {
    SeedPlan plan = SeedDecision.decide(scaleUp(0, 3).sources().build());

    assertThat(plan.allowedReplicas()).hasValue(3);
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void aClaimLeftFromAnEarlierMemberIsSeededOverInsteadOfCreated() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).claim(3).build());

    assertThat(plan.actions()).containsExactly(new SeedAction.CreateToken(3), new SeedAction.CreateSourcePod(3, 1, MEMBER_0));
  }

  @Test
  void onceTheStatefulSetCountsASeededMemberItsClaimIsUnmarked() {
    SeedPlan grown = SeedDecision.decide(scaleUp(4, 5).seededClaim(3).build());
    SeedPlan settled = SeedDecision.decide(scaleUp(4, 4).seededClaim(3).build());
    SeedPlan seedingOff = SeedDecision.decide(scaleUp(4, 4).enabled(false).seededClaim(3).build());

    assertThat(grown.actions()).startsWith(new SeedAction.ClearSeeded(3));
    assertThat(settled.actions()).containsExactly(new SeedAction.ClearSeeded(3));
    assertThat(seedingOff.actions()).containsExactly(new SeedAction.ClearSeeded(3));
  }

  @Test
  void aSeededClaimTheStatefulSetDoesNotCountYetKeepsItsMark() {
    SeedPlan plan = SeedDecision.decide(scaleUp(3, 4).seededClaim(3).build());

    assertThat(plan.actions()).noneMatch(SeedAction.ClearSeeded.class::isInstance);
    assertThat(plan.allowedReplicas()).hasValue(4);
  }

  @Test
  void planningTheSameObservationTwiceGivesTheSamePlan() {
    SeedObservation observed = scaleUp(3, 5).claim(3).token(3)
        .pod(3, 1, Role.SOURCE, 0, Phase.RUNNING, "10.0.0.7").build();

    assertThat(SeedDecision.decide(observed)).isEqualTo(SeedDecision.decide(observed));
  }

  private static Observation scaleUp(int live, int target) {
    return new Observation(live, target);
  }

  /** A builder of observations of cluster {@code db}. */
  private static final class Observation {
    private final int live;
    private final int target;
    private boolean enabled = true;
    private final List<Claim> claims = new ArrayList<>();
    private final List<Integer> tokens = new ArrayList<>();
    private final List<SeedPod> pods = new ArrayList<>();
    private List<Source> sources = List.of(MEMBER_0, MEMBER_1, MEMBER_2);

    Observation(int live, int target) {
      this.live = live;
      this.target = target;
    }

    Observation enabled(boolean on) {
      enabled = on;
      return this;
    }

    Observation claim(int ordinal) {
      claims.add(new Claim(ordinal, Optional.empty(), false));
      return this;
    }

    Observation seededClaim(int ordinal) {
      claims.add(new Claim(ordinal, Optional.of("db-seed-" + ordinal + "-1-source"), false));
      return this;
    }

    Observation token(int ordinal) {
      tokens.add(ordinal);
      return this;
    }

    Observation sources(Source... healthy) {
      sources = List.of(healthy);
      return this;
    }

    Observation pod(int ordinal, int attempt, Role role, int source, Phase phase, String ip) {
      return pod(ordinal, attempt, role, source, phase, ip, null);
    }

    Observation pod(int ordinal, int attempt, Role role, int source, Phase phase, String ip, String message) {
      String name = SeedNames.pod("db", ordinal, attempt, role);
      pods.add(new SeedPod(name, "uid-" + name, ordinal, attempt, role, source, phase, Optional.ofNullable(ip),
          Optional.ofNullable(message), false));
      return this;
    }

    /** The pod added last is being deleted. */
    Observation terminating() {
      SeedPod last = pods.remove(pods.size() - 1);
      pods.add(new SeedPod(last.name(), last.uid(), last.ordinal(), last.attempt(), last.role(), last.sourceOrdinal(),
          last.phase(), last.podIp(), last.message(), true));
      return this;
    }

    SeedObservation build() {
      return new SeedObservation(enabled, live, target, claims, tokens, pods, sources);
    }
  }
}
