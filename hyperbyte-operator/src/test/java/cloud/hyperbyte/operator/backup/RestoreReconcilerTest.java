package cloud.hyperbyte.operator.backup;

import static cloud.hyperbyte.operator.backup.BackupRestoreHarness.NAMESPACE;
import static cloud.hyperbyte.operator.backup.BackupRestoreHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreStatus;
import cloud.hyperbyte.reconcile.backup.BackupDecision;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.restore.RestoreDecision;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.testkit.kube.ManualPodReadiness;
import cloud.hyperbyte.testkit.kube.PodLifecycle;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HyperbytedbRestore end to end in the operator process, on the simulated API with its StatefulSet
 * controller and a real S3 server. The cluster reconciler's share (StatefulSet at zero while held)
 * is {@link HoldHonouringClusterStub}; restore pods do not run in the simulated API, so the test
 * reports their outcome by setting their phase, as the kubelet would. The whole workflow through the
 * real cluster reconciler, simulated member volumes and restore pods is {@code e2e.RestoreE2eTest};
 * this test stays for what that does not reach: a missing cluster, a cluster with an invalid spec,
 * a failed restore pod stopping the others and leaving the cluster held, and the restore pods'
 * fields (claims, fetch arguments, image, owner).
 */
class RestoreReconcilerTest {

  @TempDir Path temp;
  private BackupRestoreHarness h;

  @BeforeEach
  void start() throws Exception {
    Path snapshot = Files.createDirectories(temp.resolve("snapshot/wal"));
    Files.write(snapshot.resolve("000001.sst"), "wal".repeat(100).getBytes(StandardCharsets.UTF_8));
    h = new BackupRestoreHarness(snapshot.getParent(), Files.createDirectories(temp.resolve("claims")), Clock.systemUTC());
    h.createCredentialsSecret();
    h.kube.simulateStatefulSets(new ManualPodReadiness(true), PodLifecycle.NONE);
    h.clusterReconciler(new HoldHonouringClusterStub(h.client));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void aRestoreOfAMissingClusterFailsFast() {
    h.createRestore("lost", "ghost", "nightly");

    await().until(() -> phase(h.restore("lost")), RestoreDecision.FAILED::equals);
    HyperbytedbRestoreStatus status = h.restore("lost").getStatus();
    assertThat(condition(status, "Ready").getReason()).isEqualTo("ClusterNotFound");
    assertThat(condition(status, "Ready").getMessage())
        .isEqualTo("HyperbytedbCluster ghost not found in namespace " + NAMESPACE);
    assertThat(restorePods("lost")).isEmpty();
  }

  @Test
  void aRestoreHoldsTheClusterAtZeroRestoresEveryVolumeFromTheSnapshotAndReleasesIt() {
    String snapshotPath = readyClusterWithBackup();

    h.createRestore("restore-1", "db", "nightly");

    await().until(() -> holdOf(h.cluster("db")), Optional.of("restore-1")::equals);
    await().until(() -> statefulSetReplicas() == 0 && memberPods().isEmpty());
    await().until(() -> restorePods("restore-1").size() == 3);
    assertThat(phase(h.restore("restore-1"))).isEqualTo(RestoreDecision.RESTORING);
    assertThat(h.cluster("db").getStatus().getHeldBy()).isEqualTo("restore-1");
    SnapshotLocation snapshot = SnapshotLocation.parse(snapshotPath).orElseThrow();
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      Pod pod = h.client.pods().inNamespace(NAMESPACE).withName("restore-1-restore-" + ordinal).get();
      assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
          .extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactly("data-db-" + ordinal);
      List<String> fetch = pod.getSpec().getInitContainers().get(0).getArgs();
      assertThat(fetch).containsSubsequence(RestoreFetchArgs.SUBCOMMAND, RestoreFetchArgs.BUCKET,
          snapshot.bucket(), RestoreFetchArgs.SNAPSHOT, snapshot.folder());
      assertThat(fetch).contains(RestoreFetchArgs.ENDPOINT, h.s3.endpoint(), RestoreFetchArgs.PATH_STYLE);
      assertThat(pod.getSpec().getInitContainers().get(0).getImage()).isEqualTo(BackupRestoreHarness.OPERATOR_IMAGE);
      assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(owner -> assertThat(owner.getName()).isEqualTo("restore-1"));
    }

    restorePods("restore-1").forEach(pod -> finish(pod, "Succeeded"));

    await().until(() -> phase(h.restore("restore-1")), RestoreDecision.COMPLETED::equals);
    HyperbytedbRestoreStatus status = h.restore("restore-1").getStatus();
    assertThat(status.getSnapshotPath()).isEqualTo(snapshotPath);
    assertThat(status.getOriginalReplicas()).isEqualTo(3);
    assertThat(status.getRestoredVolumes()).containsExactly("data-db-0", "data-db-1", "data-db-2");
    assertThat(holdOf(h.cluster("db"))).isEmpty();
    assertThat(statefulSetReplicas()).isEqualTo(3);
    assertThat(memberPods()).hasSize(3);
    await().until(() -> restorePods("restore-1").isEmpty());
    assertThat(BackupReconcilerTest.eventReasons(h, "restore-1"))
        .contains("ScalingDown", "RestoreStarted", "VolumeRestored", "ScalingUp", "RestoreCompleted");
  }

