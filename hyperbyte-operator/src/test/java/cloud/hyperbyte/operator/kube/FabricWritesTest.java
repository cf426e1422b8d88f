package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.FieldManager;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import cloud.hyperbyte.testkit.kube.StorageClasses;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fabric8 implementations of the apply and cluster-write ports against the simulated API server. */
class FabricWritesTest {

  private static final ResourceKey DB = ResourceKey.cluster("prod", "db");
  private static final ClusterRef DB_REF = new ClusterRef("prod", "db");

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final KubernetesClient client = kube.client();
  private final OperatorMetrics metrics = OperatorMetrics.standalone();
  private final OwnWrites ownWrites = new OwnWrites();

  @AfterEach
  void stop() {
    kube.close();
  }

  private FabricClusterWrites clusterWrites() {
    return new FabricClusterWrites(client, ownWrites, metrics, ref -> Optional.of("cluster-uid"), Clock.systemUTC(),
        new EventRecorder(client));
  }

  private Pod pod(String name) {
    return client.pods().inNamespace("prod").resource(new PodBuilder().withNewMetadata().withNamespace("prod")
        .withName(name).endMetadata().build()).create();
  }

  @Test
  void applyCreatesThenUpdatesWithServerSideApplyAndCountsEachWrite() {
    FabricObjectWriter writer = new FabricObjectWriter(client, ownWrites, metrics, DB);

    writer.apply(new ConfigMapBuilder().withNewMetadata().withNamespace("prod").withName("db-config").endMetadata()
        .addToData("a", "1").addToData("b", "2").build(), FieldManager.NAME);
    writer.apply(new ConfigMapBuilder().withNewMetadata().withNamespace("prod").withName("db-config").endMetadata()
        .addToData("a", "9").build(), FieldManager.NAME);

    var live = client.configMaps().inNamespace("prod").withName("db-config").get();
    assertThat(live.getData()).as("a field the manager stopped applying is removed").containsExactly(java.util.Map.entry("a", "9"));
    assertThat(live.getMetadata().getManagedFields()).extracting(f -> f.getManager()).containsOnly(FieldManager.NAME);
    assertThat(metrics.apiWriteCount()).isEqualTo(2);
    assertThat(kube.requests().clientWrites()).allSatisfy(r -> assertThat(r.verb().name()).isEqualTo("PATCH"));
  }

  @Test
  void deleteRemovesTheObjectAndAnObjectAlreadyGoneIsNotAnError() {
    Pod pod = pod("db-2");
    FabricObjectWriter writer = new FabricObjectWriter(client, ownWrites, metrics, DB);
    ObjectRef ref = new ObjectRef("v1", "Pod", "prod", "db-2");

    writer.delete(ref, pod.getMetadata().getUid());
    writer.delete(ref, pod.getMetadata().getUid());

    assertThat(client.pods().inNamespace("prod").withName("db-2").get()).isNull();
    assertThat(ownWrites.pending(DB, r -> Optional.empty())).as("gone from the cache, so seen").isEmpty();
  }

  @Test
  void deletingAMemberPodIsRecordedUntilTheCacheNoLongerHoldsIt() throws Exception {
    Pod pod = pod("db-1");

    clusterWrites().deletePod(DB_REF, "db-1", pod.getMetadata().getUid());

    assertThat(client.pods().inNamespace("prod").withName("db-1").get()).isNull();
    assertThat(ownWrites.pending(DB, r -> Optional.of(pod))).containsExactly(new ObjectRef("v1", "Pod", "prod", "db-1"));
  }

