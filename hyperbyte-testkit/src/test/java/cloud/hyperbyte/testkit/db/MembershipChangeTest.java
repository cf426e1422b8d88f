package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code add-node}, {@code remove-node}, {@code /internal/membership/join|leave} (contract §2.3, §2.4). */
class MembershipChangeTest extends SimulatedDatabaseFixture {

  private static final String ADDR_2 = "hdb-1.hdb-headless.prod.svc.cluster.local:8086";

  @Test
  void addNodeOnTheLeaderAddsAndPromotesAndEveryMemberAppliesIt() {
    SimulatedDatabase database = database();
    SimulatedNode leader = database.start(0);
    SimulatedNode second = database.start(1);

    HttpResponse<String> added = client.post(leader, "/cluster/membership/add-node",
        "{\"node_id\":2,\"addr\":\"" + ADDR_2 + "\",\"promote\":true}");

    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(added.body()).isEqualTo("{\"node_id\":2,\"addr\":\"" + ADDR_2
        + "\",\"added_as_learner\":true,\"promoted_to_voter\":true,\"leader_id\":1}");
    assertThat(client.getJson(second, "/cluster/raft/metrics").get("state").asString()).isEqualTo("Follower");
    assertThat(client.getJson(second, "/cluster/leader").get("leader_id").asLong()).isEqualTo(1);
    assertThat(client.getJson(leader, "/cluster/metrics").at("/peers/0/node_id").asLong()).isEqualTo(2);
    assertThat(client.getJson(second, "/cluster/metrics").at("/peers/0/node_id").asLong()).isEqualTo(1);
  }

