package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Garbage collection, generation and status-subresource semantics of the simulated API. */
class ApiServerSemanticsTest {

  static SimulatedKubernetes kube;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    kube = SimulatedKubernetes.start();
    client = kube.client();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  private static MixedOperation<HyperbytedbCluster, KubernetesResourceList<HyperbytedbCluster>,
      Resource<HyperbytedbCluster>> clusters() {
    return client.resources(HyperbytedbCluster.class);
  }

  private static HyperbytedbCluster applyStatus(HyperbytedbCluster cluster) {
    return clusters().inNamespace(NS).resource(cluster).subresource("status").patch(new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("op").withForce(true).build());
  }

  private static ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(NS).withName(name).get();
  }

  @Test
  void deletingAnOwnerDeletesItsDependentsTransitively() {
    HyperbytedbCluster cluster = clusters().inNamespace(NS).resource(Fixtures.cluster("gc", 1)).create();
    StatefulSet sts = client.resource(Fixtures.ownedBy(Fixtures.statefulSet("gc-db", 1), cluster)).create();
    client.resource(Fixtures.ownedBy(Fixtures.configMap("gc-of-sts", Map.of()), sts)).create();
    client.resource(Fixtures.configMap("gc-unrelated", Map.of())).create();

    clusters().inNamespace(NS).withName("gc").delete();

    assertThat(client.apps().statefulSets().inNamespace(NS).withName("gc-db").get()).isNull();
    assertThat(configMap("gc-of-sts")).isNull();
    assertThat(configMap("gc-unrelated")).isNotNull();
  }

  @Test
  void anApplyThatCreatesADependentOfADeletedOwnerIsCollected() {
    HyperbytedbCluster cluster = clusters().inNamespace(NS).resource(Fixtures.cluster("gc-late", 1)).create();
    clusters().inNamespace(NS).withName("gc-late").delete();

    // an operator pass from a stale cache applies the StatefulSet of a cluster that was just deleted
    client.resource(Fixtures.ownedBy(Fixtures.statefulSet("gc-late-db", 1), cluster)).fieldManager("stale")
        .forceConflicts().serverSideApply();

    assertThat(client.apps().statefulSets().inNamespace(NS).withName("gc-late-db").get()).isNull();
  }

  @Test
  void aDependentWithAnotherLiveOwnerStays() {
    ConfigMap owner1 = client.resource(Fixtures.configMap("owner-1", Map.of())).create();
    ConfigMap owner2 = client.resource(Fixtures.configMap("owner-2", Map.of())).create();
    ConfigMap dependent = Fixtures.configMap("two-owners", Map.of());
    dependent.getMetadata().setOwnerReferences(List.of(SimulatedPods.controlledBy(owner1),
        SimulatedPods.controlledBy(owner2)));
    client.resource(dependent).create();

    client.resource(owner1).delete();
    assertThat(configMap("two-owners")).isNotNull();

    client.resource(owner2).delete();
    assertThat(configMap("two-owners")).isNull();
  }

  @Test
  void orphanPropagationKeepsDependents() {
    ConfigMap owner = client.resource(Fixtures.configMap("orphan-owner", Map.of())).create();
    client.resource(Fixtures.ownedBy(Fixtures.configMap("orphan", Map.of()), owner)).create();

    client.resource(owner).withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

    assertThat(configMap("orphan-owner")).isNull();
    assertThat(configMap("orphan")).isNotNull();
  }

  @Test
  void dependentsOfAnOwnerWithAFinalizerGoWhenTheLastFinalizerIsRemoved() {
    HyperbytedbCluster withFinalizer = Fixtures.cluster("fin", 1);
    withFinalizer.getMetadata().setFinalizers(List.of("hyperbytedb.hyperbyte.cloud/cleanup"));
    HyperbytedbCluster cluster = clusters().inNamespace(NS).resource(withFinalizer).create();
    client.resource(Fixtures.ownedBy(Fixtures.configMap("fin-dependent", Map.of()), cluster)).create();

    clusters().inNamespace(NS).withName("fin").delete();
    assertThat(clusters().inNamespace(NS).withName("fin").get().getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(configMap("fin-dependent")).isNotNull();

    clusters().inNamespace(NS).withName("fin").edit(c -> {
      c.getMetadata().setFinalizers(List.of());
      return c;
    });
    assertThat(clusters().inNamespace(NS).withName("fin").get()).isNull();
    assertThat(configMap("fin-dependent")).isNull();
  }

  @Test
  void customResourceGenerationMovesOnSpecChangesOnly() {
    HyperbytedbCluster applied = client.resource(Fixtures.cluster("gen", 1)).fieldManager("op").serverSideApply();
    assertThat(applied.getMetadata().getGeneration()).isEqualTo(1L);

    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setPhase("Running");
    HyperbytedbCluster withStatus = Fixtures.cluster("gen", 1);
    withStatus.setStatus(status);
    HyperbytedbCluster afterStatus = applyStatus(withStatus);
    assertThat(afterStatus.getStatus().getPhase()).isEqualTo("Running");
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);

    HyperbytedbCluster labelled = Fixtures.cluster("gen", 1);
    labelled.getMetadata().setLabels(Map.of("team", "a"));
    HyperbytedbCluster afterLabel = client.resource(labelled).fieldManager("op").serverSideApply();
    assertThat(afterLabel.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(Long.parseLong(afterLabel.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(afterStatus.getMetadata().getResourceVersion()));

    HyperbytedbCluster scaled = Fixtures.cluster("gen", 3);
    scaled.getMetadata().setLabels(Map.of("team", "a"));
    HyperbytedbCluster afterScale = client.resource(scaled).fieldManager("op").serverSideApply();
    assertThat(afterScale.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(afterScale.getStatus().getPhase()).as("status survives a main-resource apply").isEqualTo("Running");
  }

  @Test
  void anApplyToTheStatusSubresourceRecordsItsOwnManagedFieldsEntry() {
    client.resource(Fixtures.cluster("status-owner", 1)).fieldManager("op").serverSideApply();
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setPhase("Creating");
    HyperbytedbCluster withStatus = Fixtures.cluster("status-owner", 1);
    withStatus.setSpec(null);
    withStatus.setStatus(status);

    HyperbytedbCluster result = applyStatus(withStatus);

    assertThat(result.getSpec().getReplicas()).isEqualTo(1);
    assertThat(result.getMetadata().getManagedFields())
        .anySatisfy(e -> assertThat(e.getSubresource()).isEqualTo("status"))
        .anySatisfy(e -> assertThat(e.getSubresource()).isNull());
  }

  @Test
  void builtInKindsKeepTheirStatusWhenTheMainResourceIsWritten() {
    StatefulSet created = client.resource(Fixtures.statefulSet("keep-status", 1)).create();
    created.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
    client.resource(created).updateStatus();

    StatefulSet live = client.apps().statefulSets().inNamespace(NS).withName("keep-status").get();
    live.getSpec().setReplicas(2);
    live.setStatus(null);
    StatefulSet updated = client.resource(live).update();

    assertThat(updated.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void aNewCrdIsEstablishedAsTheApiextensionsControllerWouldMarkIt() {
    CustomResourceDefinition created = client.apiextensions().v1().customResourceDefinitions()
        .resource(Fixtures.crd("widgets", "Widget")).create();

    assertThat(created.getStatus().getConditions()).extracting(CustomResourceDefinitionCondition::getType,
        CustomResourceDefinitionCondition::getStatus).containsExactly(
            tuple("NamesAccepted", "True"), tuple("Established", "True"));
    assertThat(created.getStatus().getAcceptedNames().getKind()).isEqualTo("Widget");
  }

  @Test
  void aCrdCreatedWithConditionsKeepsThemUntilUpdated() {
    CustomResourceDefinition pending = Fixtures.crd("sprockets", "Sprocket");
    pending.setStatus(new CustomResourceDefinitionStatusBuilder().addNewCondition().withType("Established")
        .withStatus("False").endCondition().build());

    CustomResourceDefinition created = client.apiextensions().v1().customResourceDefinitions().resource(pending).create();

    assertThat(created.getStatus().getConditions()).singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  @Test
  void aWatchOfOneCrdByNameSeesThatCrdAndNoOther() {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    try (Watch watch = client.apiextensions().v1().customResourceDefinitions().withName("gizmos.example.com")
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, CustomResourceDefinition crd) {
            seen.add(action + " " + crd.getMetadata().getName());
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        })) {
      client.apiextensions().v1().customResourceDefinitions().resource(Fixtures.crd("doohickeys", "Doohickey")).create();
      client.apiextensions().v1().customResourceDefinitions().resource(Fixtures.crd("gizmos", "Gizmo")).create();
      client.apiextensions().v1().customResourceDefinitions().withName("gizmos.example.com").delete();

      await().untilAsserted(() -> assertThat(seen).containsExactly("ADDED gizmos.example.com", "DELETED gizmos.example.com"));
    }
  }
}
