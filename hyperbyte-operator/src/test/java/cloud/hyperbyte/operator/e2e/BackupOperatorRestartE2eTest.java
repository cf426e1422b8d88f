package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus;
import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the operator process is stopped while a backup pod runs, and a new instance with the same
 * wiring starts (not a Lease move: no other instance was waiting). The attempt runs in its own pod, so
 * the new instance adopts that pod's result: one upload, one snapshot in the bucket, and a status
 * that says so, as if nothing had happened.
 */
class BackupOperatorRestartE2eTest extends BackupE2eTest {

  private static final List<String> POINTS = List.of("cpu,host=a value=1", "cpu,host=b value=2");

  /** The backup pod's upload step (the operator image's real command line), held until released. */
  private final HeldProgram upload = new HeldProgram(new OperatorImageProgram());

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder.containerProgram(OPERATOR_IMAGE::equals, new SeedRouting(new OperatorImageProgram(), upload, () -> user));
  }

  @Override
  OperatorProcess startOperator() throws Exception {
    return OperatorProcess.startWithBackups(sim, OPERATOR_IMAGE, OperatorProcess.DEFAULT_RESYNC);
  }

  @AfterEach
  void releaseUploads() {
    upload.release();
  }

  @Test
  void anOperatorStoppedWhileTheBackupPodRunsIsSucceededByOneThatAdoptsThePodsResultAndUploadsNothingTwice()
      throws Exception {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    write("hdb-0", POINTS);
    eventually().until(() -> sim.member(NS, "hdb-1").orElseThrow().points().size() == POINTS.size());
    createBackup("snap");
    eventually().until(() -> upload.waiting() == 1);
    assertThat(backupStatus("snap").getPhase()).isEqualTo("Running");

    operator.kill();
    operator = startOperator();
    upload.release();

    eventually().until(() -> "Completed".equals(backupStatus("snap").getPhase()));
    HyperbytedbBackupStatus done = backupStatus("snap");
    assertThat(upload.runs()).as("the new operator created no second backup pod").isEqualTo(1);
    assertThat(done.getAttempts()).isEqualTo(1);
    Map<String, byte[]> objects = s3.objects(BUCKET);
    String tarKey = objects.keySet().stream().filter(key -> key.endsWith("/backup.tar")).findFirst().orElseThrow();
    String snapshot = tarKey.substring(0, tarKey.lastIndexOf('/'));
    assertThat(objects.keySet()).as("one snapshot").containsExactlyInAnyOrder(tarKey, snapshot + "/manifest.json");
    assertThat(new String(objects.get(snapshot + "/manifest.json"), java.nio.charset.StandardCharsets.UTF_8))
        .as("the manifest was rewritten as complete").contains("\"complete\"").doesNotContain("\"uploading\"");
    assertThat(done.getBackupPath()).contains(snapshot);
    assertThat(done.getBackupSizeBytes()).isEqualTo(objects.get(tarKey).length);
    assertThat(done.getCompletionTime()).isNotNull();
    assertThat(done.getHistory()).singleElement().satisfies(run -> {
      assertThat(run.getPhase()).isEqualTo("Completed");
      assertThat(run.getBackupPath()).isEqualTo(done.getBackupPath());
    });
    assertThat(done.getSourcePod()).startsWith("hdb-");
    eventually().until(() -> backupPods("snap").isEmpty());
  }

  private List<Pod> backupPods(String backup) {
    return user.pods().inNamespace(NS).withLabel(BackupPodRenderer.BACKUP_LABEL, backup).list().getItems();
  }

  private HyperbytedbBackupStatus backupStatus(String backup) {
    HyperbytedbBackup found = user.resources(HyperbytedbBackup.class).inNamespace(NS).withName(backup).get();
    return found == null || found.getStatus() == null ? new HyperbytedbBackupStatus() : found.getStatus();
  }
}
