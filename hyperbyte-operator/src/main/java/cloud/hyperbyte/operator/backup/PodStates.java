package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.pod.PodReadings;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import cloud.hyperbyte.reconcile.restore.RestoreObservation;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** What backup and restore read from pods: how a run-to-completion pod is doing ({@link PodReadings} has readiness and ordinal). */
public final class PodStates {

  private PodStates() {}

  /**
   * A restore pod's phase, when it was created and finished, whether it is being deleted, and, when
   * it failed, the reason its containers give and whether another attempt may succeed: the fetch
   * step called its failure transient, or the node evicted the pod.
   */
  static RestoreObservation.PodView restorePod(Pod pod) {
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
    RestoreObservation.PodView.Phase mapped = switch (phase.toLowerCase(Locale.ROOT)) {
      case "running" -> RestoreObservation.PodView.Phase.RUNNING;
      case "succeeded" -> RestoreObservation.PodView.Phase.SUCCEEDED;
      case "failed" -> RestoreObservation.PodView.Phase.FAILED;
      default -> RestoreObservation.PodView.Phase.PENDING;
    };
    boolean failed = mapped == RestoreObservation.PodView.Phase.FAILED;
    return new RestoreObservation.PodView(mapped, failed ? PodReadings.failureMessage(pod) : "",
        failed && (fetchExitCode(pod).filter(code -> code == RestoreFetchArgs.EXIT_TRANSIENT).isPresent()
            || "Evicted".equals(pod.getStatus().getReason())),
        instant(pod.getMetadata().getCreationTimestamp()), finishedAt(pod),
        pod.getMetadata().getDeletionTimestamp() != null);
  }

  /** The exit code of the restore pod's fetch step, once it ended. */
  private static Optional<Integer> fetchExitCode(Pod pod) {
    return containerStatuses(pod).stream()
        .filter(status -> RestorePodRenderer.FETCH_CONTAINER.equals(status.getName()))
        .map(status -> status.getState() == null ? null : status.getState().getTerminated())
        .filter(terminated -> terminated != null && terminated.getExitCode() != null)
        .map(ContainerStateTerminated::getExitCode)
        .findFirst();
  }

  /** When the last of the pod's containers ended. */
  static Optional<Instant> finishedAt(Pod pod) {
    return containerStatuses(pod).stream()
        .map(status -> status.getState() == null ? null : status.getState().getTerminated())
        .filter(Objects::nonNull)
        .map(terminated -> instant(terminated.getFinishedAt()))
        .flatMap(Optional::stream)
        .max(Instant::compareTo);
  }

  /** The statuses of the pod's init containers, then of its containers. */
  static List<ContainerStatus> containerStatuses(Pod pod) {
    return PodReadings.containerStatuses(pod);
  }

  /** An API timestamp, or empty when absent or unreadable. */
  static Optional<Instant> instant(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(timestamp));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

}
