package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.StorageStatus;
import cloud.hyperbyte.model.v1alpha1.VolumeStatus;
import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.kube.ApiFault;
import cloud.hyperbyte.testkit.kube.ApiFaults;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import cloud.hyperbyte.testkit.kube.StorageClasses;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import cloud.hyperbyte.testkit.kube.admission.AdmissionResult;
import cloud.hyperbyte.testkit.kube.admission.FieldError;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Growing {@code spec.storage.volumeClaimTemplate.size} on the strict simulated API server: the PVCs
 * grow online, the StatefulSet (whose claim templates cannot change) is replaced around running
 * members, a smaller size is refused, and a StorageClass without expansion stops it before anything
 * is touched. The cluster has the default class {@code standard} (expandable) and {@code fixed} (not).
 */
class StorageGrowthE2eTest extends OperatorE2eTest {

  /** StatefulSet writes the API server refused because they changed the claim templates. */
  private final List<String> claimTemplateChanges = new CopyOnWriteArrayList<>();

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder.storageClasses(StorageClasses.standard(), StorageClasses.of("fixed", false));
  }

  /**
   * The part of Kubernetes' StatefulSet update validation this scenario meets: volumeClaimTemplates
   * cannot change (the complete rule belongs to the testkit's built-in admission).
   */
  @BeforeEach
  void refuseClaimTemplateChanges() {
    sim.kubernetes().addAdmissionStep(request -> {
      if (request.resource().equals("statefulsets") && request.isSpecUpdate() && !request.object().path("spec")
          .path("volumeClaimTemplates").equals(request.oldObject().path("spec").path("volumeClaimTemplates"))) {
        claimTemplateChanges.add(request.name());
        return AdmissionResult.invalid(List.of(FieldError.forbidden("spec", "updates to statefulset spec for fields "
            + "other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' "
            + "and 'minReadySeconds' are forbidden")));
      }
      return AdmissionResult.admit(request.object());
    });
  }

  @AfterEach
  void theOperatorNeverTriedToChangeClaimTemplates() {
    assertThat(claimTemplateChanges).isEmpty();
  }

  @Test
  void growingTheVolumesOfThreeMembersReplacesTheStatefulSetAndRestartsNoMember() {
    create(Manifests.cluster("grow", 3, storage(null, "10Gi")));
    awaitRunning("grow", 3);
    String statefulSetUid = statefulSet("grow").getMetadata().getUid();
    Map<String, String> podUids = podUids("grow");
    sim.volumeExpansion().holdFileSystemResize(true);
    ApiMark beforeGrowth = sim.mark();

    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "grow", 3, 3)) {
      setSize("grow", "20Gi");

      // the resizer grew every volume; the kubelet's filesystem resize is held, and status says so
      eventually().untilAsserted(() -> {
        assertThat(events.withReason("grow", "FileSystemResizePending")).hasSize(3);
        assertThat(volumeStates("grow")).containsOnly("FileSystemResizePending");
        assertThat(condition("grow", "StorageResized")).hasValueSatisfying(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("FileSystemResizePending");
        });
      });
      sim.volumeExpansion().holdFileSystemResize(false);

      eventually().untilAsserted(() -> {
        assertThat(condition("grow", "StorageResized")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        StorageStatus storage = status("grow").getStorage();
        assertThat(storage.getRequested()).isEqualTo("20Gi");
        assertThat(storage.getCapacity()).isEqualTo("20Gi");
        assertThat(volumeStates("grow")).containsOnly("Resized");
      });
      awaitRunning("grow", 3);
      assertThat(monitor.maxOut()).as("members out: %s", monitor.history()).isZero();
    }

    StatefulSet replaced = statefulSet("grow");
    assertThat(replaced.getMetadata().getUid()).isNotEqualTo(statefulSetUid);
    assertThat(replaced.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("20Gi"));
    assertThat(podUids("grow")).isEqualTo(podUids);
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      assertThat(history.incarnations("grow-" + ordinal)).isEqualTo(1);
      PersistentVolumeClaim claim = claim("data-grow-" + ordinal);
      assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("20Gi"));
      assertThat(claim.getStatus().getCapacity()).containsEntry("storage", new Quantity("20Gi"));
    }
    ApiActivity growth = sim.activitySince(beforeGrowth);
    assertThat(growth.count(ApiVerb.PATCH, "persistentvolumeclaims")).as("%s", growth.writesByVerbAndResource())
        .isEqualTo(3);
    assertThat(growth.count(ApiVerb.DELETE, "statefulsets")).as("%s", growth.writesByVerbAndResource()).isEqualTo(1);
    assertThat(growth.count(ApiVerb.DELETE, "pods")).as("%s", growth.writesByVerbAndResource()).isZero();
    assertThat(events.withReason("grow", "VolumeResizeRequested")).hasSize(3);
    assertThat(events.withReason("grow", "StatefulSetReplacing")).hasSize(1);
    assertThat(events.withReason("grow", "VolumeResized")).hasSize(3);
    assertThat(history.phases("grow")).doesNotContain("Failed");
  }

  @Test
  void anApiFaultAndAnOperatorRestartBetweenTheOrphanDeletionAndTheRecreationStillEndWithTheStatefulSetBack()
      throws Exception {
    create(Manifests.cluster("crash", 3, storage(null, "10Gi")));
    awaitRunning("crash", 3);
    String statefulSetUid = statefulSet("crash").getMetadata().getUid();
    Map<String, String> podUids = podUids("crash");
    ApiFaults.Injected pvcFault = sim.kubernetes().faults()
        .inject(ApiFault.on(ApiVerb.PATCH, "persistentvolumeclaims").named("data-crash-1").respondWith(409).times(1));
    ApiFaults.Injected recreateFault = sim.kubernetes().faults()
        .inject(ApiFault.on(ApiVerb.PATCH, "statefulsets").named("crash").respondWith(503));

    setSize("crash", "20Gi");
    // the old StatefulSet is gone and its re-creation fails: the operator dies right there
    eventually().untilAsserted(() -> {
      assertThat(statefulSet("crash")).isNull();
      assertThat(recreateFault.hits()).isPositive();
    });
    restartOperator(java.time.Clock.systemUTC(), OperatorProcess.DEFAULT_RESYNC);
    recreateFault.remove();

    eventually().untilAsserted(() -> {
      assertThat(statefulSet("crash")).isNotNull();
      assertThat(condition("crash", "StorageResized")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    });
    awaitRunning("crash", 3);
    assertThat(pvcFault.hits()).isEqualTo(1);
    assertThat(events.withReason("crash", "VolumeResizeFailed")).hasSize(1);
    assertThat(statefulSet("crash").getMetadata().getUid()).isNotEqualTo(statefulSetUid);
    assertThat(podUids("crash")).isEqualTo(podUids);
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      assertThat(history.incarnations("crash-" + ordinal)).isEqualTo(1);
    }
  }

  @Test
  void aSmallerSizeIsRefusedAndNothingIsTouched() {
    create(Manifests.cluster("shrink", 3, storage(null, "20Gi")));
    awaitRunning("shrink", 3);
    String statefulSetUid = statefulSet("shrink").getMetadata().getUid();

    Optional<KubernetesClientException> refusedAtAdmission = trySetSize("shrink", "10Gi");

    if (refusedAtAdmission.isPresent()) {
      // the CRD's transition rule refuses it before the operator sees it
      assertThat(refusedAtAdmission.get().getCode()).isEqualTo(422);
      assertThat(refusedAtAdmission.get().getMessage()).contains("storage");
    } else {
      // a CRD without that rule: the operator refuses it
      eventually().untilAsserted(() -> {
        assertThat(status("shrink").getObservedGeneration()).isEqualTo(cluster("shrink").getMetadata().getGeneration());
        assertThat(condition("shrink", "StorageResizable")).hasValueSatisfying(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("StorageShrinkRefused");
          assertThat(c.getMessage()).contains("10Gi is smaller than the data volumes' 20Gi");
        });
      });
      assertThat(events.withReason("shrink", "StorageShrinkRefused")).hasSize(1);
    }
    assertUntouched("shrink", statefulSetUid, "20Gi");
    assertThat(status("shrink").getPhase()).isEqualTo("Running");
  }

  @Test
  void aStorageClassWithoutExpansionStopsTheGrowthBeforeAnythingIsTouched() {
    create(Manifests.cluster("fixed", 3, storage("fixed", "10Gi")));
    awaitRunning("fixed", 3);
    String statefulSetUid = statefulSet("fixed").getMetadata().getUid();

    setSize("fixed", "20Gi");

    eventually().untilAsserted(() -> {
      assertThat(status("fixed").getObservedGeneration()).isEqualTo(cluster("fixed").getMetadata().getGeneration());
      assertThat(condition("fixed", "StorageResizable")).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("StorageClassNotExpandable");
        assertThat(c.getMessage()).contains("data-fixed-0, data-fixed-1, data-fixed-2 have StorageClass \"fixed\", "
            + "which does not allow volume expansion");
      });
    });
    assertThat(events.withReason("fixed", "VolumeResizeRequested")).isEmpty();
    assertUntouched("fixed", statefulSetUid, "10Gi");
  }

  /** A few more full passes change nothing: same StatefulSet, same claim template, same PVC requests. */
  private void assertUntouched(String name, String statefulSetUid, String size) {
    awaitMoreReconciles(3);
    StatefulSet live = statefulSet(name);
    assertThat(live.getMetadata().getUid()).isEqualTo(statefulSetUid);
    assertThat(live.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity(size));
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      assertThat(claim("data-" + name + "-" + ordinal).getSpec().getResources().getRequests())
          .containsEntry("storage", new Quantity(size));
    }
  }

  private static String storage(String storageClass, String size) {
    return "storage:\n  volumeClaimTemplate:\n" + (storageClass == null ? "" : "    storageClassName: " + storageClass + "\n")
        + "    size: " + size + "\n";
  }

  private void setSize(String name, String size) {
    edit(name, c -> {
      c.getSpec().getStorage().getVolumeClaimTemplate().setSize(size);
      return c;
    });
  }

  /**
   * Updates the size as a user would; the API server's refusal, if it refused it. A conflict (the
   * operator wrote status since the read) is read again and retried.
   */
  private Optional<KubernetesClientException> trySetSize(String name, String size) {
    KubernetesClientException conflict = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      HyperbytedbCluster current = cluster(name);
      current.setStatus(null);
      current.getSpec().getStorage().getVolumeClaimTemplate().setSize(size);
      try {
        user.resource(current).update();
        return Optional.empty();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          return Optional.of(e);
        }
        conflict = e;
      }
    }
    return Optional.of(conflict);
  }

  private StatefulSet statefulSet(String name) {
    return user.apps().statefulSets().inNamespace(NS).withName(name).get();
  }

  private PersistentVolumeClaim claim(String name) {
    return user.persistentVolumeClaims().inNamespace(NS).withName(name).get();
  }

  private Map<String, String> podUids(String cluster) {
    Map<String, String> uids = new TreeMap<>();
    for (Pod pod : user.pods().inNamespace(NS).list().getItems()) {
      if (pod.getMetadata().getName().matches(cluster + "-\\d+")) {
        uids.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
      }
    }
    return uids;
  }

  private List<String> volumeStates(String name) {
    StorageStatus storage = status(name).getStorage();
    return storage == null || storage.getVolumes() == null ? List.of()
        : storage.getVolumes().stream().map(VolumeStatus::getState).toList();
  }
}
