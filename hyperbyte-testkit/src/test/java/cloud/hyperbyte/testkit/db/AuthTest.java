package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code [auth] enabled} (contract §3 auth column, §6.2). */
class AuthTest extends SimulatedDatabaseFixture {

  private static final DatabaseOptions AUTH = DatabaseOptions.defaults("hdb", "prod")
      .withAuth(AuthSettings.admin("admin", "s3cret").withUser("reader", "pw", false));

  @Test
  void clusterAndInternalRoutesNeedAnAdmin() {
    SimulatedNode node = database(AUTH).start(0);

    var anonymous = client.get(node, "/cluster/leader");
    var wrongPassword = client.withAuthorization(basic("admin", "nope")).get(node, "/cluster/leader");
    var reader = client.withAuthorization(basic("reader", "pw")).post(node, "/internal/drain", "");
    var admin = client.withAuthorization(basic("admin", "s3cret")).get(node, "/cluster/leader");
    var token = client.withAuthorization("Token admin:s3cret").get(node, "/internal/sync/manifest");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo("{\"error\":\"authorization failed\"}");
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(reader.statusCode()).isEqualTo(403);
    assertThat(reader.body()).isEqualTo("{\"error\":\"admin privileges required for internal routes\"}");
    assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(token.statusCode()).isEqualTo(200);
  }

  @Test
  void probesAndMetricsStayOpenAndWritesNeedAnyUser() {
    SimulatedNode node = database(AUTH).start(0);

    assertThat(client.get(node, "/ping").statusCode()).isEqualTo(204);
    assertThat(client.get(node, "/health").statusCode()).isEqualTo(200);
    assertThat(client.get(node, "/metrics").statusCode()).isEqualTo(200);
    assertThat(client.post(node, "/write?db=x", "cpu v=1").statusCode()).isEqualTo(401);
    assertThat(client.withAuthorization(basic("reader", "pw")).post(node, "/write?db=x", "cpu v=1").statusCode())
        .isEqualTo(204);
  }

  @Test
  void peersSendNoCredentialsSoAddingAVoterCannotCommit() {
    SimulatedDatabase database = database(AUTH);
    SimulatedNode leader = database.start(0);
    database.start(1);

    var added = client.withAuthorization(basic("admin", "s3cret")).post(leader, "/cluster/membership/add-node",
        "{\"node_id\":2,\"addr\":\"" + database.node(1).clusterAddress() + "\"}");

    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(NodeClient.json(added).get("promoted_to_voter").asBoolean()).isFalse();
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
