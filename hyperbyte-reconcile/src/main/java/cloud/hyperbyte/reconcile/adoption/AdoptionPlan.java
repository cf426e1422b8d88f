package cloud.hyperbyte.reconcile.adoption;

import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.Notice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What adopting a Go operator's cluster needs in one pass.
 *
 * @param replaceStatefulSet the orphan deletion of a StatefulSet whose immutable fields differ; while
 *     present, the pass writes no StatefulSet and runs no lifecycle step (the new StatefulSet is
 *     created once the old one is gone, then the rolling upgrade restarts each member once)
 * @param removeFinalizer whether the Go operator's finalizer is on the cluster (nothing here runs it,
 *     so deletion would hang)
 * @param kept objects the Go operator made that this operator does not render and will not prune
 * @param withheld rendered objects not applied in this pass, so that the Go operator's object of the
 *     same name is pruned first and this operator's is created in the next pass (an apply over it
 *     would keep fields the Go operator owns, which can contradict the rendered ones)
 * @param replaceSecrets Secrets this pass writes whose live namesake has another (immutable) type: each
 *     is deleted right before it is written, before the StatefulSet is replaced
 * @param notices what is being done or waits, for the conditions
 */
public record AdoptionPlan(Optional<Action.OrphanStatefulSet> replaceStatefulSet, boolean removeFinalizer,
    Set<ObjectRef> kept, Set<ObjectRef> withheld, List<SecretReplacement> replaceSecrets, List<Notice> notices) {

  /** The Go operator's finalizer; this operator needs none (owner references delete everything it made). */
  public static final String GO_FINALIZER = "hyperbytedb.hyperbyte.cloud/finalizer";

  public AdoptionPlan {
    Objects.requireNonNull(replaceStatefulSet, "replaceStatefulSet");
    kept = Set.copyOf(kept);
    withheld = Set.copyOf(withheld);
    replaceSecrets = List.copyOf(replaceSecrets);
    notices = List.copyOf(notices);
  }

  /** Nothing to adopt. */
  public static AdoptionPlan none() {
    return new AdoptionPlan(Optional.empty(), false, Set.of(), Set.of(), List.of(), List.of());
  }

  /**
   * A Secret deleted right before this operator writes its own of the same name.
   *
   * @param name the Secret's name
   * @param staleUid the live Secret's UID (the deletion's precondition)
   * @param staleType the live Secret's type
   * @param type the type this operator writes
   */
  public record SecretReplacement(String name, String staleUid, String staleType, String type) {
    public SecretReplacement {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(staleUid, "staleUid");
      Objects.requireNonNull(staleType, "staleType");
      Objects.requireNonNull(type, "type");
    }
  }

  /** The UID of the live Secret to delete before {@code secret} is written, if it must be. */
  public Optional<String> staleSecret(HasMetadata secret) {
    return replaceSecrets.stream().filter(r -> r.name().equals(secret.getMetadata().getName()))
        .map(SecretReplacement::staleUid).findFirst();
  }

  /**
   * {@code lifecycle} as this plan changes it: while the StatefulSet is replaced, only its orphan
   * deletion, with the memory of the last status (no operation starts on a StatefulSet about to go);
   * otherwise the lifecycle's plan with this plan's notices added.
   */
  public LifecyclePlan mergeInto(LifecyclePlan lifecycle, LifecycleMemory previous) {
    List<Notice> allNotices = new ArrayList<>(lifecycle.notices());
    allNotices.addAll(notices);
    if (replaceStatefulSet.isPresent() && lifecycle.writesWorkloads()) {
      return new LifecyclePlan(List.of(replaceStatefulSet.get()), lifecycle.statefulSetShape(), previous, notices,
          Optional.empty());
    }
    return new LifecyclePlan(lifecycle.actions(), lifecycle.statefulSetShape(), lifecycle.memory(), allNotices,
        lifecycle.requeueAt());
  }

  /** Whether {@code rendered} is applied in this pass. */
  public boolean applies(HasMetadata rendered) {
    return !withheld.contains(ObjectRef.of(rendered));
  }

  /** Whether the StatefulSet may be written in this pass. */
  public boolean writesStatefulSet() {
    return replaceStatefulSet.isEmpty();
  }

  /** {@code owned} without the objects this plan keeps, for pruning. */
  public List<HasMetadata> prunable(List<HasMetadata> owned) {
    return owned.stream().filter(object -> !kept.contains(ObjectRef.of(object))).toList();
  }
}
