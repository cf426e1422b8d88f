package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /internal/drain} and the SIGTERM drain on simulated time (contract §0.6, §0.7, §2.4, §2.5). */
class DrainTest extends SimulatedDatabaseFixture {

  private static final DatabaseOptions SYNC_QUORUM =
      DatabaseOptions.defaults("hdb", "prod").withReplicationMode(ReplicationMode.SYNC_QUORUM);

  @Test
  void drainIsAcknowledgedAt202AndTheMemberIsDrainingAtOnce() {
    SimulatedDatabase database = database().bootstrap(3);

    HttpResponse<String> accepted = client.post(database.node(2), "/internal/drain", "");

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body()).isEqualTo("{\"ok\":true,\"message\":\"drain initiated\"}");
    assertThat(client.getJson(database.node(2), "/cluster/metrics").get("state").asString()).isEqualTo("draining");
  }

  @Test
  void inAsyncModeWithActivePeersAndWalHistoryTheAckWaitTimesOutAndTheMemberStaysDraining() {
    SimulatedDatabase database = database().bootstrap(3);
    write(database.node(0), 1);
    SimulatedNode member = database.node(2);

    client.post(member, "/internal/drain", "");
    advance(Duration.ofSeconds(89));

    assertThat(member.lastDrain()).contains(DrainOutcome.RUNNING);
    advance(Duration.ofSeconds(1));
    assertThat(member.lastDrain()).contains(DrainOutcome.ACK_TIMEOUT);
    advance(Duration.ofMinutes(10));
    assertThat(client.getJson(member, "/cluster/metrics").get("state").asString()).isEqualTo("draining");
    assertThat(client.get(member, "/health").body()).contains("node is Draining");
    // peers were never told to drop it
    assertThat(client.getJson(database.node(0), "/cluster/metrics").get("peer_count").asInt()).isEqualTo(2);
  }

  @Test
  void theAckTimeoutIsConfigurable() {
    SimulatedDatabase database = database(DatabaseOptions.defaults("hdb", "prod").withDrainAckTimeout(Duration.ofSeconds(10)));
    database.bootstrap(2);
    write(database.node(0), 1);

    client.post(database.node(1), "/internal/drain", "");
    advance(Duration.ofSeconds(10));

    assertThat(database.node(1).lastDrain()).contains(DrainOutcome.ACK_TIMEOUT);
  }

  @Test
  void inSyncQuorumModeTheDrainEndsLeavingAndPeersDropTheMember() {
    SimulatedDatabase database = database(SYNC_QUORUM).bootstrap(3);
    write(database.node(2), 4);
    SimulatedNode member = database.node(2);

    client.post(member, "/internal/drain", "");
    advance(Duration.ZERO);

    assertThat(member.lastDrain()).contains(DrainOutcome.LEFT);
    assertThat(client.getJson(member, "/cluster/metrics").get("state").asString()).isEqualTo("leaving");
    assertThat(client.get(member, "/health").body())
        .isEqualTo("{\"status\":\"warn\",\"message\":\"node is Leaving, not accepting traffic\"}");
    assertThat(client.getJson(database.node(0), "/cluster/metrics").get("peer_count").asInt()).isEqualTo(1);
    // the data plane dropped it, Raft did not: remove-node is still the operator's call
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void withoutActivePeersTheDrainEndsLeavingEvenInAsyncMode() {
    SimulatedNode single = database().start(0);
    write(single, 3);

    client.post(single, "/internal/drain", "");
    advance(Duration.ZERO);

    assertThat(single.state()).isEqualTo(NodeState.LEAVING);
  }

  @Test
  void inAsyncModeWithoutWalHistoryTheAckWaitIsSatisfied() {
    SimulatedDatabase database = database().bootstrap(2);

    client.post(database.node(1), "/internal/drain", "");
    advance(Duration.ZERO);

    assertThat(database.node(1).state()).isEqualTo(NodeState.LEAVING);
  }

  @Test
  void aSlowDrainFlushesOnSimulatedTimeBeforeTheAckWait() {
    SimulatedDatabase database = database(SYNC_QUORUM).bootstrap(2);
    database.node(1).faults().slowDrain(Duration.ofSeconds(30));

    client.post(database.node(1), "/internal/drain", "");
    advance(Duration.ofSeconds(29));
    NodeState whileFlushing = database.node(1).state();
    advance(Duration.ofSeconds(1));

    assertThat(whileFlushing).isEqualTo(NodeState.DRAINING);
    assertThat(database.node(1).state()).isEqualTo(NodeState.LEAVING);
  }

  @Test
  void aStuckDrainDoesNotEndWhileTheFaultLastsAndARestartEndsIt() {
    SimulatedDatabase database = database(SYNC_QUORUM).bootstrap(2);
    database.node(1).faults().stuckDrain();

    client.post(database.node(1), "/internal/drain", "");
    advance(Duration.ofHours(1));

    assertThat(database.node(1).lastDrain()).contains(DrainOutcome.RUNNING);
    database.start(1);
    database.node(1).faults().clear();
    advance(Duration.ofMinutes(1));
    assertThat(database.node(1).state()).as("the restarted process does not go on with the old drain")
        .isEqualTo(NodeState.ACTIVE);
  }

  @Test
  void aStuckDrainGoesOnOnceTheFaultIsCleared() {
    SimulatedDatabase database = database(SYNC_QUORUM).bootstrap(2);
    database.node(1).faults().stuckDrain();
    client.post(database.node(1), "/internal/drain", "");
    advance(Duration.ofMinutes(5));

    database.node(1).faults().clear();
    advance(Duration.ZERO);

    assertThat(database.node(1).lastDrain()).contains(DrainOutcome.LEFT);
  }

  /**
   * Campaign seeds 1321 and 1368: a member's pod was deleted (SIGTERM) while its drains hung, and
   * its process kept the volume after the fault ended, so a restore pod waited for it forever.
   */
  @Test
  void aSigtermDrainThatHungEndsTheProcessOnceTheFaultIsCleared() {
    SimulatedDatabase database = database(SYNC_QUORUM).bootstrap(3);
    database.node(2).faults().stuckDrain();
    database.stop(2);
    advance(Duration.ofMinutes(5));
    boolean runningWhileStuck = database.node(2).isProcessRunning();

    database.node(2).faults().clear();
    advance(Duration.ZERO);

    assertThat(runningWhileStuck).isTrue();
    assertThat(database.node(2).isProcessRunning()).isFalse();
    assertThat(database.node(2).volume().inUse()).isFalse();
  }

  @Test
  void theDrainCompletesOnceAnUnreachableActivePeerIsMarkedDisconnected() {
    SimulatedDatabase database = database(SYNC_QUORUM).bootstrap(3);
    database.crash(2);
    write(database.node(0), 2); // node 3 acks nothing

    client.post(database.node(1), "/internal/drain", "");
    advance(Duration.ZERO);
    NodeState beforeProbe = database.node(1).state();
    advance(Duration.ofSeconds(4));

    assertThat(beforeProbe).isEqualTo(NodeState.DRAINING);
    assertThat(database.node(1).state()).isEqualTo(NodeState.LEAVING);
  }

  @Test
  void aTriggeredSyncSetsADrainingMemberActiveAgain() {
    SimulatedDatabase database = database().bootstrap(2);
    write(database.node(0), 1);
    SimulatedNode member = database.node(1);
    client.post(member, "/internal/drain", "");

    HttpResponse<String> started = client.post(member, "/internal/sync/trigger", "");
    HttpResponse<String> again = client.post(member, "/internal/sync/trigger", "");
    advance(Duration.ofSeconds(1));

    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(started.body()).isEqualTo("{\"status\":\"sync_started\"}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("{\"status\":\"already_syncing\"}");
    assertThat(member.state()).isEqualTo(NodeState.ACTIVE);
  }

  @Test
  void sigtermDrainsInClusterModeAndAfterARestartPeersStayWithoutTheMemberUntilReAdded() {
    SimulatedDatabase database = database(SYNC_QUORUM).bootstrap(3);
    List<String> changes = new ArrayList<>();
    database.onHealthChange(changes::add);

    database.stop(2);

    assertThat(database.node(2).isListening()).isFalse();
    assertThat(database.node(2).isProcessRunning()).isTrue();
    advance(Duration.ZERO);
    assertThat(database.node(2).isProcessRunning()).isFalse();
    assertThat(changes).containsExactly("hdb-2");

    database.start(2);

    assertThat(database.node(2).state()).isEqualTo(NodeState.ACTIVE);
    assertThat(client.getJson(database.node(0), "/cluster/metrics").get("peer_count").asInt()).isEqualTo(1);
    client.post(database.node(0), "/cluster/membership/add-node",
        "{\"node_id\":3,\"addr\":\"" + database.node(2).clusterAddress() + "\",\"promote\":true}");
    assertThat(client.getJson(database.node(0), "/cluster/metrics").get("peer_count").asInt()).isEqualTo(2);
  }

  @Test
  void sigtermInAsyncModeKeepsTheProcessUpForTheAckTimeout() {
    SimulatedDatabase database = database().bootstrap(3);
    write(database.node(0), 1);

    database.stop(2);
    advance(Duration.ofSeconds(89));
    boolean runningBeforeTimeout = database.node(2).isProcessRunning();
    advance(Duration.ofSeconds(1));

    assertThat(runningBeforeTimeout).isTrue();
    assertThat(database.node(2).isProcessRunning()).isFalse();
    assertThat(database.node(2).lastDrain()).contains(DrainOutcome.ACK_TIMEOUT);
  }
}
