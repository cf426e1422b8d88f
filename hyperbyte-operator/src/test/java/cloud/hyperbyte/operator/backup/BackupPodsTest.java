package cloud.hyperbyte.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.reconcile.backup.BackupUploadResult;
import cloud.hyperbyte.reconcile.backup.RunReport;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator reads from a backup pod: nothing while it runs, then the attempt's outcome. */
class BackupPodsTest {

  private static final String RUN = "2026-03-10T02:00:00Z#1";
  private static final Instant CREATED = Instant.parse("2026-03-10T02:00:01Z");
  private static final Duration DEADLINE = Duration.ofHours(6);
  private static final Instant NOW = CREATED.plusSeconds(60);

  private static Pod pod(String phase, String reason, List<ContainerStatus> init, List<ContainerStatus> main) {
    return new PodBuilder().withNewMetadata().withName("nightly-1773108000-1")
        .withAnnotations(Map.of(BackupPodRenderer.RUN_ID_ANNOTATION, RUN)).withCreationTimestamp(CREATED.toString())
        .endMetadata().withNewSpec().withActiveDeadlineSeconds(DEADLINE.toSeconds()).endSpec()
        .withNewStatus().withPhase(phase).withReason(reason).withInitContainerStatuses(init)
        .withContainerStatuses(main).endStatus().build();
  }

  private static ContainerStatus ended(String name, int exit, String message) {
    return new ContainerStatusBuilder().withName(name).withNewState().withNewTerminated().withExitCode(exit)
        .withMessage(message).withFinishedAt("2026-03-10T02:03:00Z").endTerminated().endState().build();
  }

  private static ContainerStatus waiting(String name, String reason, String message) {
    return new ContainerStatusBuilder().withName(name).withNewState().withNewWaiting().withReason(reason)
        .withMessage(message).endWaiting().endState().build();
  }

  @Test
  void aRunningPodHasNoOutcomeYet() {
    assertThat(BackupPods.report(pod("Running", null, List.of(ended("snapshot", 0, null)), List.of()), NOW, DEADLINE))
        .isEmpty();
    assertThat(BackupPods.runId(pod("Running", null, List.of(), List.of()))).contains(RUN);
  }

  @Test
  void aSucceededPodReportsWhatItsUploadStepWrote() {
    RunReport uploaded = RunReport.succeeded(RUN, NOW, new RunReport.Snapshot(
        new SnapshotLocation("backups", "hb/prod/db/20260310T020000Z/"), 42, "ab".repeat(32), "db-1"), Optional.empty());

    Optional<RunReport> report = BackupPods.report(pod("Succeeded", null, List.of(ended("snapshot", 0, null)),
        List.of(ended("upload", 0, BackupUploadResult.toJson(uploaded)))), NOW, DEADLINE);

    assertThat(report).contains(uploaded);
  }

  @Test
  void aFailedSnapshotStepIsATransientServerBackupFailureWithTheServersWords() {
    RunReport.Failure failure = BackupPods.report(pod("Failed", null,
            List.of(ended("snapshot", 1, "Error: backup failed: chdb/store/part_1: No such file or directory")),
            List.of(waiting("upload", "PodInitializing", null))), NOW, DEADLINE)
        .orElseThrow().failure().orElseThrow();

    assertThat(failure.reason()).isEqualTo("ServerBackupFailed");
    assertThat(failure.transientFailure()).isTrue();
    assertThat(failure.message()).contains("exited with 1", "No such file or directory");
  }

  @Test
  void aPodPastItsDeadlineOrEvictedIsTransient() {
    assertThat(BackupPods.report(pod("Failed", "DeadlineExceeded", List.of(), List.of()), NOW, DEADLINE)
        .orElseThrow().failure().orElseThrow()).satisfies(f -> {
          assertThat(f.reason()).isEqualTo("DeadlineExceeded");
          assertThat(f.transientFailure()).isTrue();
        });
    assertThat(BackupPods.report(pod("Failed", "Evicted", List.of(), List.of()), NOW, DEADLINE)
        .orElseThrow().failure().orElseThrow().reason()).isEqualTo("Evicted");
  }

  @Test
  void aMissingCredentialsSecretIsFinalAndNamesTheSetting() {
    RunReport.Failure failure = BackupPods.report(pod("Pending", null, List.of(ended("snapshot", 0, null)),
            List.of(waiting("upload", "CreateContainerConfigError", "secret \"s3-creds\" not found"))), NOW, DEADLINE)
        .orElseThrow().failure().orElseThrow();

    assertThat(failure.reason()).isEqualTo("CredentialsNotFound");
    assertThat(failure.transientFailure()).isFalse();
    assertThat(failure.message()).contains("s3-creds", "credentialsSecretName");
  }

  @Test
  void aPodPendingPastTheDeadlineIsGivenUpAsTransient() {
    Pod pending = pod("Pending", null, List.of(), List.of());

    assertThat(BackupPods.report(pending, CREATED.plus(DEADLINE).minusSeconds(1), DEADLINE)).isEmpty();
    RunReport.Failure failure = BackupPods.report(pending, CREATED.plus(DEADLINE), DEADLINE)
        .orElseThrow().failure().orElseThrow();
    assertThat(failure.reason()).isEqualTo("PodNotStarted");
    assertThat(failure.transientFailure()).isTrue();
    assertThat(BackupPods.startGivenUpAt(pending, DEADLINE)).contains(CREATED.plus(DEADLINE));
  }

  @Test
  void aSucceededPodWithoutAReportIsATransientFailure() {
    assertThat(BackupPods.report(pod("Succeeded", null, List.of(), List.of(ended("upload", 0, null))), NOW, DEADLINE)
        .orElseThrow().failure().orElseThrow().reason()).isEqualTo("UploadResultMissing");
  }
}
