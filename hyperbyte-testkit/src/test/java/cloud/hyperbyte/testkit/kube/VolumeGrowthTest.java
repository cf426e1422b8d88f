package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.testkit.Patience;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Growing volumes as on a real cluster: the API server admits only growth of a bound claim of an
 * expandable class, the resizer and kubelet move the claim's status, and a StatefulSet deleted with
 * orphan propagation leaves its pods to a successor that adopts them without restarting them.
 */
class VolumeGrowthTest {

  private SimulatedKubernetes kube;
  private KubernetesClient client;
  private VolumeExpansionSimulator expansion;

  @BeforeEach
  void start() {
    kube = SimulatedKubernetes.start();
    client = kube.client();
    client.storage().v1().storageClasses().resource(StorageClasses.standard()).create();
    client.storage().v1().storageClasses().resource(StorageClasses.of("fixed", false)).create();
    expansion = kube.simulateVolumeExpansion(Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private PersistentVolumeClaim boundClaim(String name, String storageClass, String size) {
    PersistentVolumeClaimBuilder builder = new PersistentVolumeClaimBuilder().withNewMetadata().withName(name)
        .withNamespace(NS).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new Quantity(size)).endResources().endSpec();
    if (storageClass != null) {
      builder.editSpec().withStorageClassName(storageClass).endSpec();
    }
    PersistentVolumeClaim created = client.persistentVolumeClaims().resource(builder.build()).create();
    created.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound")
        .withCapacity(Map.of("storage", new Quantity(size))).build());
    return client.persistentVolumeClaims().resource(created).updateStatus();
  }