  @Test
  void promoteDefaultsToTrue() {
    SimulatedDatabase database = database();
    SimulatedNode leader = database.start(0);
    database.start(1);

    JsonNode added = NodeClient.json(client.post(leader, "/cluster/membership/add-node",
        "{\"node_id\":2,\"addr\":\"" + ADDR_2 + "\"}"));

    assertThat(added.get("promoted_to_voter").asBoolean()).isTrue();
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L, 2L);
  }

  @Test
  void addNodeOnAFollowerAnswers503WithTheLeader() {
    SimulatedDatabase database = database().bootstrap(3);
    database.start(3);

    HttpResponse<String> refused = client.post(database.node(2), "/cluster/membership/add-node",
        "{\"node_id\":4,\"addr\":\"hdb-3.hdb-headless.prod.svc.cluster.local:8086\",\"promote\":true}");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).isEqualTo("{\"error\":\"not raft leader\",\"leader_id\":1}");
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void addingANodeThatIsNotUpLeavesItALearnerNotPromoted() {
    SimulatedDatabase database = database();
    SimulatedNode leader = database.start(0);

    JsonNode added = NodeClient.json(client.post(leader, "/cluster/membership/add-node",
        "{\"node_id\":2,\"addr\":\"" + ADDR_2 + "\",\"promote\":true}"));

    assertThat(added.get("added_as_learner").asBoolean()).isTrue();
    assertThat(added.get("promoted_to_voter").asBoolean()).isFalse();
    assertThat(database.raft().orElseThrow().learners()).containsExactly(2L);
    assertThat(client.getJson(leader, "/cluster/metrics").at("/peers/0/state").asString()).isEqualTo("syncing");
  }

  @Test
  void removeNodeShrinksTheVotersOnEveryRemainingMember() {
    SimulatedDatabase database = database().bootstrap(3);

    HttpResponse<String> removed = client.post(database.node(0), "/cluster/membership/remove-node", "{\"node_id\":3}");

    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.body())
        .isEqualTo("{\"node_id\":3,\"removed_from_voters\":true,\"leader_id\":1,\"remaining_voters\":[1,2]}");
    assertThat(client.getJson(database.node(1), "/cluster/raft/metrics").at("/membership_config/membership/configs").toString())
        .isEqualTo("[[1,2]]");
    assertThat(peerIds(database.node(1))).containsExactly(1L);
  }

  @Test
  void removingANonVoterAnswers200WithoutChange() {
    SimulatedDatabase database = database().bootstrap(2);

    HttpResponse<String> removed = client.post(database.node(0), "/cluster/membership/remove-node", "{\"node_id\":7}");

    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(NodeClient.json(removed).get("removed_from_voters").asBoolean()).isFalse();
    assertThat(NodeClient.json(removed).get("remaining_voters").toString()).isEqualTo("[1,2]");
  }

  @Test
  void removingTheLastVoterIsRefused() {
    SimulatedNode leader = database().start(0);

    HttpResponse<String> refused = client.post(leader, "/cluster/membership/remove-node", "{\"node_id\":1}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).isEqualTo("{\"error\":\"cannot remove last raft voter\"}");
  }

  @Test
  void removeNodeOnAFollowerAnswers503WithTheLeader() {
    SimulatedDatabase database = database().bootstrap(3);

    HttpResponse<String> refused = client.post(database.node(1), "/cluster/membership/remove-node", "{\"node_id\":3}");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(NodeClient.json(refused).get("leader_id").asLong()).isEqualTo(1);
  }

  @Test
  void removingTheLeaderHandsLeadershipToTheLowestRemainingVoter() {
    SimulatedDatabase database = database().bootstrap(3);

    client.post(database.node(0), "/cluster/membership/remove-node", "{\"node_id\":1}");

    JsonNode leader = client.getJson(database.node(2), "/cluster/leader");
    assertThat(leader.get("leader_id").asLong()).isEqualTo(2);
    assertThat(leader.get("term").asLong()).isEqualTo(2);
  }

  @Test
  void malformedBodiesAre400AndMissingFields422() {
    SimulatedNode leader = database().start(0);

    assertThat(client.post(leader, "/cluster/membership/add-node", "{not json").statusCode()).isEqualTo(400);
    assertThat(client.post(leader, "/cluster/membership/add-node", "{\"node_id\":2}").statusCode()).isEqualTo(422);
    assertThat(client.post(leader, "/cluster/membership/remove-node", "{}").statusCode()).isEqualTo(422);
  }

  @Test
  void joinAddsALearnerOnlyAndIsLeaderOnly() {
    SimulatedDatabase database = database().bootstrap(2);
    database.start(2);

    HttpResponse<String> joined = client.post(database.node(0), "/internal/membership/join",
        "{\"node_id\":3,\"addr\":\"hdb-2.hdb-headless.prod.svc.cluster.local:8086\"}");
    HttpResponse<String> refused = client.post(database.node(1), "/internal/membership/join",
        "{\"node_id\":3,\"addr\":\"hdb-2.hdb-headless.prod.svc.cluster.local:8086\"}");

    assertThat(joined.statusCode()).isEqualTo(200);
    assertThat(NodeClient.json(joined).get("assigned_node_id").asLong()).isEqualTo(3);
    assertThat(database.raft().orElseThrow().learners()).containsExactly(3L);
    assertThat(client.getJson(database.node(2), "/cluster/raft/metrics").get("state").asString()).isEqualTo("Learner");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).isEqualTo("{\"error\":\"not raft leader, retry on another node\"}");
  }

  @Test
  void leaveDropsAPeerFromTheDataPlaneAndReAddingHealsIt() {
    SimulatedDatabase database = database().bootstrap(3);

    HttpResponse<String> left = client.post(database.node(0), "/internal/membership/leave", "{\"node_id\":3}");

    assertThat(left.body()).isEqualTo("{\"ok\":true}");
    assertThat(peerIds(database.node(0))).containsExactly(2L);
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L, 2L, 3L);

    HttpResponse<String> readded = client.post(database.node(0), "/cluster/membership/add-node",
        "{\"node_id\":3,\"addr\":\"hdb-2.hdb-headless.prod.svc.cluster.local:8086\",\"promote\":true}");

    assertThat(NodeClient.json(readded).get("promoted_to_voter").asBoolean()).isTrue();
    assertThat(peerIds(database.node(0))).containsExactly(2L, 3L);
  }

  @Test
  void leaveWithTheNodesOwnIdOnlyMarksItDraining() {
    SimulatedDatabase database = database().bootstrap(2);

    client.post(database.node(1), "/internal/membership/leave", "{\"node_id\":2}");

    assertThat(database.node(1).state()).isEqualTo(NodeState.DRAINING);
    assertThat(database.node(1).lastDrain()).isEmpty();
  }

  private List<Long> peerIds(SimulatedNode node) {
    List<Long> ids = new java.util.ArrayList<>();
    client.getJson(node, "/cluster/metrics").get("peers").forEach(p -> ids.add(p.get("node_id").asLong()));
    return ids;
  }
}
