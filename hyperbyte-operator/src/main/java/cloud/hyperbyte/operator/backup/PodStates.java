package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.restore.RestoreObservation;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What backup and restore read from pods: readiness, ordinal, and how a restore pod is doing. */
final class PodStates {

  private static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private PodStates() {}

  /** Running, not terminating, and Ready. */
  static boolean runningAndReady(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
        || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The StatefulSet ordinal: the pod-index label, else the name's numeric suffix; -1 if neither. */
  static int ordinal(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String value = labels == null ? null : labels.get(POD_INDEX_LABEL);
    if (value == null) {
      String name = pod.getMetadata().getName();
      value = name.substring(name.lastIndexOf('-') + 1);
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A restore pod's phase and, when it failed, the reason its containers give. */
  static RestoreObservation.PodView restorePod(Pod pod) {
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
    RestoreObservation.PodView.Phase mapped = switch (phase.toLowerCase(Locale.ROOT)) {
      case "running" -> RestoreObservation.PodView.Phase.RUNNING;
      case "succeeded" -> RestoreObservation.PodView.Phase.SUCCEEDED;
      case "failed" -> RestoreObservation.PodView.Phase.FAILED;
      default -> RestoreObservation.PodView.Phase.PENDING;
    };
    return new RestoreObservation.PodView(mapped, mapped == RestoreObservation.PodView.Phase.FAILED
        ? failureMessage(pod) : "");
  }

  private static String failureMessage(Pod pod) {
    List<String> parts = new ArrayList<>();
    if (pod.getStatus().getMessage() != null) {
      parts.add(pod.getStatus().getMessage());
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getContainerStatuses());
    }
    for (ContainerStatus status : statuses) {
      ContainerStateTerminated terminated = status.getState() == null ? null : status.getState().getTerminated();
      if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
        String why = terminated.getMessage() != null ? terminated.getMessage().strip()
            : terminated.getReason() != null ? terminated.getReason() : "";
        parts.add("container " + status.getName() + " exited with " + terminated.getExitCode()
            + (why.isEmpty() ? "" : ": " + why));
      }
    }
    return String.join("; ", parts);
  }
}
