package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /ping}, {@code /health}, {@code /health/ready}, {@code /metrics} and the common headers (contract §3, §4). */
class NodeProbesTest extends SimulatedDatabaseFixture {

  @Test
  void pingAnswers204WithoutBodyAndEveryResponseCarriesTheServerHeaders() {
    SimulatedNode node = database().start(0);

    HttpResponse<String> get = client.get(node, "/ping");
    HttpResponse<String> head = client.head(node, "/ping");

    assertThat(get.statusCode()).isEqualTo(204);
    assertThat(get.body()).isEmpty();
    assertThat(head.statusCode()).isEqualTo(204);
    assertThat(get.headers().firstValue("X-Influxdb-Version")).hasValue("HyperbyteDB-0.8.5");
    assertThat(get.headers().firstValue("X-Influxdb-Build")).hasValue("OSS");
    assertThat(get.headers().firstValue("Request-Id")).isPresent();
    assertThat(get.headers().firstValue("X-Request-Id")).isEqualTo(get.headers().firstValue("Request-Id"));
  }

  @Test
  void healthPassesOnAnActiveMember() {
    SimulatedNode node = database().start(0);

    HttpResponse<String> health = client.get(node, "/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"pass\",\"message\":\"ready for queries and writes\"}");
    assertThat(client.head(node, "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void healthWarnsWithTheStateNameWhenNotActive() {
    SimulatedNode node = database().start(0);
    client.post(node, "/internal/drain", "");

    HttpResponse<String> health = client.get(node, "/health");

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body())
        .isEqualTo("{\"status\":\"warn\",\"message\":\"node is Draining, not accepting traffic\"}");
  }

  @Test
  void healthFailsOnLocalFaultsAndReadyProbeFollows() {
    SimulatedNode node = database().start(0);

    node.faults().healthFault(HealthFault.WAL_BATCHER_DEAD);
    HttpResponse<String> batcher = client.get(node, "/health");
    node.faults().healthFault(HealthFault.DISK_READ_ONLY);
    HttpResponse<String> disk = client.get(node, "/health");
    HttpResponse<String> ready = client.get(node, "/health/ready");

    assertThat(batcher.statusCode()).isEqualTo(503);
    assertThat(batcher.body()).isEqualTo("{\"status\":\"fail\",\"message\":\"WAL batcher writer unavailable\"}");
    assertThat(disk.body()).isEqualTo("{\"status\":\"fail\",\"message\":\"disk read-only due to low free space\"}");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(client.post(node, "/write?db=x", "cpu v=1").statusCode()).isEqualTo(507);
  }

  @Test
  void healthReadyIgnoresClusterState() {
    SimulatedNode node = database().start(0);
    client.post(node, "/internal/drain", "");

    HttpResponse<String> ready = client.get(node, "/health/ready");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"pass\",\"message\":\"chDB engine responsive\"}");
  }

  @Test
  void metricsExportTheNodeStateCodesTheServerSets() {
    SimulatedNode node = database().start(0);
    String active = client.get(node, "/metrics").body();
    client.post(node, "/internal/drain", "");
    String draining = client.get(node, "/metrics").body();

    assertThat(active).contains("hyperbytedb_info{version=\"0.8.5\",node_id=\"1\"} 1")
        .contains("hyperbytedb_cluster_node_state 1");
    assertThat(draining).contains("hyperbytedb_cluster_node_state 4").contains("hyperbytedb_drain_total 1");
  }

  @Test
  void aCrashedMemberRefusesConnectionsAndARestartedOneAnswersOnTheSameAddress() {
    SimulatedDatabase database = database();
    SimulatedNode node = database.start(0);
    String address = database.addressOf("hdb-0");

    database.crash(0);

    assertThatThrownBy(() -> client.get(node, "/ping"))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    database.start(0);
    assertThat(database.addressOf("hdb-0")).isEqualTo(address).isEqualTo(node.address());
    assertThat(client.get(node, "/ping").statusCode()).isEqualTo(204);
  }

  @Test
  void theListenerBindsOnlyAfterTheSimulatedStartupDuration() {
    SimulatedDatabase database = database(DatabaseOptions.defaults("hdb", "prod").withStartupDuration(Duration.ofSeconds(30)));
    List<String> changes = new ArrayList<>();
    database.onHealthChange(changes::add);

    SimulatedNode node = database.start(0);

    assertThat(node.isProcessRunning()).isTrue();
    assertThat(node.state()).isEqualTo(NodeState.SYNCING);
    assertThatThrownBy(() -> client.get(node, "/ping")).hasCauseInstanceOf(ConnectException.class);
    assertThat(database.ready("hdb-0")).isFalse();
    advance(Duration.ofSeconds(29));
    assertThat(node.isListening()).isFalse();
    advance(Duration.ofSeconds(1));
    assertThat(client.get(node, "/ping").statusCode()).isEqualTo(204);
    assertThat(database.ready("hdb-0")).isTrue();
    assertThat(changes).containsExactly("hdb-0");
  }

  @Test
  void readinessListenersHearEveryChangeOfReadiness() {
    SimulatedDatabase database = database().bootstrap(2);
    List<String> changes = new ArrayList<>();
    database.onHealthChange(changes::add);

    client.post(database.node(1), "/internal/drain", "");
    database.crash(0);

    assertThat(changes).containsExactly("hdb-1", "hdb-0");
    assertThat(database.ready("hdb-0")).isFalse();
    assertThat(database.ready("hdb-1")).isFalse();
  }

  @Test
  void standaloneMembersDoNotMountClusterRoutes() {
    SimulatedDatabase database = database(DatabaseOptions.defaults("hdb", "prod").withClusterEnabled(false));
    SimulatedNode node = database.start(0);

    assertThat(client.get(node, "/cluster/leader").statusCode()).isEqualTo(404);
    assertThat(client.post(node, "/internal/drain", "").statusCode()).isEqualTo(404);
    assertThat(client.get(node, "/health").statusCode()).isEqualTo(200);
    assertThat(client.get(node, "/metrics").body()).contains("node_id=\"standalone\"");
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() {
    SimulatedNode node = database().start(0);

    assertThat(client.get(node, "/debug/statement_summary").statusCode()).isEqualTo(404);
    assertThat(client.get(node, "/internal/drain").statusCode()).isEqualTo(405);
  }
}
