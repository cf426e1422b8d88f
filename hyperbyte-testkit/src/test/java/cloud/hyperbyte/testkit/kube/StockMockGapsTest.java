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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The raw behaviour of the stock fabric8 8.0.0 mock server in CRUD mode where it differs from a
 * real API server: each test pins one gap that {@link SimulatedKubernetes} compensates. If fabric8
 * closes a gap, its test here fails, and the compensation can go.
 */
@EnableKubernetesMockClient(crud = true)
class StockMockGapsTest {

  KubernetesClient client;

  @Test
  void serverSideApplyOfAnAbsentObjectAnswers404() {
    assertThatThrownBy(() -> client.resource(Fixtures.configMap("a", Map.of("k", "v")))
        .fieldManager("op").forceConflicts().serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void serverSideApplyOfAnExistingObjectAnswers415() {
    client.resource(Fixtures.configMap("a", Map.of("k", "v"))).create();
    assertThatThrownBy(() -> client.resource(Fixtures.configMap("a", Map.of("k", "w")))
        .fieldManager("op").forceConflicts().serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
  }

  @Test
  void strategicMergePatchAnswers415() {
    client.resource(Fixtures.configMap("a", Map.of("k", "v"))).create();
    assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName("a")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"k\":\"w\"}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
  }

  @Test
  void managedFieldsStayEmpty() {
    client.resource(Fixtures.configMap("a", Map.of("k", "v"))).create();
    client.configMaps().inNamespace(NS).withName("a")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"w\"}}");

    assertThat(client.configMaps().inNamespace(NS).withName("a").get().getMetadata().getManagedFields()).isEmpty();
  }

  @Test
  void jsonMergePatchStoresNullInsteadOfDeletingTheKey() {
    client.resource(Fixtures.configMap("a", Map.of("k", "v", "gone", "x"))).create();
    client.configMaps().inNamespace(NS).withName("a")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"gone\":null}}");

    ConfigMap stored = client.configMaps().inNamespace(NS).withName("a").get();
    assertThat(stored.getData()).containsKey("gone");
    assertThat(stored.getData().get("gone")).isNull();
  }

  @Test
  void deletingAnOwnerLeavesItsDependents() {
    StatefulSet owner = client.resource(Fixtures.statefulSet("db", 1)).create();
    client.resource(Fixtures.ownedBy(Fixtures.configMap("dependent", Map.of()), owner)).create();

    client.resource(owner).delete();

    assertThat(client.configMaps().inNamespace(NS).withName("dependent").get()).isNotNull();
  }

  @Test
  void updatingABuiltInKindOverwritesItsStatus() {
    StatefulSet created = client.resource(Fixtures.statefulSet("db", 1)).create();
    created.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
    client.resource(created).updateStatus();

    StatefulSet live = client.apps().statefulSets().inNamespace(NS).withName("db").get();
    live.getSpec().setReplicas(2);
    live.setStatus(null);
    client.resource(live).update();

    assertThat(client.apps().statefulSets().inNamespace(NS).withName("db").get().getStatus()).isNull();
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
  void aConfigMapGetsAGenerationAlthoughARealServerSetsNone() {
    ConfigMap created = client.resource(Fixtures.configMap("a", Map.of("k", "v"))).create();

    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
  }
}
