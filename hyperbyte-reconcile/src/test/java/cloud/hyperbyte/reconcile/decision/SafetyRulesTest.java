package cloud.hyperbyte.reconcile.decision;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {

  @Test
  void node1IsNeverDrainedRemovedOrStrippedOfItsVolume() {
    ObservedCluster observed = Scenario.running(3).noPod(0).voters(2L, 3L).leader(2).build();

    SafetyRules.Vetted vetted = SafetyRules.vet(List.of(
        new Action.DrainMember(observed.address(0)),
        new Action.RemoveMember(observed.address(1), observed.address(0)),
        new Action.DeletePvc("data-db-0", 0)), observed);

    assertThat(vetted.allowed()).isEmpty();
    assertThat(vetted.denied()).hasSize(3);
  }

  @Test
  void aVolumeOfAStillVotingNodeIsKept() {
    ObservedCluster observed = Scenario.running(3).noPod(2).build();

    assertThat(SafetyRules.vet(List.of(new Action.DeletePvc("data-db-2", 2)), observed).denied())
        .singleElement().satisfies(n -> assertThat(n.message()).contains("still a Raft member"));
  }

  @Test
  void aVolumeOfARemovedNodeWhosePodIsGoneMayGo() {
    ObservedCluster observed = Scenario.running(3).noPod(2).voters(1L, 2L).build();

    assertThat(SafetyRules.vet(List.of(new Action.DeletePvc("data-db-2", 2)), observed).allowed()).hasSize(1);
  }

  @Test
  void withoutALeaderAVolumeMayGoOnlyOnceTheStatefulSetShrankToTheLoneStandaloneMember() {
    ObservedCluster standalone = Scenario.running(1, 3).noLeader().retainedClaims(2).build();
    ObservedCluster three = Scenario.running(3).noPod(2).noLeader().build();

    assertThat(SafetyRules.vet(List.of(new Action.DeletePvc("data-db-2", 2)), standalone).allowed()).hasSize(1);
    assertThat(SafetyRules.vet(List.of(new Action.DeletePvc("data-db-2", 2)), three).denied())
        .singleElement().satisfies(n -> assertThat(n.message()).contains("no Raft leader"));
  }

  @Test
  void onlyOneMemberIsTakenDownOnPurposePerPass() {
    ObservedCluster observed = Scenario.running(3).build();

    SafetyRules.Vetted vetted = SafetyRules.vet(List.of(
        new Action.DrainMember(observed.address(2)),
        new Action.DeletePod("db-1", "uid-1", 1, "MemberUpgrade", "x")), observed);

    assertThat(vetted.allowed()).hasOnlyElementsOfType(Action.DrainMember.class);
  }
}
