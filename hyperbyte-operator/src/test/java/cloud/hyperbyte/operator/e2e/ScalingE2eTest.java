package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingE2eTest extends OperatorE2eTest {

  @Test
  void threeToFiveAndBackAddsMembersThenDrainsAndRemovesTheHighestFirstOneAtATime() {
    create(Manifests.cluster("hdb", 3, """
        persistentVolumeClaimRetention:
          whenScaled: Delete
        """));
    awaitRunning("hdb", 3);

    setReplicas("hdb", 5);
    awaitRunning("hdb", 5);
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(history.phases("hdb")).containsSubsequence("Running", "Scaling", "Running");

    int eventsBefore = events.of("hdb").size();
    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "hdb", 3, 5)) {
      setReplicas("hdb", 3);
      awaitRunning("hdb", 3);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isEqualTo(1);
    }
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
    assertThat(memberActions("hdb", eventsBefore)).containsExactly(
        "MemberDraining hdb-4", "MemberRemoved hdb-4", "MemberDraining hdb-3", "MemberRemoved hdb-3");
    assertThat(claims()).containsExactlyInAnyOrder("data-hdb-0", "data-hdb-1", "data-hdb-2");
    assertThat(history.phases("hdb")).containsSubsequence("Running", "Scaling", "Running", "Scaling", "Running");
  }

  @Test
  void oneToThreeTurnsClusterModeOnThroughTheStandaloneMemberAndFormsThreeVoters() {
    create(Manifests.cluster("duo", 1));
    awaitRunning("duo", 1);
    assertThat(sim.database(NS, "duo")).hasValueSatisfying(db -> assertThat(db.options().clusterEnabled()).isFalse());

    setReplicas("duo", 3);
    awaitRunning("duo", 3);

    assertThat(voters("duo")).containsExactly(1L, 2L, 3L);
    assertThat(sim.member(NS, "duo-0")).hasValueSatisfying(n -> assertThat(n.raftView().membership().voters())
        .containsExactly(1L, 2L, 3L));
    // member 0's restart into cluster mode is part of the scale, and it restarts once
    assertThat(since("Running", history.phases("duo"))).containsExactly("Running", "Scaling", "Running");
    assertThat(history.incarnations("duo-0")).isEqualTo(2);
  }

  @Test
  void oneToThreeAndBackTurnsClusterModeOnAndOffAndKeepsTheClaimsByDefault() {
    create(Manifests.cluster("solo", 1));
    awaitRunning("solo", 1);
    assertThat(sim.database(NS, "solo")).hasValueSatisfying(db -> assertThat(db.options().clusterEnabled()).isFalse());

    setReplicas("solo", 3);
    awaitRunning("solo", 3);
    assertThat(voters("solo")).containsExactly(1L, 2L, 3L);
    assertThat(sim.member(NS, "solo-0")).hasValueSatisfying(n -> assertThat(n.raftView().membership().voters())
        .containsExactly(1L, 2L, 3L));

    int eventsBefore = events.of("solo").size();
    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "solo", 1, 3)) {
      setReplicas("solo", 1);
      awaitRunning("solo", 1);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isLessThanOrEqualTo(1);
    }
    assertThat(memberActions("solo", eventsBefore)).startsWith(
        "MemberDraining solo-2", "MemberRemoved solo-2", "MemberDraining solo-1", "MemberRemoved solo-1");
    assertThat(claims()).contains("data-solo-0", "data-solo-1", "data-solo-2");
    // the lone member's restarts into and out of cluster mode are part of the scales, not upgrades
    assertThat(since("Running", history.phases("solo")))
        .containsExactly("Running", "Scaling", "Running", "Scaling", "Running");
    assertThat(sim.database(NS, "solo")).hasValueSatisfying(db -> assertThat(db.options().clusterEnabled()).isFalse());
  }

  /** The phases from the first {@code phase} on. */
  private static List<String> since(String phase, List<String> phases) {
    int first = phases.indexOf(phase);
    return first < 0 ? List.of() : phases.subList(first, phases.size());
  }

  /** Drain and removal events after the first {@code skip}, as "reason pod". */
  private List<String> memberActions(String cluster, int skip) {
    return events.memberActions(cluster, skip);
  }

  private List<String> claims() {
    return user.persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
        .map(PersistentVolumeClaim::getMetadata).map(m -> m.getName()).toList();
  }
}
