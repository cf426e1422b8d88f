package cloud.hyperbyte.reconcile.pod;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What backup, restore and seeding read from a pod: readiness, its StatefulSet ordinal, and why it
 * failed. Here rather than in the operator so that {@code hyperbyte plan} reads a listed pod as the
 * operator reads a cached one.
 */
public final class PodReadings {

  private static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private PodReadings() {}

  /** Running, not terminating, and Ready. */
  public static boolean runningAndReady(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
        || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The StatefulSet ordinal: the pod-index label, else the name's numeric suffix; -1 if neither. */
  public static int ordinal(Pod pod) {
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

  /** Why a pod failed: its status message and each container that exited non-zero, with its message. */
  public static String failureMessage(Pod pod) {
    List<String> parts = new ArrayList<>();
    if (pod.getStatus().getMessage() != null) {
      parts.add(pod.getStatus().getMessage());
    }
    for (ContainerStatus status : containerStatuses(pod)) {
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

  /** The statuses of the pod's init containers, then of its containers. */
  public static List<ContainerStatus> containerStatuses(Pod pod) {
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus() != null && pod.getStatus().getInitContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getContainerStatuses());
    }
    return statuses;
  }
}
