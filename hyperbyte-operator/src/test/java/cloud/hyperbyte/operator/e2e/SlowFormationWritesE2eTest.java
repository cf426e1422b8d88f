package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What converging one three-member cluster costs when its formation takes longer than the pacing
 * period: members take seconds to start, so the cluster spends several periods being created. The
 * creation's progress (pods appearing, members starting and joining) is not written while the
 * creation lasts less than a minute; its end is, Running and Ready in one write. Before, each period
 * of the creation wrote its progress, doubling the period each time: 13 writes, 6 of them status.
 */
class SlowFormationWritesE2eTest extends OperatorE2eTest {

  /** Shorter than the members' start, so the creation spans several periods. */
  private static final Duration PACING = Duration.ofSeconds(1);
  private static final Duration SLOW_STARTUP = Duration.ofSeconds(3);

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder.databaseOptions(o -> o.withStartupDuration(SLOW_STARTUP).withDrainAckTimeout(DRAIN_ACK_TIMEOUT));
  }

  @Override
  OperatorProcess startOperator() throws Exception {
    return OperatorProcess.start(sim, settings -> settings.withStatusProgressPeriod(PACING));
  }

  @Test
  void aSlowFormationIsWrittenOnceWhenItEndsInEightWrites() throws Exception {
    Convergence convergence = createAndWatchUntilReady(
        Manifests.cluster("hdb", 3, "monitoring:\n  serviceMonitor: false"));
    ApiActivity converging = convergence.activity();
    List<String> phases = convergence.phases();

    assertThat(converging.writesByVerbAndResource()).as("writes by verb and resource").isEqualTo(Map.of(
        "PATCH configmaps", 1L, "PATCH poddisruptionbudgets", 1L, "PATCH services", 2L, "PATCH statefulsets", 1L,
        "CREATE events", 2L, "UPDATE hyperbytedbclusters/status", 1L));
    assertThat(events.withReason("hdb", "MemberAdded")).as("one event per member added").hasSize(2);
    assertThat(phases).as("phases the user saw").doesNotContain("Pending", "Initializing").contains("Running");
  }
}
