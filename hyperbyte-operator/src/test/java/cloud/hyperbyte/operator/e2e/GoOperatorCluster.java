package cloud.hyperbyte.operator.e2e;

import static cloud.hyperbyte.operator.e2e.OperatorE2eTest.NS;
import static cloud.hyperbyte.operator.e2e.OperatorE2eTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A cluster the Go operator made, on the simulated cluster, from the fixtures in
 * {@code go-operator/adoption}: the HyperbytedbCluster as it leaves it and the objects it creates for
 * it, its members started, Raft formed as it forms it (add-node through the leader for every other
 * member) and points written. No operator runs while it is made.
 */
final class GoOperatorCluster {

  static final String FIXTURES = "/cloud/hyperbyte/operator/go-operator/adoption/";
  static final List<String> POINTS = List.of("cpu,host=a value=1 1000", "cpu,host=b value=2 2000");

  private final SimulatedCluster sim;
  private final KubernetesClient user;

  GoOperatorCluster(SimulatedCluster sim, KubernetesClient user) {
    this.sim = sim;
    this.user = user;
  }

  /** Makes the three-member cluster {@code name} ({@code hdb}) with Raft formed and points on every member. */
  StatefulSet createThreeMembers(String name) throws Exception {
    createObjects(name);
    eventually().until(() -> members(name, 3).size() == 3 && members(name, 3).stream().allMatch(SimulatedNode::isListening));
    eventually().until(() -> sim.database(NS, name).flatMap(db -> db.raft()).map(r -> r.leader().isPresent()).orElse(false));
    for (int ordinal = 1; ordinal < 3; ordinal++) {
      String body = "{\"node_id\":" + (ordinal + 1) + ",\"addr\":\"" + name + "-" + ordinal
          + "." + name + "-headless." + NS + ".svc.cluster.local:8086\",\"promote\":true}";
      assertThat(post(name + "-0", "/cluster/membership/add-node", body)).isEqualTo(200);
    }
    eventually().until(() -> sim.database(NS, name).flatMap(db -> db.raft())
        .map(raft -> List.copyOf(raft.voters())).orElse(List.of()).equals(List.of(1L, 2L, 3L)));
    assertThat(post(name + "-0", "/write?db=metrics", String.join("\n", POINTS))).isEqualTo(204);
    eventually().until(() -> members(name, 3).stream().allMatch(m -> m.points().equals(POINTS)));
    eventually().until(() -> user.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", name).list()
        .getItems().stream().filter(p -> p.getMetadata().getName().matches(name + "-\\d")).count() == 3);
    return user.apps().statefulSets().inNamespace(NS).withName(name).get();
  }

  /** The Go operator's cluster {@code name} and the objects it made for it, from the fixtures. */
  void createObjects(String name) {
    HyperbytedbCluster cluster = user.resource(Serialization.unmarshal(fixture(name + "-cluster.yaml"),
        HyperbytedbCluster.class)).create();
    String objects = fixture(name + "-objects.yaml").replace("CLUSTER_UID", cluster.getMetadata().getUid());
    for (HasMetadata object : user.load(new ByteArrayInputStream(objects.getBytes(StandardCharsets.UTF_8))).items()) {
      user.resource(object).create();
    }
  }

  /** The running members {@code <name>-0} to {@code <name>-<count-1>}. */
  List<SimulatedNode> members(String name, int count) {
    return IntStream.range(0, count).mapToObj(i -> sim.member(NS, name + "-" + i)).flatMap(Optional::stream).toList();
  }

  /** POSTs {@code body} to a member's HTTP API; returns the status code. */
  int post(String pod, String path, String body) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + sim.loopbackAddress(NS, pod) + path))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  /** The fixture file {@code name} of {@code go-operator/adoption}. */
  static String fixture(String name) {
    try (InputStream in = GoOperatorCluster.class.getResourceAsStream(FIXTURES + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
