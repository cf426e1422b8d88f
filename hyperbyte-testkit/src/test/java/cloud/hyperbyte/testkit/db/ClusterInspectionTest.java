package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /cluster/leader}, {@code /cluster/nodes}, {@code /cluster/metrics}, {@code /cluster/raft/metrics}, manifests (contract §2.6). */
class ClusterInspectionTest extends SimulatedDatabaseFixture {

  private static final String ADDR_1 = "hdb-0.hdb-headless.prod.svc.cluster.local:8086";
  private static final String ADDR_2 = "hdb-1.hdb-headless.prod.svc.cluster.local:8086";

  @Test
  void nodeOneBootstrapsASingleVoterGroupAndLeadsIt() {
    SimulatedNode node = database().start(0);

    JsonNode leader = client.getJson(node, "/cluster/leader");
    JsonNode raft = client.getJson(node, "/cluster/raft/metrics");

    assertThat(leader.toString()).isEqualTo(
        "{\"leader_id\":1,\"leader_addr\":\"" + ADDR_1 + "\",\"this_node_id\":1,\"is_leader\":true,\"term\":1}");
    assertThat(raft.get("id").asLong()).isEqualTo(1);
    assertThat(raft.get("state").asString()).isEqualTo("Leader");
    assertThat(raft.get("current_leader").asLong()).isEqualTo(1);
    assertThat(raft.get("current_term").asLong()).isEqualTo(1);
    assertThat(raft.at("/membership_config/membership/configs").toString()).isEqualTo("[[1]]");
    assertThat(raft.at("/membership_config/membership/nodes/1/addr").asString()).isEqualTo(ADDR_1);
  }

  @Test
  void otherMembersStartUninitializedAndActiveWaitingToBeAdded() {
    SimulatedDatabase database = database();
    database.start(0);
    SimulatedNode second = database.start(1);

    JsonNode leader = client.getJson(second, "/cluster/leader");
    JsonNode raft = client.getJson(second, "/cluster/raft/metrics");
    JsonNode metrics = client.getJson(second, "/cluster/metrics");

    assertThat(leader.get("leader_id").isNull()).isTrue();
    assertThat(leader.get("leader_addr").isNull()).isTrue();
    assertThat(leader.get("is_leader").asBoolean()).isFalse();
    assertThat(raft.get("state").asString()).isEqualTo("Learner");
    assertThat(raft.get("current_leader").isNull()).isTrue();
    assertThat(raft.get("last_log_index").isNull()).isTrue();
    assertThat(raft.at("/membership_config/membership/configs").toString()).isEqualTo("[]");
    assertThat(metrics.get("state").asString()).isEqualTo("active");
    assertThat(metrics.get("peers").isEmpty()).isTrue();
    assertThat(client.get(second, "/health").statusCode()).isEqualTo(200);
    assertThat(client.getJson(second, "/internal/membership").at("/nodes/2/needs_sync").asBoolean()).isTrue();
  }

  @Test
  void everyMemberOfAFormedClusterSeesTheSameVotersAndLeader() {
    SimulatedDatabase database = database().bootstrap(3);

    for (SimulatedNode node : database.nodes()) {
      JsonNode raft = client.getJson(node, "/cluster/raft/metrics");
      assertThat(raft.at("/membership_config/membership/configs").toString()).isEqualTo("[[1,2,3]]");
      assertThat(raft.get("current_leader").asLong()).isEqualTo(1);
      assertThat(raft.get("state").asString()).isEqualTo(node.nodeId() == 1 ? "Leader" : "Follower");
      assertThat(raft.get("last_log_index").asLong()).isEqualTo(raft.at("/last_applied/index").asLong());
    }
    JsonNode replication = client.getJson(database.node(0), "/cluster/raft/metrics").get("replication");
    assertThat(fieldNames(replication)).containsExactly("2", "3");
    assertThat(client.getJson(database.node(1), "/cluster/raft/metrics").get("replication").isNull()).isTrue();
  }

  @Test
  void clusterMetricsListPeersAsObjectsWithLowercaseStates() {
    SimulatedDatabase database = database().bootstrap(2);

    JsonNode metrics = client.getJson(database.node(0), "/cluster/metrics");

    assertThat(fieldNames(metrics)).containsExactly(
        "mode", "node_id", "node_addr", "state", "membership_version", "peers", "peer_count");
    assertThat(metrics.get("mode").asString()).isEqualTo("master-master");
    assertThat(metrics.get("node_addr").asString()).isEqualTo(ADDR_1);
    assertThat(metrics.get("peers").toString())
        .isEqualTo("[{\"node_id\":2,\"addr\":\"" + ADDR_2 + "\",\"state\":\"active\"}]");
    assertThat(metrics.get("peer_count").asInt()).isEqualTo(1);
  }

  @Test
  void clusterNodesListSelfAndPeersWithHeartbeats() {
    SimulatedDatabase database = database().bootstrap(2);

    JsonNode nodes = client.getJson(database.node(1), "/cluster/nodes").get("nodes");

    assertThat(nodes).hasSize(2);
    JsonNode self = nodes.get(0);
    assertThat(fieldNames(self)).containsExactly("node_id", "addr", "state", "self", "last_heartbeat");
    assertThat(self.get("node_id").asLong()).isEqualTo(2);
    assertThat(self.get("self").asBoolean()).isTrue();
    assertThat(nodes.get(1).get("node_id").asLong()).isEqualTo(1);
    assertThat(nodes.get(1).get("self").asBoolean()).isFalse();
    assertThat(nodes.get(1).get("last_heartbeat").asLong()).isEqualTo(START.getEpochSecond());
  }

  @Test
  void internalMembershipUsesCapitalisedStates() {
    SimulatedDatabase database = database().bootstrap(2);

    JsonNode membership = client.getJson(database.node(0), "/internal/membership");

    assertThat(membership.get("version").asLong()).isPositive();
    assertThat(membership.at("/nodes/1/state").asString()).isEqualTo("Active");
    assertThat(membership.at("/nodes/2/addr").asString()).isEqualTo(ADDR_2);
  }

  @Test
  void writesAdvanceTheWalSequenceOfTheMemberAndOfActivePeers() {
    SimulatedDatabase database = database().bootstrap(3);

    write(database.node(0), 3);
    write(database.node(2), 2);

    for (SimulatedNode node : database.nodes()) {
      JsonNode manifest = client.getJson(node, "/internal/sync/manifest");
      assertThat(manifest.get("node_id").asLong()).isEqualTo(node.nodeId());
      assertThat(manifest.get("wal_last_seq").asLong()).isEqualTo(5);
      assertThat(manifest.get("databases").isArray()).isTrue();
    }
  }

  @Test
  void writesAreRefusedWhenNotActive() {
    SimulatedDatabase database = database().bootstrap(2);
    client.post(database.node(1), "/internal/drain", "");

    var refused = client.post(database.node(1), "/write?db=x", "cpu v=1");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).isEmpty();
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(refused.headers().firstValue("X-Hyperbytedb-Redirect")).hasValue(ADDR_1);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
