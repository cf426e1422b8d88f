package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated StatefulSet controller creates, rolls and removes pods and claims like the real one. */
class StatefulSetSimulatorTest {

  static SimulatedKubernetes kube;
  static KubernetesClient client;
  static StatefulSetSimulator simulator;
  static final ManualPodReadiness READINESS = new ManualPodReadiness(true);
  static final List<String> STARTED = new CopyOnWriteArrayList<>();
  static final List<String> DELETED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    kube = SimulatedKubernetes.start();
    client = kube.client();
    simulator = kube.simulateStatefulSets(READINESS, new PodLifecycle() {
      @Override
      public void onStarted(Pod pod) {
        STARTED.add(pod.getMetadata().getName() + "@" + pod.getStatus().getPodIP());
      }

      @Override
      public void onDeleted(Pod pod) {
        DELETED.add(pod.getMetadata().getName());
      }
    });
    org.awaitility.Awaitility.setDefaultTimeout(cloud.hyperbyte.testkit.Patience.LIMIT);
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  private static Map<String, Pod> pods(String sts) {
    return client.pods().inNamespace(NS).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(sts + "-"))
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
  }

  private static List<String> claims(String sts) {
    return client.persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
        .map(c -> c.getMetadata().getName()).filter(n -> n.startsWith("data-" + sts + "-")).sorted().toList();
  }

  private static StatefulSet sts(String name) {
    return client.apps().statefulSets().inNamespace(NS).withName(name).get();
  }

  /** The pod's revision; null while the pod is being replaced (deleted, not yet re-created). */
  private static String revision(Pod pod) {
    return pod == null ? null : pod.getMetadata().getLabels().get(StatefulSetSimulator.REVISION_LABEL);
  }

  private static boolean isNewRevision(Pod pod, String oldRevision) {
    String revision = revision(pod);
    return revision != null && !revision.equals(oldRevision);
  }

  private static void scale(String name, int replicas) {
    edit(name, s -> {
      s.getSpec().setReplicas(replicas);
      return s;
    });
  }

  private static void setImage(String name, String image) {
    edit(name, s -> {
      s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
      return s;
    });
  }

  /**
   * A user's read-modify-write, retried on 409 as kubectl does: the simulator writes the
   * StatefulSet's status concurrently, which moves its resourceVersion.
   */
  private static void edit(String name, java.util.function.UnaryOperator<StatefulSet> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.apps().statefulSets().inNamespace(NS).withName(name).edit(change);
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private static StatefulSet withRetention(StatefulSetBuilder builder, String whenScaled, String whenDeleted) {
    return builder.editSpec().withPersistentVolumeClaimRetentionPolicy(
        new StatefulSetPersistentVolumeClaimRetentionPolicy(whenDeleted, whenScaled)).endSpec().build();
  }

  @Test
  void createsReadyRunningPodsAndBoundClaimsByOrdinalAndReportsStatus() {
    client.resource(Fixtures.statefulSet("up", 3)).create();

    await().until(() -> sts("up").getStatus() != null && Integer.valueOf(3).equals(sts("up").getStatus().getReadyReplicas()));

    Map<String, Pod> pods = pods("up");
    assertThat(pods).containsOnlyKeys("up-0", "up-1", "up-2");
    StatefulSet live = sts("up");
    for (Pod pod : pods.values()) {
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getPodIP()).startsWith("10.0.");
      assertThat(SimulatedPods.isReady(pod)).isTrue();
      assertThat(revision(pod)).isEqualTo(live.getStatus().getUpdateRevision());
      assertThat(pod.getSpec().getHostname()).isEqualTo(pod.getMetadata().getName());
      assertThat(pod.getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
          .isEqualTo("data-" + pod.getMetadata().getName()));
    }
    assertThat(claims("up")).containsExactly("data-up-0", "data-up-1", "data-up-2");
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data-up-0").get().getStatus().getPhase())
        .isEqualTo("Bound");
    assertThat(live.getStatus().getReplicas()).isEqualTo(3);
    assertThat(live.getStatus().getCurrentRevision()).isEqualTo(live.getStatus().getUpdateRevision());
    assertThat(live.getStatus().getObservedGeneration()).isEqualTo(live.getMetadata().getGeneration());
    assertThat(STARTED).filteredOn(s -> s.startsWith("up-")).hasSize(3);
  }

  @Test
  void scaleDownRemovesTheHighestOrdinalsAndTheirClaimsOnlyWhenScaledIsDelete() {
    client.resource(withRetention(Fixtures.statefulSet("shrink", 3, "1"), "Delete", "Retain")).create();
    client.resource(Fixtures.statefulSet("keep", 3)).create();
    await().until(() -> pods("shrink").size() == 3 && pods("keep").size() == 3);
    String keptClaimUid = client.persistentVolumeClaims().inNamespace(NS).withName("data-keep-2").get()
        .getMetadata().getUid();

    scale("shrink", 1);
    scale("keep", 1);

    await().until(() -> pods("shrink").keySet().equals(java.util.Set.of("shrink-0")) && claims("shrink").size() == 1);
    await().until(() -> pods("keep").keySet().equals(java.util.Set.of("keep-0")));
    assertThat(claims("shrink")).containsExactly("data-shrink-0");
    assertThat(claims("keep")).containsExactly("data-keep-0", "data-keep-1", "data-keep-2");
    assertThat(DELETED).contains("shrink-1", "shrink-2", "keep-1", "keep-2");

    scale("keep", 3);
    await().until(() -> pods("keep").size() == 3);
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data-keep-2").get().getMetadata().getUid())
        .as("a retained claim is reused").isEqualTo(keptClaimUid);
  }

  @Test
  void deletingTheStatefulSetDeletesItsPodsAndItsClaimsOnlyWhenDeletedIsDelete() {
    client.resource(withRetention(Fixtures.statefulSet("gone", 2, "1"), "Retain", "Delete")).create();
    client.resource(Fixtures.statefulSet("stays", 2)).create();
    await().until(() -> pods("gone").size() == 2 && pods("stays").size() == 2);

    client.apps().statefulSets().inNamespace(NS).withName("gone").delete();
    client.apps().statefulSets().inNamespace(NS).withName("stays").delete();

    await().until(() -> pods("gone").isEmpty() && pods("stays").isEmpty() && claims("gone").isEmpty());
    assertThat(claims("stays")).containsExactly("data-stays-0", "data-stays-1");
  }

  @Test
  void aRollingUpdateWithAPartitionReplacesOnlyOrdinalsAtOrAboveItHighestFirstEachAfterThePreviousIsReady() {
    StatefulSet created = client.resource(Fixtures.statefulSet("roll", 3, "1").editSpec().withNewUpdateStrategy()
        .withType("RollingUpdate").withNewRollingUpdate().withPartition(1).endRollingUpdate().endUpdateStrategy()
        .endSpec().build()).create();
    await().until(() -> sts("roll").getStatus() != null && Integer.valueOf(3).equals(sts("roll").getStatus().getReadyReplicas()));
    String oldRevision = sts("roll").getStatus().getCurrentRevision();
    READINESS.set("roll-2", false); // the replaced pod will not become Ready by itself

    setImage("roll", "db:2");

    await().until(() -> isNewRevision(pods("roll").get("roll-2"), oldRevision));
    simulator.reconcileNow(NS, "roll");
    assertThat(revision(pods("roll").get("roll-1"))).as("waits for roll-2 to be Ready").isEqualTo(oldRevision);

    READINESS.set("roll-2", true);

    await().until(() -> isNewRevision(pods("roll").get("roll-1"), oldRevision));
    simulator.reconcileNow(NS, "roll");
    StatefulSet live = sts("roll");
    assertThat(revision(pods("roll").get("roll-0"))).as("below the partition").isEqualTo(oldRevision);
    assertThat(live.getStatus().getUpdatedReplicas()).isEqualTo(2);
    assertThat(live.getStatus().getCurrentRevision()).isEqualTo(oldRevision);
    assertThat(DELETED).filteredOn(n -> n.startsWith("roll-")).containsExactly("roll-2", "roll-1");

    edit("roll", s -> {
      s.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(0);
      return s;
    });

    await().until(() -> sts("roll").getStatus().getCurrentRevision().equals(sts("roll").getStatus().getUpdateRevision())
        && Integer.valueOf(3).equals(sts("roll").getStatus().getUpdatedReplicas()));
    assertThat(created.getMetadata().getGeneration()).isLessThan(sts("roll").getStatus().getObservedGeneration());
  }

  @Test
  void onDeleteChangesAPodsRevisionOnlyWhenThePodIsDeleted() {
    client.resource(Fixtures.statefulSet("ondel", 2, "1").editSpec().withNewUpdateStrategy().withType("OnDelete")
        .endUpdateStrategy().endSpec().build()).create();
    await().until(() -> pods("ondel").size() == 2);
    String oldRevision = revision(pods("ondel").get("ondel-0"));

    setImage("ondel", "db:2");
    // the controller's status write can meet a 409 (the test changed the StatefulSet meanwhile) and retry
    await().until(() -> sts("ondel").getStatus() != null
        && !oldRevision.equals(sts("ondel").getStatus().getUpdateRevision()));
    simulator.reconcileNow(NS, "ondel");
    assertThat(pods("ondel").values()).allSatisfy(p -> assertThat(revision(p)).isEqualTo(oldRevision));

    client.pods().inNamespace(NS).withName("ondel-1").delete();

    await().until(() -> isNewRevision(pods("ondel").get("ondel-1"), oldRevision));
    assertThat(revision(pods("ondel").get("ondel-0"))).isEqualTo(oldRevision);
  }

  @Test
  void orderedReadyCreatesTheNextPodOnlyAfterThePreviousIsReady() {
    READINESS.set("ordered-0", false);
    client.resource(Fixtures.statefulSet("ordered", 3, "1").editSpec().withPodManagementPolicy("OrderedReady")
        .endSpec().build()).create();
    await().until(() -> pods("ordered").containsKey("ordered-0"));
    simulator.reconcileNow(NS, "ordered");
    assertThat(pods("ordered")).containsOnlyKeys("ordered-0");

    READINESS.set("ordered-0", true);

    await().until(() -> pods("ordered").size() == 3 && Integer.valueOf(3).equals(sts("ordered").getStatus().getReadyReplicas()));
    assertThat(STARTED.stream().filter(s -> s.startsWith("ordered-")).map(s -> s.substring(0, s.indexOf('@'))))
        .containsExactly("ordered-0", "ordered-1", "ordered-2");
  }

  @Test
  void readinessChangesReachThePodConditionsAndTheStatefulSetStatus() {
    client.resource(Fixtures.statefulSet("ready", 2)).create();
    await().until(() -> sts("ready").getStatus() != null && Integer.valueOf(2).equals(sts("ready").getStatus().getReadyReplicas()));

    READINESS.set("ready-1", false);

    await().until(() -> !SimulatedPods.isReady(pods("ready").get("ready-1")));
    await().until(() -> Integer.valueOf(1).equals(sts("ready").getStatus().getReadyReplicas()));

    READINESS.set("ready-1", true);

    await().until(() -> Integer.valueOf(2).equals(sts("ready").getStatus().getReadyReplicas()));
  }

  @Test
  void aDeletedPodIsRecreatedWithANewIdentityAndAddressAndItsClaimKept() {
    ApiFaults.Injected fault = kube.faults().inject(ApiFault.on(ApiVerb.CREATE, "pods").respondWith(500));
    client.resource(Fixtures.statefulSet("failover", 2)).create();
    await().until(() -> pods("failover").size() == 2
        && pods("failover").values().stream().allMatch(SimulatedPods::isReady));
    fault.remove();
    assertThat(fault.hits()).as("the simulated controller's creates are not faulted").isZero();
    Pod before = pods("failover").get("failover-1");

    client.pods().inNamespace(NS).withName("failover-1").delete();

    await().until(() -> DELETED.contains("failover-1"));
    await().until(() -> pods("failover").containsKey("failover-1")
        && !before.getMetadata().getUid().equals(pods("failover").get("failover-1").getMetadata().getUid())
        && SimulatedPods.isRunning(pods("failover").get("failover-1")));
    assertThat(pods("failover").get("failover-1").getStatus().getPodIP()).isNotEqualTo(before.getStatus().getPodIP());
    assertThat(STARTED).filteredOn(s -> s.startsWith("failover-1@")).hasSize(2);
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data-failover-1").get()).isNotNull();
  }
}
