package cloud.hyperbyte.reconcile.decision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one reconcile pass: actions to carry out in order, the StatefulSet shape to lay
 * over the rendered StatefulSet (empty: leave workloads untouched, as while paused), the memory for
 * status, notices for conditions, and when to look again at the latest (empty: only on events).
 */
public record LifecyclePlan(
    List<Action> actions,
    Optional<StatefulSetShape> statefulSetShape,
    LifecycleMemory memory,
    List<Notice> notices,
    Optional<Instant> requeueAt) {

  public LifecyclePlan {
    actions = List.copyOf(actions);
    Objects.requireNonNull(statefulSetShape, "statefulSetShape");
    Objects.requireNonNull(memory, "memory");
    notices = List.copyOf(notices);
    Objects.requireNonNull(requeueAt, "requeueAt");
  }

  /** Whether the operator may write workloads (apply the StatefulSet and the rest) in this pass. */
  public boolean writesWorkloads() {
    return statefulSetShape.isPresent();
  }

  /** The notices of one severity. */
  public List<Notice> notices(Notice.Severity severity) {
    return notices.stream().filter(n -> n.severity() == severity).toList();
  }
}