  @Test
  void aFailedRestorePodFailsTheRestoreStopsTheOtherPodsAndOnlyThenSaysTheHoldCanBeReleased() {
    readyClusterWithBackup();

    h.createRestore("restore-2", "db", "nightly");
    await().until(() -> restorePods("restore-2").size() == 3);
    finish(restorePods("restore-2").get(0), "Failed");

    await().until(() -> phase(h.restore("restore-2")), RestoreDecision.FAILED::equals);
    await().until(() -> condition(h.restore("restore-2").getStatus(), "ClusterHeld").getReason(),
        "RestoreFailed"::equals);
    HyperbytedbRestoreStatus status = h.restore("restore-2").getStatus();
    assertThat(condition(status, "Ready").getReason()).isEqualTo("RestorePodFailed");
    assertThat(condition(status, "Ready").getMessage())
        .contains("container fetch exited with 1: restore-fetch: sha256 mismatch");
    assertThat(condition(status, "ClusterHeld").getStatus()).isEqualTo("True");
    assertThat(condition(status, "ClusterHeld").getMessage())
        .contains(RestoreDecision.releaseCommand("db"));
    assertThat(restorePods("restore-2")).as("the pending pods were stopped; the failed one keeps its logs")
        .extracting(pod -> pod.getMetadata().getName()).containsExactly("restore-2-restore-0");
    assertThat(holdOf(h.cluster("db"))).contains("restore-2");
    assertThat(statefulSetReplicas()).isZero();
  }

  @Test
  void aRestoreOfAClusterWithAnInvalidSpecWaitsWithTheFieldProblemsAndTouchesNothing() {
    h.client.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: bad, namespace: %s}
        spec:
          replicas: 3
          version: "0.8.5"
          retention: {interval: 0s}
        """.formatted(NAMESPACE), HyperbytedbCluster.class)).create();

    h.createRestore("restore-3", "bad", "nightly");

    await().until(() -> h.restore("restore-3").getStatus() != null
        && h.restore("restore-3").getStatus().getConditions() != null
        && "ClusterSpecInvalid".equals(condition(h.restore("restore-3").getStatus(), "Ready").getReason()));
    HyperbytedbRestoreStatus status = h.restore("restore-3").getStatus();
    assertThat(status.getPhase()).isEqualTo(RestoreDecision.PENDING);
    assertThat(condition(status, "Ready").getMessage()).contains("spec.retention.interval");
    assertThat(holdOf(h.cluster("bad"))).isEmpty();
    assertThat(restorePods("restore-3")).isEmpty();
  }

  /** A 3-member cluster, ready, and a completed one-shot backup "nightly" of it; returns its path. */
  private String readyClusterWithBackup() {
    h.createCluster("db", 3);
    await().until(() -> {
      HyperbytedbCluster cluster = h.cluster("db");
      return cluster.getStatus() != null && Integer.valueOf(3).equals(cluster.getStatus().getReadyReplicas());
    });
    h.createBackup("nightly", "db", "");
    await().until(() -> BackupReconcilerTest.phase(h.backup("nightly")), BackupDecision.COMPLETED::equals);
    return h.backup("nightly").getStatus().getBackupPath();
  }

  /** What the kubelet reports when the pod's containers ended (exit 0, or the fetch step's failure). */
  private void finish(Pod pod, String phase) {
    boolean failed = "Failed".equals(phase);
    h.client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).editStatus(p -> {
      p.setStatus(new PodStatusBuilder().withPhase(phase)
          .addNewInitContainerStatus().withName(RestorePodRenderer.FETCH_CONTAINER)
          .withNewState().withNewTerminated().withExitCode(failed ? 1 : 0)
          .withMessage(failed ? "restore-fetch: sha256 mismatch" : null).endTerminated().endState()
          .endInitContainerStatus().build());
      return p;
    });
  }

  private List<Pod> restorePods(String restore) {
    return h.client.pods().inNamespace(NAMESPACE).withLabel(RestorePodRenderer.RESTORE_LABEL, restore).list()
        .getItems();
  }

  private List<Pod> memberPods() {
    return h.client.pods().inNamespace(NAMESPACE).withLabels(ClusterLabels.selector("db")).list().getItems();
  }

  private int statefulSetReplicas() {
    StatefulSet sts = h.client.apps().statefulSets().inNamespace(NAMESPACE).withName("db").get();
    return sts.getSpec().getReplicas();
  }

  private static Optional<String> holdOf(HyperbytedbCluster cluster) {
    Map<String, String> annotations = cluster.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(OperatorPaths.RESTORE_HOLD_ANNOTATION));
  }

  private static String phase(HyperbytedbRestore restore) {
    return restore == null || restore.getStatus() == null ? null : restore.getStatus().getPhase();
  }

  private static Condition condition(HyperbytedbRestoreStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }
}