  private PersistentVolumeClaim resize(String name, String size) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(name).edit(c -> {
      c.getSpec().getResources().getRequests().put("storage", new Quantity(size));
      return c;
    });
  }

  private PersistentVolumeClaim claim(String name) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(name).get();
  }

  @Test
  void aClaimWithoutAClassGetsTheDefaultClass() {
    assertThat(boundClaim("data-a", null, "1Gi").getSpec().getStorageClassName()).isEqualTo("standard");
  }

  @Test
  void aBoundClaimOfAnExpandableClassMayGrowAndNeverShrink() {
    boundClaim("data-a", "standard", "10Gi");

    assertThat(resize("data-a", "20Gi").getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("20Gi"));
    assertThatThrownBy(() -> resize("data-a", "15Gi")).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getMessage()).isEqualTo("PersistentVolumeClaim \"data-a\" is invalid: "
          + "spec.resources.requests.storage: Forbidden: field can not be less than previous value");
    });
  }

  @Test
  void theSameSizeInOtherUnitsIsNoChange() {
    boundClaim("data-a", "fixed", "1Gi");

    assertThat(resize("data-a", "1024Mi").getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("1024Mi"));
  }

  @Test
  void growthOfAClaimWhoseClassDoesNotAllowExpansionIsForbidden() {
    boundClaim("data-a", "fixed", "10Gi");

    assertThatThrownBy(() -> resize("data-a", "20Gi")).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getStatus().getMessage()).isEqualTo("persistentvolumeclaims \"data-a\" is forbidden: only "
          + "dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
    });
    assertThat(claim("data-a").getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("10Gi"));
  }

  @Test
  void everyOtherSpecFieldIsImmutable() {
    boundClaim("data-a", "standard", "10Gi");

    assertThatThrownBy(() -> client.persistentVolumeClaims().inNamespace(NS).withName("data-a").edit(c -> {
      c.getSpec().setAccessModes(List.of("ReadWriteMany"));
      return c;
    })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(cause -> {
        assertThat(cause.getField()).isEqualTo("spec");
        assertThat(cause.getMessage()).startsWith("Forbidden: spec is immutable after creation except "
            + "resources.requests and volumeAttributesClassName for bound claims");
      });
    });
  }

  @Test
  void anUnboundClaimCannotGrow() {
    client.persistentVolumeClaims().resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-a")
        .withNamespace(NS).endMetadata().withNewSpec().withStorageClassName("standard")
        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();

    assertThatThrownBy(() -> resize("data-a", "2Gi")).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void aGrownFilesystemVolumeWaitsForItsPodThenReportsTheNewCapacity() {
    boundClaim("data-a", "standard", "10Gi");
    expansion.holdFileSystemResize(true);
    resize("data-a", "20Gi");

    await().atMost(Patience.LIMIT).untilAsserted(() -> {
      PersistentVolumeClaim pvc = claim("data-a");
      assertThat(conditionTypes(pvc)).containsExactly("FileSystemResizePending");
      assertThat(pvc.getStatus().getAllocatedResources()).containsEntry("storage", new Quantity("20Gi"));
      assertThat(pvc.getStatus().getAllocatedResourceStatuses()).containsEntry("storage", "NodeResizePending");
      assertThat(pvc.getStatus().getCapacity()).containsEntry("storage", new Quantity("10Gi"));
    });

    // no pod mounts it: released, it still waits for one
    expansion.holdFileSystemResize(false);
    client.pods().resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("user")
        .withNamespace(NS).endMetadata().withNewSpec().addNewContainer().withName("c").withImage("x").endContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-a")
        .endPersistentVolumeClaim().endVolume().endSpec().build()).create();
    assertThat(conditionTypes(claim("data-a"))).containsExactly("FileSystemResizePending");
    Pod user = client.pods().inNamespace(NS).withName("user").get();
    user.setStatus(SimulatedPods.running(user, true, "10.0.9.9"));
    client.pods().resource(user).updateStatus();

    await().atMost(Patience.LIMIT).untilAsserted(() -> {
      PersistentVolumeClaim pvc = claim("data-a");
      assertThat(pvc.getStatus().getCapacity()).containsEntry("storage", new Quantity("20Gi"));
      assertThat(conditionTypes(pvc)).isEmpty();
    });
  }

  @Test
  void anOrphanedStatefulSetsPodsAreAdoptedByItsSuccessorWithoutARestart() {
    kube.simulateStatefulSets(new ManualPodReadiness(true), PodLifecycle.NONE);
    StatefulSet first = client.apps().statefulSets().resource(Fixtures.statefulSet("db", 2)).create();
    await().atMost(Patience.LIMIT).until(() -> readyPods("db").size() == 2);
    Map<String, String> uids = readyPods("db");

    client.apps().statefulSets().inNamespace(NS).withName("db").withPropagationPolicy(DeletionPropagation.ORPHAN)
        .delete();
    await().atMost(Patience.LIMIT).until(() -> client.pods().inNamespace(NS).list().getItems().stream()
        .allMatch(p -> p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty()));
    assertThat(readyPods("db")).isEqualTo(uids);

    StatefulSet larger = Fixtures.statefulSet("db", 2, "1").editSpec().editFirstVolumeClaimTemplate().editSpec()
        .editResources().addToRequests("storage", new Quantity("2Gi")).endResources().endSpec()
        .endVolumeClaimTemplate().endSpec().build();
    StatefulSet second = client.apps().statefulSets().resource(larger).create();
    assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());

    await().atMost(Patience.LIMIT).untilAsserted(() -> {
      StatefulSet live = client.apps().statefulSets().inNamespace(NS).withName("db").get();
      assertThat(live.getStatus()).isNotNull();
      assertThat(live.getStatus().getReadyReplicas()).isEqualTo(2);
      assertThat(client.pods().inNamespace(NS).list().getItems())
          .allMatch(p -> SimulatedPods.isControlledBy(p, second));
    });
    assertThat(readyPods("db")).isEqualTo(uids);
  }

  @Test
  void aReconcileThatReadTheStatefulSetBeforeItsOrphanDeletionDoesNotAdoptThePodsBackToIt() {
    StatefulSetSimulator controller = kube.simulateStatefulSets(new ManualPodReadiness(true), PodLifecycle.NONE);
    client.apps().statefulSets().resource(Fixtures.statefulSet("db", 2)).create();
    await().atMost(Patience.LIMIT).until(() -> readyPods("db").size() == 2);
    StatefulSet readBeforeTheDeletion = client.apps().statefulSets().inNamespace(NS).withName("db").get();

    client.apps().statefulSets().inNamespace(NS).withName("db").withPropagationPolicy(DeletionPropagation.ORPHAN)
        .delete();
    await().atMost(Patience.LIMIT).until(() -> client.pods().inNamespace(NS).list().getItems().stream()
        .allMatch(p -> p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty()));
    controller.reconcile(readBeforeTheDeletion);

    assertThat(client.pods().inNamespace(NS).list().getItems())
        .as("pods still orphaned, waiting for a successor")
        .allMatch(p -> p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty());
  }

  private Map<String, String> readyPods(String sts) {
    return client.pods().inNamespace(NS).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(sts + "-") && SimulatedPods.isReady(p))
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
  }

  private static List<String> conditionTypes(PersistentVolumeClaim pvc) {
    return pvc.getStatus().getConditions() == null ? List.of()
        : pvc.getStatus().getConditions().stream().map(PersistentVolumeClaimCondition::getType).toList();
  }
}
