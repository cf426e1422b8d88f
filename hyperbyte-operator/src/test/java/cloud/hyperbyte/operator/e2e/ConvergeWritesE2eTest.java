package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.kube.ApiRequest;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What converging one three-member cluster costs in API writes: its five objects applied once, one
 * Event per member added, and one status write, Running and Ready together. Pod events of a cluster
 * coming up (members appearing, starting, joining) are progress of a creation, written only when the
 * creation ends or stalls for a minute; progress of a running cluster waits the pacing period, long
 * here so that no machine is slow enough to reach it, and the count is a behaviour rather than a
 * timing. {@link SlowFormationWritesE2eTest} has a formation longer than the period.
 */
class ConvergeWritesE2eTest extends OperatorE2eTest {

  /** Longer than any convergence here: only changes someone acts on are written. */
  private static final Duration PACING = Duration.ofMinutes(10);

  @Override
  OperatorProcess startOperator() throws Exception {
    return OperatorProcess.start(sim, settings -> settings.withStatusProgressPeriod(PACING));
  }

  @Test
  void aThreeMemberClusterConvergesInEightWritesOneOfThemStatus() throws Exception {
    Convergence convergence = createAndWatchUntilReady(
        Manifests.cluster("hdb", 3, "monitoring:\n  serviceMonitor: false"));
    ApiActivity converging = convergence.activity();
    List<String> phases = convergence.phases();

    assertThat(converging.writes().stream().filter(r -> r.verb() == ApiVerb.PATCH).map(ApiRequest::resource).sorted())
        .as("objects applied").containsExactly("configmaps", "poddisruptionbudgets", "services", "services",
            "statefulsets");
    assertThat(events.withReason("hdb", "MemberAdded")).as("events").hasSize(2);
    assertThat(converging.count(ApiVerb.CREATE, "events")).as("events created").isEqualTo(2);
    assertThat(converging.count(r -> "status".equals(r.subresource())))
        .as("status writes: Running and Ready together").isEqualTo(1);
    assertThat(converging.writes()).as("all writes").hasSize(8);
    assertThat(phases).as("phases the user saw").doesNotContain("Pending", "Initializing");
  }
}
