package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Leader re-election, loss of quorum, partitions, heartbeats and latency. */
class FailoverAndPartitionTest extends SimulatedDatabaseFixture {

  @Test
  void whenTheLeaderStopsTheLowestLiveVoterLeadsInANewTerm() {
    SimulatedDatabase database = database().bootstrap(3);

    database.crash(0);

    for (int ordinal : new int[] {1, 2}) {
      JsonNode leader = client.getJson(database.node(ordinal), "/cluster/leader");
      assertThat(leader.get("leader_id").asLong()).isEqualTo(2);
      assertThat(leader.get("term").asLong()).isEqualTo(2);
    }
    assertThat(client.getJson(database.node(1), "/cluster/raft/metrics").get("state").asString()).isEqualTo("Leader");
  }

  @Test
  void leadershipMovesToAReachableVoterInANewTermAndStaysThereWhileItHasAMajority() {
    SimulatedDatabase database = database().bootstrap(3);

    database.raft().orElseThrow().transferLeadership(2);
    database.crash(2);
    database.start(2, true);

    for (int ordinal : new int[] {0, 1, 2}) {
      JsonNode leader = client.getJson(database.node(ordinal), "/cluster/leader");
      assertThat(leader.get("leader_id").asLong()).isEqualTo(2);
      assertThat(leader.get("term").asLong()).isEqualTo(2);
    }
    database.crash(1);
    assertThatThrownBy(() -> database.raft().orElseThrow().transferLeadership(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("node 2 cannot lead");
  }

  @Test
  void withoutAMajorityThereIsNoLeaderAndMembershipCallsAnswer503WithANullLeader() {
    SimulatedDatabase database = database().bootstrap(3);

    database.crash(0);
    database.crash(1);

    SimulatedNode survivor = database.node(2);
    assertThat(client.getJson(survivor, "/cluster/leader").get("leader_id").isNull()).isTrue();
    assertThat(client.getJson(survivor, "/cluster/raft/metrics").get("state").asString()).isEqualTo("Candidate");
    var refused = client.post(survivor, "/cluster/membership/remove-node", "{\"node_id\":1}");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).isEqualTo("{\"error\":\"not raft leader\",\"leader_id\":null}");
  }

  @Test
  void aRestartedVoterRestoresTheMajorityAndRejoinsWithItsState() {
    SimulatedDatabase database = database().bootstrap(3);
    database.crash(0);
    database.crash(1);

    database.start(0);

    assertThat(database.raft().orElseThrow().leader()).hasValue(1L);
    assertThat(client.getJson(database.node(0), "/cluster/raft/metrics").at("/membership_config/membership/configs").toString())
        .isEqualTo("[[1,2,3]]");
  }

  @Test
  void aPartitionedMemberRefusesCallsAndItsPeersMarkItDisconnectedOnTheNextProbe() {
    SimulatedDatabase database = database().bootstrap(3);

    database.partition(2, PartitionMode.REFUSE);

    assertThatThrownBy(() -> client.call(database.node(2), "/ping", Duration.ofSeconds(2)))
        .isInstanceOf(IOException.class);
    assertThat(peerState(database.node(0), 3)).isEqualTo("active");
    advance(Duration.ofSeconds(2));
    assertThat(peerState(database.node(0), 3)).isEqualTo("disconnected");
    database.heal(2);
    advance(Duration.ofSeconds(2));
    assertThat(peerState(database.node(0), 3)).isEqualTo("active");
  }

  @Test
  void aTimeoutPartitionHoldsCallsUntilTheCallerGivesUp() {
    SimulatedDatabase database = database().bootstrap(2);

    database.partition(1, PartitionMode.TIMEOUT);

    assertThatThrownBy(() -> client.call(database.node(1), "/health", Duration.ofMillis(200)))
        .isInstanceOf(HttpTimeoutException.class);
    database.heal(1);
    assertThat(client.get(database.node(1), "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aPartitionedLeaderIsReplacedAndKeepsItsStaleViewUntilHealed() {
    SimulatedDatabase database = database().bootstrap(3);

    database.partition(0, PartitionMode.REFUSE);

    assertThat(client.getJson(database.node(2), "/cluster/leader").get("leader_id").asLong()).isEqualTo(2);
    assertThat(database.node(0).raftView().leaderId()).hasValue(1L);
    database.heal(0);
    assertThat(client.getJson(database.node(0), "/cluster/leader").get("leader_id").asLong()).isEqualTo(2);
    assertThat(client.getJson(database.node(0), "/cluster/raft/metrics").get("state").asString()).isEqualTo("Follower");
  }

  @Test
  void membershipChangesNeedAMajorityOfTheOldAndNewVoters() {
    SimulatedDatabase database = database().bootstrap(3);
    database.start(3);
    database.partition(2, PartitionMode.REFUSE);

    var added = NodeClient.json(client.post(database.node(0), "/cluster/membership/add-node",
        "{\"node_id\":4,\"addr\":\"" + database.node(3).clusterAddress() + "\"}"));

    // {1,2,3} has 2 of 3 reachable and {1,2,3,4} has 3 of 4: the change commits
    assertThat(added.get("promoted_to_voter").asBoolean()).isTrue();
    database.partition(1, PartitionMode.REFUSE);
    var removed = client.post(database.node(0), "/cluster/membership/remove-node", "{\"node_id\":4}");
    assertThat(removed.statusCode()).isEqualTo(503); // 2 of 4 voters: node 1 lost leadership
  }

  @Test
  void latencyDelaysAnswersInRealTime() {
    SimulatedDatabase database = database().bootstrap(2);
    database.node(1).faults().latency(Duration.ofSeconds(2));

    assertThatThrownBy(() -> client.call(database.node(1), "/ping", Duration.ofMillis(100)))
        .isInstanceOf(HttpTimeoutException.class);
    database.node(1).faults().latency(Duration.ZERO);
  }

  private String peerState(SimulatedNode node, long peerId) {
    for (JsonNode peer : client.getJson(node, "/cluster/metrics").get("peers")) {
      if (peer.get("node_id").asLong() == peerId) {
        return peer.get("state").asString();
      }
    }
    return "absent";
  }
}
