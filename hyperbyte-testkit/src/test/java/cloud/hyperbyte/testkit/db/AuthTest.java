package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code [auth] enabled} and the users in {@code meta/} (contract §3 auth column, §6.2). */
class AuthTest extends SimulatedDatabaseFixture {

  private static final DatabaseOptions AUTH = DatabaseOptions.defaults("hdb", "prod").withAuth(AuthSettings.on());

  /** A member that started with auth off, got {@code admin} and {@code reader}, and restarted with auth on. */
  private SimulatedDatabase withUsersThenAuthOn() {
    SimulatedDatabase database = database(AUTH);
    SimulatedNode node = database.start(0, true, false);
    assertThat(query(client, node, "CREATE USER \"admin\" WITH PASSWORD 's3cret' WITH ALL PRIVILEGES")).isEqualTo(200);
    assertThat(query(client, node, "CREATE USER reader WITH PASSWORD 'pw'")).isEqualTo(200);
    database.start(0, true, true);
    return database;
  }

  @Test
  void aMemberStartsWithNoUsersSoWithAuthOnEveryCallIsRefusedAndNoUserCanBeCreated() {
    SimulatedNode node = database(AUTH).start(0);

    assertThat(node.users()).isEmpty();
    assertThat(client.get(node, "/cluster/leader").statusCode()).isEqualTo(401);
    assertThat(query(client, node, "CREATE USER \"admin\" WITH PASSWORD 'x' WITH ALL PRIVILEGES")).isEqualTo(401);
    assertThat(node.users()).isEmpty();
  }

  @Test
  void usersCreatedWhileAuthIsOffAreKeptOnTheVolumeAndCheckedOnceAuthIsOn() {
    SimulatedNode node = withUsersThenAuthOn().node(0);

    assertThat(node.users()).isEqualTo(Map.of("admin", true, "reader", false));
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
  void setPasswordByAnAdminReplacesThePasswordAtOnce() {
    SimulatedNode node = withUsersThenAuthOn().node(0);
    NodeClient admin = client.withAuthorization(basic("admin", "s3cret"));

    assertThat(query(client.withAuthorization(basic("reader", "pw")), node, "SET PASSWORD FOR \"admin\" = 'x'"))
        .isEqualTo(403);
    var changed = admin.post(node, "/query?q=" + encode("SET PASSWORD FOR \"admin\" = 'n3w\\'one'"), "");

    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}");
    assertThat(admin.get(node, "/cluster/leader").statusCode()).isEqualTo(401);
    assertThat(client.withAuthorization(basic("admin", "n3w'one")).get(node, "/cluster/leader").statusCode())
        .isEqualTo(200);
  }

  @Test
  void creatingAUserThatExistsIsAStatementErrorAndShowUsersListsThem() {
    SimulatedNode node = database().start(0);
    query(client, node, "CREATE USER \"admin\" WITH PASSWORD 'a' WITH ALL PRIVILEGES");

    var again = client.post(node, "/query", "q=" + encode("CREATE USER \"admin\" WITH PASSWORD 'b' WITH ALL PRIVILEGES"));
    var show = client.get(node, "/query?q=" + encode("SHOW USERS"));
    var unknown = client.get(node, "/query?q=" + encode("SET PASSWORD FOR nobody = 'x'"));

    assertThat(again.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"error\":\"user already exists\"}]}");
    assertThat(NodeClient.json(show).at("/results/0/series/0/values").toString()).isEqualTo("[[\"admin\",true]]");
    assertThat(unknown.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"error\":\"user not found\"}]}");
  }

  @Test
  void probesAndMetricsStayOpenAndWritesNeedAnyUser() {
    SimulatedNode node = withUsersThenAuthOn().node(0);

    assertThat(client.get(node, "/ping").statusCode()).isEqualTo(204);
    assertThat(client.get(node, "/health").statusCode()).isEqualTo(200);
    assertThat(client.get(node, "/metrics").statusCode()).isEqualTo(200);
    assertThat(client.post(node, "/write?db=x", "cpu v=1").statusCode()).isEqualTo(401);
    assertThat(client.withAuthorization(basic("reader", "pw")).post(node, "/write?db=x", "cpu v=1").statusCode())
        .isEqualTo(204);
  }

  @Test
  void peersSendNoCredentialsSoAddingAVoterCannotCommit() {
    SimulatedDatabase database = withUsersThenAuthOn();
    SimulatedNode leader = database.node(0);
    database.start(1, true, true);

    var added = client.withAuthorization(basic("admin", "s3cret")).post(leader, "/cluster/membership/add-node",
        "{\"node_id\":2,\"addr\":\"" + database.node(1).clusterAddress() + "\"}");

    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(NodeClient.json(added).get("promoted_to_voter").asBoolean()).isFalse();
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L);
  }

  private static int query(NodeClient client, SimulatedNode node, String statement) {
    return client.post(node, "/query?q=" + encode(statement), "").statusCode();
  }

  private static String encode(String statement) {
    return URLEncoder.encode(statement, StandardCharsets.UTF_8);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
