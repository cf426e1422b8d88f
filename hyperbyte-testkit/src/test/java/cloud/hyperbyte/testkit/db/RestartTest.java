package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Restarts with and without the volume (contract §2.2, §2.4 step 4). */
class RestartTest extends SimulatedDatabaseFixture {

  @Test
  void aRestartedLearnerComesBackSyncingAndUnready() {
    SimulatedDatabase database = database().bootstrap(2);
    database.start(2);
    client.post(database.node(0), "/internal/membership/join",
        "{\"node_id\":3,\"addr\":\"" + database.node(2).clusterAddress() + "\"}");
    assertThat(database.node(2).state()).isEqualTo(NodeState.ACTIVE);

    database.crash(2);
    database.start(2);

    assertThat(database.node(2).state()).isEqualTo(NodeState.SYNCING);
    assertThat(client.get(database.node(2), "/health").body())
        .isEqualTo("{\"status\":\"warn\",\"message\":\"node is Syncing, not accepting traffic\"}");
    assertThat(database.ready("hdb-2")).isFalse();
  }

  @Test
  void promotingARestartedLearnerMakesItActive() {
    SimulatedDatabase database = database().bootstrap(2);
    database.start(2);
    client.post(database.node(0), "/internal/membership/join",
        "{\"node_id\":3,\"addr\":\"" + database.node(2).clusterAddress() + "\"}");
    database.crash(2);
    database.start(2);

    client.post(database.node(0), "/cluster/membership/add-node",
        "{\"node_id\":3,\"addr\":\"" + database.node(2).clusterAddress() + "\",\"promote\":true}");

    assertThat(database.node(2).state()).isEqualTo(NodeState.ACTIVE);
    assertThat(database.ready("hdb-2")).isTrue();
  }

  @Test
  void aMemberRestartedWithoutItsVolumeIsCaughtUpByTheLeader() {
    SimulatedDatabase database = database().bootstrap(3);
    write(database.node(0), 5);

    database.crash(2);
    database.start(2, false);

    assertThat(database.node(2).walSequence()).isZero();
    assertThat(client.getJson(database.node(2), "/cluster/raft/metrics").at("/membership_config/membership/configs").toString())
        .isEqualTo("[[1,2,3]]");
    client.post(database.node(2), "/internal/sync/trigger", "");
    assertThat(database.node(2).state()).isEqualTo(NodeState.SYNCING);
    advance(Duration.ofSeconds(1));
    assertThat(database.node(2).state()).isEqualTo(NodeState.ACTIVE);
    assertThat(database.node(2).walSequence()).isEqualTo(5);
  }

  @Test
  void aRemovedMemberBackWithItsOldVolumeKeepsAStaleView() {
    SimulatedDatabase database = database().bootstrap(3);
    client.post(database.node(0), "/cluster/membership/remove-node", "{\"node_id\":3}");
    database.crash(2);

    database.start(2);

    assertThat(database.node(2).raftView().membership().voters()).containsExactly(1L, 2L, 3L);
    assertThat(client.getJson(database.node(2), "/cluster/leader").get("leader_id").isNull()).isTrue();
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L, 2L);
  }

  @Test
  void nodeOneRestartedWithoutItsVolumeBootstrapsASecondGroup() {
    SimulatedDatabase database = database().bootstrap(3);
    SimulatedRaftGroup original = database.raft().orElseThrow();

    database.crash(0);
    database.start(0, false);

    assertThat(database.raft().orElseThrow()).isNotSameAs(original);
    assertThat(client.getJson(database.node(0), "/cluster/raft/metrics").at("/membership_config/membership/configs").toString())
        .isEqualTo("[[1]]");
    assertThat(client.getJson(database.node(1), "/cluster/leader").get("leader_id").asLong()).isEqualTo(2);
    assertThat(original.voters()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void nodeOneRestartedWithItsVolumeRejoinsItsGroup() {
    SimulatedDatabase database = database().bootstrap(3);
    SimulatedRaftGroup original = database.raft().orElseThrow();

    database.crash(0);
    database.start(0);

    assertThat(database.raft().orElseThrow()).isSameAs(original);
    assertThat(client.getJson(database.node(0), "/cluster/leader").get("leader_id").asLong()).isEqualTo(2);
  }

  @Test
  void aPodNameResolvesToItsMemberBeforeAndAfterStart() {
    SimulatedDatabase database = database();

    String before = database.addressOf("hdb-4");
    database.start(4);

    assertThat(database.addressOf("hdb-4")).isEqualTo(before).startsWith("127.0.0.1:");
    assertThat(database.node("hdb-4")).containsSame(database.node(4));
    assertThat(database.node(4).nodeId()).isEqualTo(5);
  }
}
