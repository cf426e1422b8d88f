package cloud.hyperbyte.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import cloud.hyperbyte.reconcile.restore.RestoreObservation.PodView;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a restore pod reads to the restore decision: failures the fetch step calls transient, times, deletion. */
class PodStatesTest {

  private static Pod fetchEnded(int exitCode, String message) {
    return new PodBuilder()
        .withNewMetadata().withName("r1-restore-0").withCreationTimestamp("2026-03-10T12:00:00Z").endMetadata()
        .withNewStatus().withPhase("Failed")
        .addNewInitContainerStatus().withName(RestorePodRenderer.FETCH_CONTAINER)
        .withNewState().withNewTerminated().withExitCode(exitCode).withMessage(message)
        .withFinishedAt("2026-03-10T12:01:30Z").endTerminated().endState()
        .endInitContainerStatus().endStatus()
        .build();
  }

  @Test
  void aFetchThatExitsTransientIsATransientFailureWithItsTimes() {
    PodView view = PodStates.restorePod(fetchEnded(RestoreFetchArgs.EXIT_TRANSIENT, "restore-fetch: 503 Slow Down"));

    assertThat(view.phase()).isEqualTo(PodView.Phase.FAILED);
    assertThat(view.transientFailure()).isTrue();
    assertThat(view.message()).contains("exited with 75: restore-fetch: 503 Slow Down");
    assertThat(view.createdAt()).contains(Instant.parse("2026-03-10T12:00:00Z"));
    assertThat(view.finishedAt()).contains(Instant.parse("2026-03-10T12:01:30Z"));
    assertThat(view.terminating()).isFalse();
  }

  @Test
  void anyOtherFetchFailureIsFinal() {
    assertThat(PodStates.restorePod(fetchEnded(RestoreFetchArgs.EXIT_FAILED, "sha256 mismatch")).transientFailure())
        .isFalse();
    assertThat(PodStates.restorePod(fetchEnded(RestoreFetchArgs.EXIT_USAGE, "--snapshot is required"))
        .transientFailure()).isFalse();
  }

  @Test
  void anEvictedPodIsATransientFailure() {
    Pod pod = new PodBuilder().withNewMetadata().withName("r1-restore-1").endMetadata()
        .withNewStatus().withPhase("Failed").withReason("Evicted")
        .withMessage("The node was low on resource: ephemeral-storage.").endStatus().build();

    assertThat(PodStates.restorePod(pod).transientFailure()).isTrue();
  }

  @Test
  void aRunningPodBeingDeletedIsUnfinishedAndTerminating() {
    Pod pod = new PodBuilder().withNewMetadata().withName("r1-restore-1")
        .withDeletionTimestamp("2026-03-10T12:05:00Z").endMetadata()
        .withNewStatus().withPhase("Running").endStatus().build();

    PodView view = PodStates.restorePod(pod);

    assertThat(view.unfinished()).isTrue();
    assertThat(view.terminating()).isTrue();
  }
}
