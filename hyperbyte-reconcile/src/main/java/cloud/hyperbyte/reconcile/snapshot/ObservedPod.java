package cloud.hyperbyte.reconcile.snapshot;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one database pod the decisions use.
 *
 * @param name pod name {@code <cluster>-<ordinal>}
 * @param uid pod UID, the precondition of a deletion
 * @param ordinal StatefulSet ordinal
 * @param phase Pending, Running, Succeeded, Failed or Unknown
 * @param ready the pod's Ready condition
 * @param revision the {@code controller-revision-hash} label: the template revision the pod runs
 * @param terminating a deletionTimestamp is set
 * @param podIp the pod IP, once assigned
 * @param inputs what the pod was started with, to name why it restarts
 */
public record ObservedPod(
    String name,
    String uid,
    int ordinal,
    String phase,
    boolean ready,
    Optional<String> revision,
    boolean terminating,
    Optional<String> podIp,
    TemplateInputs inputs) {

  /** Label the StatefulSet controller puts on each pod. */
  public static final String REVISION_LABEL = "controller-revision-hash";

  public ObservedPod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(podIp, "podIp");
    Objects.requireNonNull(inputs, "inputs");
  }

  /** A pod whose template inputs were not observed. */
  public ObservedPod(String name, String uid, int ordinal, String phase, boolean ready, Optional<String> revision,
      boolean terminating, Optional<String> podIp) {
    this(name, uid, ordinal, phase, ready, revision, terminating, podIp, TemplateInputs.UNKNOWN);
  }

  /** Reads {@code pod}, a member of the StatefulSet called {@code statefulSetName}. */
  public static ObservedPod from(Pod pod, String statefulSetName) {
    String name = pod.getMetadata().getName();
    String prefix = statefulSetName + "-";
    if (!name.startsWith(prefix)) {
      throw new IllegalArgumentException("pod " + name + " is not a member of StatefulSet " + statefulSetName);
    }
    int ordinal = Integer.parseInt(name.substring(prefix.length()));
    var status = pod.getStatus();
    boolean ready =
        status != null
            && status.getConditions() != null
            && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    var labels = pod.getMetadata().getLabels();
    return new ObservedPod(
        name,
        Optional.ofNullable(pod.getMetadata().getUid()).orElse(""),
        ordinal,
        status == null || status.getPhase() == null ? "Pending" : status.getPhase(),
        ready,
        Optional.ofNullable(labels == null ? null : labels.get(REVISION_LABEL)),
        pod.getMetadata().getDeletionTimestamp() != null,
        Optional.ofNullable(status == null ? null : status.getPodIP()).filter(ip -> !ip.isEmpty()),
        TemplateInputs.of(pod.getMetadata(), pod.getSpec()));
  }

  /** Whether the pod runs {@code revision}. */
  public boolean runs(String revision) {
    return this.revision.map(revision::equals).orElse(false);
  }
}
