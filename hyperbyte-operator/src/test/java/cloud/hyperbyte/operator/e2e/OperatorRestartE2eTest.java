package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator process dies in the middle of an operation; the next one finishes it without repeating disruptions. */
class OperatorRestartE2eTest extends OperatorE2eTest {

  @Test
  void killedMidUpgradeTheNextOperatorFinishesWithOneRestartPerMember() throws Exception {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    int replacedBefore = history.replacements().size();

    setVersion("hdb", "0.8.6");
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
    // hdb-4's drain does not end on its own, and the first operator runs on the server's timings: after
    // draining hdb-4 it waits out the 90 s drain-ack window, so it is killed while waiting, no action half done
    SimulatedNode departing = sim.member(NS, "hdb-4").orElseThrow();
    departing.faults().stuckDrain();
    restartOperator(Clock.systemUTC(), Duration.ofMinutes(10), LifecycleTimings.defaults());

    setReplicas("hdb", 3);
    eventually().until(() -> events.memberActions("hdb", eventsBefore).contains("MemberDraining hdb-4"));
    restartOperator(Clock.systemUTC(), Duration.ofMinutes(10)); // waits a few seconds for a Draining member
    departing.faults().clear();

    awaitRunning("hdb", 3);
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
    assertThat(events.memberActions("hdb", eventsBefore)).as("drains and removals of both operators").containsExactly(
        "MemberDraining hdb-4", "MemberRemoved hdb-4", "MemberDraining hdb-3", "MemberRemoved hdb-3");
  }
}
