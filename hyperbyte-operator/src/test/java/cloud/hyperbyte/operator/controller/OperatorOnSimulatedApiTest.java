package cloud.hyperbyte.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.database.ProxyAddressResolver;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.testkit.Patience;
import cloud.hyperbyte.testkit.kube.PodLifecycle;
import cloud.hyperbyte.testkit.kube.PodReadiness;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator process wiring against the simulated API server, without database members: objects
 * are applied, status is written, a resync of an unchanged cluster writes nothing, and a spec the
 * model rejects is reported without touching anything.
 */
class OperatorOnSimulatedApiTest {

  private SimulatedKubernetes kube;
  private KubernetesClient client;
  private Operator operator;
  private final OperatorMetrics metrics = OperatorMetrics.standalone();

  @BeforeEach
  void start() throws Exception {
    kube = SimulatedKubernetes.start();
    client = kube.client();
    // no member answers: every probe is refused at once
    PodAddressResolver nowhere = (member, scheme) -> URI.create(scheme + "://127.0.0.1:1");
    // so the creation's status comes with its stall, 2 s at this pacing
    OperatorSettings settings = OperatorSettings.embedded("cluster.local").withStatusProgressPeriod(Duration.ofMillis(100));
    operator = new Operator(client, settings, metrics, nowhere,
        ProxyAddressResolver.podIp(), Clock.systemUTC())
        .start(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    operator.close();
    kube.close();
  }

  private static HyperbytedbCluster example(String name) throws Exception {
    Path project = Path.of(System.getProperty("hyperbyte.project.dir", "."));
    Path file = project.resolve("examples").resolve(name + ".yaml");
    if (!Files.exists(file)) {
      file = project.resolve("..").resolve("examples").resolve(name + ".yaml");
    }
    return Serialization.unmarshal(Files.readString(file), HyperbytedbCluster.class);
  }

  private HyperbytedbCluster live(String namespace, String name) {
    return client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(name).get();
  }

  @Test
  void aNewClusterGetsItsObjectsAndAStatusAndAResyncWritesNothing() throws Exception {
    kube.simulateStatefulSets(PodReadiness.always(), PodLifecycle.NONE);
    HyperbytedbCluster cluster = example("single-node");
    client.resources(HyperbytedbCluster.class).inNamespace("hyperbytedb").resource(cluster).create();

    await().atMost(Patience.LIMIT).untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace("hyperbytedb").withName("hyperbytedb").get()).isNotNull();
      assertThat(client.configMaps().inNamespace("hyperbytedb").withName("hyperbytedb-config").get()).isNotNull();
      assertThat(live("hyperbytedb", "hyperbytedb").getStatus()).isNotNull();
      assertThat(live("hyperbytedb", "hyperbytedb").getStatus().getObservedGeneration()).isEqualTo(1L);
      // converged as far as it goes without a database: the pod is ready, its member unreachable
      assertThat(live("hyperbytedb", "hyperbytedb").getStatus().getReadyReplicas()).isEqualTo(1);
      assertThat(live("hyperbytedb", "hyperbytedb").getStatus().getMembers()).hasSize(1);
    });
    await().atMost(Patience.LIMIT).until(operator::idle);
    long writesBefore = kube.requests().clientWrites().size();

    operator.resyncAll();
    await().atMost(Patience.LIMIT).until(operator::idle);

    assertThat(kube.requests().clientWrites().subList((int) writesBefore, kube.requests().clientWrites().size()))
        .as("writes of a resync of an unchanged cluster").isEmpty();
    assertThat(metrics.apiWriteCount()).isPositive();
  }

  @Test
  void anInvalidSpecIsReportedAsAConditionAndNothingIsCreated() throws Exception {
    HyperbytedbCluster cluster = example("single-node");
    cluster.getMetadata().setName("bad");
    // the API server admits it (the CRD's pattern only asks for the member volume's prefix); only the
    // operator knows that ".." leaves the volume. Specs the CRD refuses never reach the operator.
    cluster.getSpec().setChdb(Serialization.unmarshal(
        "{\"sessionDataPath\": \"/var/lib/hyperbytedb/../etc\"}", cloud.hyperbyte.model.v1alpha1.ChdbSpec.class));
    client.resources(HyperbytedbCluster.class).inNamespace("hyperbytedb").resource(cluster).create();

    await().atMost(Patience.LIMIT).untilAsserted(() -> {
      HyperbytedbCluster live = live("hyperbytedb", "bad");
      assertThat(live.getStatus()).isNotNull();
      Condition ready = live.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
      assertThat(ready.getReason()).isEqualTo("InvalidSpec");
      assertThat(ready.getMessage()).contains("spec.chdb.sessionDataPath");
    });
    await().atMost(Patience.LIMIT).until(operator::idle);
    assertThat(client.apps().statefulSets().inNamespace("hyperbytedb").withName("bad").get()).isNull();
    assertThat(client.configMaps().inNamespace("hyperbytedb").withName("bad-config").get()).isNull();
  }
}
