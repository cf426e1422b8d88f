package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the kubelet would report for a simulated pod: Running with an IP, and the Ready conditions. */
final class SimulatedPods {

  private SimulatedPods() {}

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean isRunning(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getPodIP() != null;
  }

  /** The controller owner reference the real controllers put on what they create. */
  static OwnerReference controlledBy(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
    return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
        .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && Objects.equals(r.getUid(), owner.getMetadata().getUid()));
  }

  /** A Running status with {@code podIp} (a fresh one), ready or not. */
  static PodStatus running(Pod pod, boolean ready, String podIp) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new PodStatusBuilder().withPhase("Running").withPodIP(podIp)
        .withHostIP("192.168.0.1").withStartTime(now).withConditions(conditions(ready, now))
        .withContainerStatuses(containerStatuses(pod, ready)).build();
  }

  /** {@code status} with the readiness changed, or the same object when it already says so. */
  static PodStatus withReadiness(Pod pod, boolean ready) {
    if (isReady(pod) == ready) {
      return pod.getStatus();
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new PodStatusBuilder(pod.getStatus()).withConditions(conditions(ready, now))
        .withContainerStatuses(containerStatuses(pod, ready)).build();
  }

  /** Whether every container of the pod reports a terminated state. */
  static boolean hasTerminated(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
        && !pod.getStatus().getContainerStatuses().isEmpty()
        && pod.getStatus().getContainerStatuses().stream()
            .allMatch(c -> c.getState() != null && c.getState().getTerminated() != null);
  }

  /** {@code status} after the kubelet stopped the containers of a Terminating pod: not ready, each terminated. */
  static PodStatus terminated(Pod pod) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
      pod.getSpec().getContainers().forEach(c -> statuses.add(new ContainerStatusBuilder().withName(c.getName())
          .withImage(c.getImage()).withReady(false).withStarted(false).withRestartCount(0)
          .withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withFinishedAt(now)
          .endTerminated().endState().build()));
    }
    return new PodStatusBuilder(pod.getStatus() == null ? new PodStatus() : pod.getStatus())
        .withConditions(conditions(false, now)).withContainerStatuses(statuses).build();
  }

  private static List<PodCondition> conditions(boolean ready, String now) {
    String r = ready ? "True" : "False";
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodScheduled", "True", now));
    conditions.add(condition("Initialized", "True", now));
    conditions.add(condition("ContainersReady", r, now));
    conditions.add(condition("Ready", r, now));
    return conditions;
  }

  private static PodCondition condition(String type, String status, String now) {
    return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(now).build();
  }

  private static List<ContainerStatus> containerStatuses(Pod pod, boolean ready) {
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
      pod.getSpec().getContainers().forEach(c -> statuses.add(new ContainerStatusBuilder().withName(c.getName())
          .withImage(c.getImage()).withReady(ready).withStarted(true).withRestartCount(0)
          .withNewState().withNewRunning().endRunning().endState().build()));
    }
    return statuses;
  }
}
