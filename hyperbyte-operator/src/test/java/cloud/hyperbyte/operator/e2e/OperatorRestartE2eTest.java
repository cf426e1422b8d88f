package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator process dies in the middle of an operation; the next one finishes it without repeating disruptions. */
class OperatorRestartE2eTest extends OperatorE2eTest {

  @Test
  void killedMidUpgradeTheNextOperatorFinishesWithOneRestartPerMember() throws Exception {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    int replacedBefore = history.replacements().size();

    edit("hdb", c -> {
      c.getSpec().setVersion("0.8.6");
      return c;
    });
    eventually().until(() -> history.replacementsSince(replacedBefore).size() >= 1);
    restartOperator(Clock.systemUTC(), Duration.ofMinutes(10));

    eventually().until(() -> "0.8.6".equals(status("hdb").getCurrentVersion()));
    awaitRunning("hdb", 3);
    assertThat(history.replacementsSince(replacedBefore)).as("each member restarted once").hasSize(3)
        .doesNotHaveDuplicates();
  }

  @Test
  void killedMidScaleDownTheNextOperatorFinishesWithoutDrainingOrRemovingTwice() throws Exception {
    create(Manifests.cluster("hdb", 5));
    awaitRunning("hdb", 5);
    int eventsBefore = events.of("hdb").size();

    setReplicas("hdb", 3);
    eventually().until(() -> events.of("hdb").stream().skip(eventsBefore)
        .anyMatch(e -> e.reason().equals("MemberDraining")));
    // the drain may end in Draining (async mode); the operator then waits out the server's 90 s ack
    // window on its own clock, which this test moves faster than real time
    ShiftableClock clock = new ShiftableClock(Clock.systemUTC());
    restartOperator(clock, FREQUENT_RESYNC);

    eventually().pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      clock.jump(Duration.ofSeconds(5));
      HyperbytedbClusterStatus status = status("hdb");
      assertThat(status.getPhase()).isEqualTo("Running");
      assertThat(status.getReadyReplicas()).isEqualTo(3);
      assertThat(voters("hdb")).hasSize(3);
    });
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
    List<String> actions = events.of("hdb").stream().skip(eventsBefore)
        .filter(e -> e.reason().equals("MemberDraining") || e.reason().equals("MemberRemoved"))
        .map(e -> e.reason() + " " + e.message().substring(0, e.message().indexOf(':'))).toList();
    assertThat(actions).containsExactly(
        "MemberDraining hdb-4", "MemberRemoved hdb-4", "MemberDraining hdb-3", "MemberRemoved hdb-3");
  }
}
