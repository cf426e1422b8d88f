package cloud.hyperbyte.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.backup.StatusConditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One transition-time rule for the cluster's, the backups' and the restores' conditions. */
class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  @Test
  void theTransitionTimeStaysWhileTheStatusStaysAndMovesWhenItFlips() {
    Condition first = Conditions.transitioned(List.of(), "Ready", false, "Starting", "starting", 1, T0);

    Condition same = Conditions.transitioned(List.of(first), "Ready", false, "Waiting", "other message", 2, T1);
    Condition flipped = Conditions.transitioned(List.of(first), "Ready", true, "AllMembersReady", "ready", 2, T1);

    assertThat(first.getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(same.getLastTransitionTime()).as("reason and message change, status does not").isEqualTo(T0.toString());
    assertThat(same.getObservedGeneration()).isEqualTo(2L);
    assertThat(flipped.getLastTransitionTime()).isEqualTo(T1.toString());
  }

  @Test
  void clusterAndRestoreConditionsFollowTheSameRule() {
    Condition previous = Conditions.transitioned(List.of(), "Ready", false, "Pending", "pending", 1, T0);

    Condition cluster = ClusterConditions.condition(List.of(previous), "Ready", false, "x", "y", 1, T1);
    Condition restore = StatusConditions.of(List.of(previous), 1).set("Ready", false, "x", "y", T1).get("Ready")
        .orElseThrow();

    assertThat(restore).isEqualTo(cluster);
  }
}
