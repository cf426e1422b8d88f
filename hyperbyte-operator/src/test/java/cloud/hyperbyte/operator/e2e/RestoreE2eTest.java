package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.model.v1alpha1.RetentionSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreStatus;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import cloud.hyperbyte.testkit.db.SimulatedRaftGroup;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore through the real operator wiring: a one-shot HyperbytedbBackup runs a backup
 * pod next to a simulated member ({@code hyperbytedb backup} into a scratch directory on its volume,
 * then the operator image's {@code backup-upload}) that uploads to a real S3 server;
 * a HyperbytedbRestore holds the cluster at zero, restore pods run their fetch step through the
 * operator image's command line with their rendered args ({@code restore-fetch …}),
 * then the restore script against each member volume, and the cluster re-forms Raft. The
 * regressions of issue 13's restore defects run here too: whenScaled Delete (1), a failed restore
 * stopping its pods (5), a transient fetch error retried (6, which waits the 30 s backoff in real
 * time), volumes above the replicas removed (8), and an invalid cluster spec (10).
 */
class RestoreE2eTest extends BackupE2eTest {

  private static final List<String> SNAPSHOT_POINTS = List.of("cpu,host=a value=1", "cpu,host=b value=2");
  private static final List<String> LATER_POINTS = List.of("cpu,host=c value=3");

  /** The restore pods' fetch step: the operator image's real command line, held until released. */
  private final HeldProgram fetch = new HeldProgram(new OperatorImageProgram());
  /** Exit codes a restore pod's fetch step ends with at once instead of fetching, by pod name (used once). */
  private final Map<String, Integer> scriptedFetchExits = new ConcurrentHashMap<>();
  private RestoreTimeline timeline;

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    OperatorImageProgram backupUpload = new OperatorImageProgram();
    ContainerProgram others = invocation -> {
      if (invocation.args().get(0).equals(BackupUploadArgs.SUBCOMMAND)) {
        return backupUpload.run(invocation); // the backup taken before the restore runs unheld
      }
      Integer exit = scriptedFetchExits.remove(invocation.pod());
      return exit == null ? fetch.run(invocation)
          : new ExecResult(exit, new byte[0], "restore-fetch: scripted failure", "restore-fetch: scripted exit " + exit);
    };
    return builder.containerProgram(OPERATOR_IMAGE::equals, new SeedRouting(backupUpload, others, () -> user));
  }

  @Override
  OperatorProcess startOperator() throws Exception {
    // the default resync: the restore progresses on the watch events of its cluster and pods alone
    return OperatorProcess.startWithBackups(sim, OPERATOR_IMAGE, OperatorProcess.DEFAULT_RESYNC);
  }

  @AfterEach
  void releaseFetches() throws Exception {
    fetch.release();
    if (timeline != null) {
      timeline.close();
    }
  }

  @Test
  void aRestoreHoldsTheClusterRestoresEveryVolumeAndReformsRaftFromNode1() throws Exception {
    SimulatedRaftGroup before = clusterWithBackupThenMoreWrites();
    fetch.release();

    createRestore("restore-1");

    awaitRestorePhase("restore-1", "Completed");
    awaitRunning("hdb", 3);
    assertRestoredAndReformed("restore-1", before);
    assertThat(fetch.runs()).as("one fetch per volume").isEqualTo(3);
    assertThat(sim.containerLogs(NS, "restore-1-restore-0", "restore")).get().asString()
        .contains("raft/ and replication_log/ reset");
  }

  @Test
  void anOperatorKilledWhileRestorePodsRunIsSucceededByOneThatFinishesTheRestore() throws Exception {
    SimulatedRaftGroup before = clusterWithBackupThenMoreWrites();

    createRestore("restore-2");
    eventually().untilAsserted(() -> assertThat(fetch.waiting()).as(describeRestore("restore-2")).isEqualTo(3));
    assertThat(restorePhase("restore-2")).isEqualTo("Restoring");
    operator.kill();
    operator = startOperator();
    fetch.release();

    awaitRestorePhase("restore-2", "Completed");
    awaitRunning("hdb", 3);
    assertRestoredAndReformed("restore-2", before);
    assertThat(fetch.runs()).as("the new operator reused the running restore pods").isEqualTo(3);
  }

  @Test
  void restoreWithWhenScaledDeleteKeepsEveryVolume() throws Exception {
    SimulatedRaftGroup before = clusterWithBackupThenMoreWrites("""
        persistentVolumeClaimRetention:
          whenScaled: Delete
        """);
    fetch.release();

    createRestore("restore-3");

    awaitRestorePhase("restore-3", "Completed");
    awaitRunning("hdb", 3);
    assertThat(timeline.linesStartingWith("pvc ")).as("the hold's scale to zero deletes no member volume").isEmpty();
    assertRestoredAndReformed("restore-3", before);
    assertThat(user.apps().statefulSets().inNamespace(NS).withName("hdb").get().getSpec()
        .getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).as("the user's policy is back").isEqualTo("Delete");
  }

  @Test
  void aFailedRestoreStopsItsRunningRestorePodsAndCreatesNoMore() throws Exception {
    clusterWithBackupThenMoreWrites();
    scriptedFetchExits.put("restore-5-restore-0", RestoreFetchArgs.EXIT_FAILED);

    createRestore("restore-5");

    awaitRestorePhase("restore-5", "Failed");
    eventually().untilAsserted(() -> assertThat(restoreCondition("restore-5", "ClusterHeld").getReason())
        .as(describeRestore("restore-5")).isEqualTo("RestoreFailed"));
    assertThat(restorePodNames("restore-5")).as("the fetches still running were stopped; the failed pod keeps its logs")
        .containsExactly("restore-5-restore-0");
    assertThat(restoreCondition("restore-5", "ClusterHeld").getMessage()).contains("volumes restored: none",
        "restore-hold-");
    assertThat(fetch.runs()).as("nothing created after the failure").isEqualTo(2);
    assertThat(user.apps().statefulSets().inNamespace(NS).withName("hdb").get().getSpec().getReplicas())
        .as("still held").isZero();
  }

  @Test
  void aTransientFetchErrorIsRetriedWithANewPodAndTheRestoreCompletes() throws Exception {
    SimulatedRaftGroup before = clusterWithBackupThenMoreWrites();
    fetch.release();
    scriptedFetchExits.put("restore-6-restore-1", RestoreFetchArgs.EXIT_TRANSIENT);

    createRestore("restore-6");

    awaitRestorePhase("restore-6", "Completed");
    awaitRunning("hdb", 3);
    assertRestoredAndReformed("restore-6", before);
    assertThat(timeline.lines()).contains("restore-pod restore-6-restore-1 Failed",
        "restore-pod restore-6-restore-1-2 Succeeded");
    assertThat(user.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> "restore-6".equals(e.getInvolvedObject().getName()) && "RestoreRetried".equals(e.getReason()))
        .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("attempt 2 of 3"));
  }

  @Test
  void restoreRemovesVolumesAboveItsReplicasSoAScaleUpBringsNoPreRestoreData() throws Exception {
    clusterWithBackupThenMoreWrites();
    setReplicas("hdb", 2);
    awaitRunning("hdb", 2);
    assertThat(user.persistentVolumeClaims().inNamespace(NS).withName("data-hdb-2").get())
        .as("whenScaled Retain keeps member 3's volume, with data written after the snapshot").isNotNull();
    fetch.release();

    createRestore("restore-8");

    awaitRestorePhase("restore-8", "Completed");
    assertThat(restoreOf("restore-8").getStatus().getRemovedVolumes()).containsExactly("data-hdb-2");
    assertThat(timeline.lines()).contains("pvc data-hdb-2 deleted");
    assertThat(timeline.linesStartingWith("pvc ")).as("only the volume above the replicas")
        .containsExactly("pvc data-hdb-2 deleted");
    awaitRunning("hdb", 2);
    setReplicas("hdb", 3);
    awaitRunning("hdb", 3);
    assertThat(sim.member(NS, "hdb-2")).hasValueSatisfying(member -> assertThat(member.points())
        .as("a new member, not the one from before the restore").doesNotContainAnyElementsOf(LATER_POINTS));
  }

  @Test
  void aRestoreOfAClusterWithAnInvalidSpecWaitsWithTheProblemsAndTouchesNothing() throws Exception {
    HyperbytedbCluster bad = Manifests.cluster("bad", 3);
    // the CRD admits it, the operator refuses it: the server would silently fall back to 60 s
    RetentionSpec retention = new RetentionSpec();
    retention.setInterval("0s");
    bad.getSpec().setRetention(retention);
    create(bad);
    user.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbRestore
        metadata: {name: restore-10, namespace: %s}
        spec: {clusterName: bad, backupName: snap}
        """.formatted(NS), HyperbytedbRestore.class)).create();

    eventually().untilAsserted(() -> assertThat(restoreCondition("restore-10", "Ready").getReason())
        .isEqualTo("ClusterSpecInvalid"));

    assertThat(restorePhase("restore-10")).isEqualTo("Pending");
    assertThat(restoreCondition("restore-10", "Ready").getMessage()).contains("spec.retention.interval");
    assertThat(cluster("bad").getMetadata().getAnnotations()).as("not held")
        .doesNotContainKey(OperatorPaths.RESTORE_HOLD_ANNOTATION);
    assertThat(restorePodNames("restore-10")).isEmpty();
  }

  private SimulatedRaftGroup clusterWithBackupThenMoreWrites() throws Exception {
    return clusterWithBackupThenMoreWrites("");
  }

  private Condition restoreCondition(String restore, String type) {
    HyperbytedbRestore found = restoreOf(restore);
    return found == null || found.getStatus() == null || found.getStatus().getConditions() == null ? new Condition()
        : found.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
            .orElse(new Condition());
  }

  private List<String> restorePodNames(String restore) {
    return user.pods().inNamespace(NS).withLabel(RestorePodRenderer.RESTORE_LABEL, restore).list().getItems()
        .stream().map(pod -> pod.getMetadata().getName()).sorted().toList();
  }

  /**
   * A Running 3-member cluster holding {@link #SNAPSHOT_POINTS}, a completed one-shot backup of it,
   * then {@link #LATER_POINTS} written; returns the Raft group before the restore. {@code extraSpec}
   * is added to the cluster's spec.
   */
  private SimulatedRaftGroup clusterWithBackupThenMoreWrites(String extraSpec) throws Exception {
    create(Manifests.cluster("hdb", 3, extraSpec));
    awaitRunning("hdb", 3);
    write("hdb-0", SNAPSHOT_POINTS);
    eventually().until(() -> members().stream().allMatch(m -> m.points().equals(SNAPSHOT_POINTS)));
    createBackup("snap");
    eventually().until(() -> "Completed".equals(backupPhase("snap")));
    write("hdb-0", LATER_POINTS);
    eventually().until(() -> members().stream().allMatch(m -> m.points().size() == 3));
    timeline = new RestoreTimeline(user, NS, "hdb");
    return sim.database(NS, "hdb").flatMap(db -> db.raft()).orElseThrow();
  }

  private void assertRestoredAndReformed(String restore, SimulatedRaftGroup before) {
    HyperbytedbRestoreStatus status = restoreOf(restore).getStatus();
    assertThat(status.getSnapshotPath()).isEqualTo(backupOf("snap").getStatus().getBackupPath());
    assertThat(status.getRestoredVolumes()).containsExactlyInAnyOrder("data-hdb-0", "data-hdb-1", "data-hdb-2");
    assertThat(status.getRestoredPVCs()).isEqualTo(3);

    // the data: every member volume holds the snapshot, nothing written after it
    assertThat(members()).hasSize(3).allSatisfy(m -> assertThat(m.points()).as(m.podName())
        .isEqualTo(SNAPSHOT_POINTS));
    // Raft: node 1 bootstrapped a new group, nodes 2 and 3 were added to it through add-node
    SimulatedRaftGroup after = sim.database(NS, "hdb").flatMap(db -> db.raft()).orElseThrow();
    assertThat(after).isNotSameAs(before);
    assertThat(after.voters()).containsExactly(1L, 2L, 3L);
    assertThat(events.withReason("hdb", "MemberAdded").stream().map(e -> e.message()).toList())
        .filteredOn(m -> m.contains("Added node 2") || m.contains("Added node 3")).hasSizeGreaterThanOrEqualTo(4);

    // the workflow, as watches saw it
    List<String> seen = timeline.lines();
    assertThat(timeline.linesStartingWith("restore " + restore + " ")).as(seen.toString())
        .containsSubsequence("restore " + restore + " Pending", "restore " + restore + " ScalingDown",
            "restore " + restore + " Restoring", "restore " + restore + " ScalingUp",
            "restore " + restore + " Completed")
        .allMatch(line -> List.of("Pending", "ScalingDown", "Restoring", "ScalingUp", "Completed")
            .contains(line.substring(line.lastIndexOf(' ') + 1)));
    assertThat(timeline.linesStartingWith("replicas ")).as(seen.toString())
        .containsExactly("replicas 3", "replicas 0", "replicas 3");
    assertThat(timeline.linesStartingWith("heldBy ")).as(seen.toString())
        .containsSubsequence("heldBy " + restore, "heldBy -");
    // never a member running on a half-restored cluster: no member pod from the hold until every volume is restored
    int held = timeline.first("replicas 0");
    int lastVolumeRestored = List.of(0, 1, 2).stream()
        .mapToInt(i -> timeline.first("restore-pod " + restore + "-restore-" + i + " Succeeded")).max().orElseThrow();
    int released = timeline.first("restore " + restore + " ScalingUp");
    assertThat(held).as(seen.toString()).isNotNegative();
    assertThat(lastVolumeRestored).as(seen.toString()).isGreaterThan(held);
    for (int i = held; i < Math.max(lastVolumeRestored, released); i++) {
      assertThat(seen.get(i)).as(seen.toString()).doesNotStartWith("member ");
    }
    assertThat(seen.subList(held, seen.size())).filteredOn(line -> line.startsWith("member "))
        .as("each member started once after the release").containsExactlyInAnyOrder("member hdb-0 started", "member hdb-1 started", "member hdb-2 started");
  }

  private List<SimulatedNode> members() {
    return List.of(0, 1, 2).stream().map(i -> sim.member(NS, "hdb-" + i)).flatMap(Optional::stream).toList();
  }

  private void createRestore(String name) {
    user.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbRestore
        metadata: {name: %s, namespace: %s}
        spec: {clusterName: hdb, backupName: snap}
        """.formatted(name, NS), HyperbytedbRestore.class)).create();
  }

  private HyperbytedbBackup backupOf(String name) {
    return user.resources(HyperbytedbBackup.class).inNamespace(NS).withName(name).get();
  }

  private HyperbytedbRestore restoreOf(String name) {
    return user.resources(HyperbytedbRestore.class).inNamespace(NS).withName(name).get();
  }

  private String backupPhase(String name) {
    HyperbytedbBackup backup = backupOf(name);
    return backup == null || backup.getStatus() == null ? null : backup.getStatus().getPhase();
  }

  private void awaitRestorePhase(String name, String phase) {
    eventually().untilAsserted(() -> assertThat(restorePhase(name)).as(describeRestore(name)).isEqualTo(phase));
  }

  private String describeRestore(String name) {
    HyperbytedbRestore restore = restoreOf(name);
    return restore == null ? "no restore" : Serialization.asYaml(restore.getStatus()) + "\ntimeline " + timeline.lines()
        + "\ncluster " + describe(status("hdb")) + ", voters " + voters("hdb") + ", members " + members().stream()
            .map(m -> m.podName() + " " + m.state() + " " + m.raftRole() + " " + m.points()).toList();
  }

  private String restorePhase(String name) {
    HyperbytedbRestore restore = restoreOf(name);
    return restore == null || restore.getStatus() == null ? null : restore.getStatus().getPhase();
  }
}
