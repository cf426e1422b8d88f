package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The raw behaviour of the stock fabric8 8.0.0 mock server in CRUD mode where it differs from a
 * real API server: each test pins one gap that {@link SimulatedKubernetes} compensates. If fabric8
 * closes a gap, its test here fails, and the compensation can go.
 */
class StockMockGapsTest {

  /** One stock server for the class: the tests use distinct names. */
  static KubernetesMockServer server;
  static KubernetesClient client;

  /** The stock CRUD mode as {@code @EnableKubernetesMockClient(crud = true)} sets it up, over plain HTTP (faster). */
  @BeforeAll
  static void start() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations,
        new KubernetesMixedDispatcher(expectations), false);
    server.init();
    client = server.createClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void serverSideApplyOfAnAbsentObjectAnswers404() {
    assertThatThrownBy(() -> client.resource(Fixtures.configMap("a0", Map.of("k", "v")))
        .fieldManager("op").forceConflicts().serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void serverSideApplyOfAnExistingObjectAnswers415() {
    client.resource(Fixtures.configMap("a1", Map.of("k", "v"))).create();
    assertThatThrownBy(() -> client.resource(Fixtures.configMap("a1", Map.of("k", "w")))
        .fieldManager("op").forceConflicts().serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
  }

  @Test
  void strategicMergePatchAnswers415() {
    client.resource(Fixtures.configMap("a2", Map.of("k", "v"))).create();
    assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName("a2")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"k\":\"w\"}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
  }

  @Test
  void aListIgnoresLimitAndAnswersEveryItemWithoutAContinueToken() {
    for (String name : new String[] {"limit-a", "limit-b", "limit-c"}) {
      client.resource(Fixtures.configMap(name, Map.of("k", "v"))).create();
    }

    var limited = client.configMaps().inNamespace(NS)
        .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());

    assertThat(limited.getItems().size()).isGreaterThanOrEqualTo(3);
    assertThat(limited.getMetadata().getContinue()).isNull();
  }

  @Test
  void managedFieldsStayEmpty() {
    client.resource(Fixtures.configMap("a3", Map.of("k", "v"))).create();
    client.configMaps().inNamespace(NS).withName("a3")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"w\"}}");

    assertThat(client.configMaps().inNamespace(NS).withName("a3").get().getMetadata().getManagedFields()).isEmpty();
  }

  @Test
  void jsonMergePatchStoresNullInsteadOfDeletingTheKey() {
    client.resource(Fixtures.configMap("a4", Map.of("k", "v", "gone", "x"))).create();
    client.configMaps().inNamespace(NS).withName("a4")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"gone\":null}}");

    ConfigMap stored = client.configMaps().inNamespace(NS).withName("a4").get();
    assertThat(stored.getData()).containsKey("gone");
    assertThat(stored.getData().get("gone")).isNull();
  }

  @Test
  void deletingAnOwnerLeavesItsDependents() {
    StatefulSet owner = client.resource(Fixtures.statefulSet("db5", 1)).create();
    client.resource(Fixtures.ownedBy(Fixtures.configMap("dependent5", Map.of()), owner)).create();

    client.resource(owner).delete();

    assertThat(client.configMaps().inNamespace(NS).withName("dependent5").get()).isNotNull();
  }

  @Test
  void updatingABuiltInKindOverwritesItsStatus() {
    StatefulSet created = client.resource(Fixtures.statefulSet("db6", 1)).create();
    created.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
    client.resource(created).updateStatus();

    StatefulSet live = client.apps().statefulSets().inNamespace(NS).withName("db6").get();
    live.getSpec().setReplicas(2);
    live.setStatus(null);
    client.resource(live).update();

    assertThat(client.apps().statefulSets().inNamespace(NS).withName("db6").get().getStatus()).isNull();
  }

  @Test
  void customResourceGenerationIsAlreadyRightOnceTheCrdIsRegistered() {
    client.apiextensions().v1().customResourceDefinitions()
        .resource(CrdSchemas.definition("hyperbytedbclusters")).create();
    var clusters = client.resources(HyperbytedbCluster.class).inNamespace(NS);
    HyperbytedbCluster cluster = clusters.resource(Fixtures.cluster("c", 1)).create();
    assertThat(cluster.getMetadata().getGeneration()).isEqualTo(1L);

    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setPhase("Running");
    cluster.setStatus(status);
    clusters.resource(cluster).updateStatus();
    clusters.withName("c").edit(c -> {
      c.getMetadata().setLabels(Map.of("team", "a"));
      return c;
    });
    assertThat(clusters.withName("c").get().getMetadata().getGeneration()).isEqualTo(1L);

    clusters.withName("c").edit(c -> {
      c.getSpec().setReplicas(3);
      return c;
    });
    HyperbytedbCluster live = clusters.withName("c").get();
    assertThat(live.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(live.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void aCreatedCrdIsNeverEstablished() {
    client.apiextensions().v1().customResourceDefinitions().resource(Fixtures.crd("gadgets", "Gadget")).create();

    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("gadgets.example.com").get()
        .getStatus()).isNull();
  }

  @Test
  void aConfigMapGetsAGenerationAlthoughARealServerSetsNone() {
    ConfigMap created = client.resource(Fixtures.configMap("a8", Map.of("k", "v"))).create();

    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void aStaleStatusUpdateIsAccepted() {
    StatefulSet created = client.resource(Fixtures.statefulSet("g-stale", 1)).create();
    client.apps().statefulSets().inNamespace(NS).withName("g-stale").edit(s -> {
      s.getSpec().setReplicas(2);
      return s;
    });
    created.setStatus(new StatefulSetStatusBuilder().withReplicas(1).build());

    assertThat(client.resource(created).updateStatus().getStatus().getReplicas()).isEqualTo(1);
  }

  @Test
  void immutableFieldsAndWritersAreNotTracked() {
    client.resource(Fixtures.statefulSet("g-immutable", 1)).create();
    StatefulSet changed = client.apps().statefulSets().inNamespace(NS).withName("g-immutable").edit(s -> {
      s.getSpec().setServiceName("other");
      return s;
    });

    assertThat(changed.getSpec().getServiceName()).isEqualTo("other");
    assertThat(changed.getMetadata().getManagedFields()).isEmpty();
  }

  @Test
  void deletingAnObjectWithFinalizersSetsNoGracePeriodAndTakesNewFinalizers() {
    client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder(Fixtures.configMap("g-fin", Map.of()))
        .editMetadata().withFinalizers("example.com/hold").endMetadata().build()).create();
    var configMap = client.configMaps().inNamespace(NS).withName("g-fin");
    configMap.delete();

    assertThat(configMap.get().getMetadata().getDeletionGracePeriodSeconds()).isNull();
    assertThat(configMap.edit(c -> {
      c.getMetadata().getFinalizers().add("example.com/late");
      return c;
    }).getMetadata().getFinalizers()).contains("example.com/late");
  }

  @Test
  void deletingAScheduledPodRemovesItAtOnce() {
    client.resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("g-pod")
        .withNamespace(NS).endMetadata().withNewSpec().withNodeName("node-a").withTerminationGracePeriodSeconds(60L)
        .addNewContainer().withName("c").withImage("c:1").endContainer().endSpec().build()).create();

    client.pods().inNamespace(NS).withName("g-pod").delete();

    // a real server keeps it Terminating for 60 s, until its kubelet deletes it with grace period 0
    assertThat(client.pods().inNamespace(NS).withName("g-pod").get()).isNull();
  }

  @Test
  void theScaleSubresourceAnswersTheObjectItselfInsteadOfAScale() {
    client.resource(Fixtures.statefulSet("scaled", 2, "1").build()).create();

    Scale scale = client.apps().statefulSets().inNamespace(NS).withName("scaled").scale();

    // a real server answers apiVersion autoscaling/v1, kind Scale, with status.replicas and selector
    assertThat(scale.getApiVersion()).isEqualTo("apps/v1");
    assertThat(scale.getKind()).isEqualTo("StatefulSet");
    assertThat(scale.getStatus()).isNull();
  }
}