  @Test
  void resizingAPvcChangesOnlyItsStorageRequestAndTheServersRefusalIsReported() throws Exception {
    client.storage().v1().storageClasses().resource(StorageClasses.standard()).create();
    client.storage().v1().storageClasses().resource(StorageClasses.of("fixed", false)).create();
    boundClaim("data-db-0", "standard");
    boundClaim("data-db-1", "fixed");

    clusterWrites().resizePvc(DB_REF, "data-db-0", "20Gi");

    PersistentVolumeClaim grown = client.persistentVolumeClaims().inNamespace("prod").withName("data-db-0").get();
    assertThat(grown.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("20Gi"));
    assertThat(grown.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThatThrownBy(() -> clusterWrites().resizePvc(DB_REF, "data-db-1", "20Gi"))
        .isInstanceOfSatisfying(KubernetesWriteException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
  }

  @Test
  void deletingTheStatefulSetOrphansItsPodsAndSparesAReplacement() throws Exception {
    StatefulSet sts = client.apps().statefulSets().inNamespace("prod").resource(new StatefulSetBuilder()
        .withNewMetadata().withNamespace("prod").withName("db").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "db").endSelector().endSpec().build()).create();
    Pod member = pod("db-0");
    client.pods().inNamespace("prod").withName("db-0").edit(p -> {
      p.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("apps/v1")
          .withKind("StatefulSet").withName("db").withUid(sts.getMetadata().getUid()).withController(true).build()));
      return p;
    });

    clusterWrites().deleteStatefulSetOrphaningPods(DB_REF, "db", sts.getMetadata().getUid());

    assertThat(client.apps().statefulSets().inNamespace("prod").withName("db").get()).isNull();
    Pod orphan = client.pods().inNamespace("prod").withName("db-0").get();
    assertThat(orphan.getMetadata().getUid()).isEqualTo(member.getMetadata().getUid());
    assertThat(orphan.getMetadata().getOwnerReferences()).isNullOrEmpty();

    StatefulSet replacement = client.apps().statefulSets().inNamespace("prod").resource(new StatefulSetBuilder(sts)
        .editMetadata().withUid(null).withResourceVersion(null).endMetadata().build()).create();
    clusterWrites().deleteStatefulSetOrphaningPods(DB_REF, "db", sts.getMetadata().getUid());
    assertThat(client.apps().statefulSets().inNamespace("prod").withName("db").get().getMetadata().getUid())
        .as("a stale decision leaves the new StatefulSet alone").isEqualTo(replacement.getMetadata().getUid());
  }

  private void boundClaim(String name, String storageClass) {
    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("prod").resource(
        new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("prod").withName(name).endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storageClass)
            .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec().build())
        .create();
    claim.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound")
        .withCapacity(java.util.Map.of("storage", new Quantity("10Gi"))).build());
    client.persistentVolumeClaims().resource(claim).updateStatus();
  }

  @Test
  void statusIsWrittenToTheStatusSubresource() throws Exception {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withNamespace("prod").withName("db").build());
    HyperbytedbCluster created = client.resources(HyperbytedbCluster.class).inNamespace("prod").resource(cluster).create();
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setPhase("Running");

    clusterWrites().patchStatus(DB_REF, status, created.getMetadata().getResourceVersion());

    HyperbytedbCluster live = client.resources(HyperbytedbCluster.class).inNamespace("prod").withName("db").get();
    assertThat(live.getStatus().getPhase()).isEqualTo("Running");
    assertThat(live.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());
  }

  @Test
  void statusOfAMissingClusterFailsWithTheApiServersStatusCode() {
    KubernetesWriteException failure = catchThrowableOfType(KubernetesWriteException.class,
        () -> clusterWrites().patchStatus(new ClusterRef("prod", "absent"), new HyperbytedbClusterStatus(), "1"));
    assertThat(failure.httpStatus()).isEqualTo(404);
  }

  @Test
  void eventsReferenceTheClusterAndNameThePod() {
    clusterWrites().recordEvent(DB_REF, ClusterEvent.normal("MemberAdded", "node 3 joined Raft", "db-2"));

    List<Event> events = client.v1().events().inNamespace("prod").list().getItems();
    assertThat(events).hasSize(1);
    Event event = events.get(0);
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("HyperbytedbCluster");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo("cluster-uid");
    assertThat(event.getReason()).isEqualTo("MemberAdded");
    assertThat(event.getType()).isEqualTo("Normal");
    assertThat(event.getMessage()).isEqualTo("db-2: node 3 joined Raft");
  }
}
