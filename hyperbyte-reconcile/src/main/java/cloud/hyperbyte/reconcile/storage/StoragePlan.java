package cloud.hyperbyte.reconcile.storage;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What volume growth wants in one pass: actions (after the lifecycle's), how the StatefulSet may be
 * applied, and notices for the conditions.
 *
 * @param actions PVC patches or the StatefulSet's orphan deletion, in order
 * @param statefulSet how the rendered StatefulSet is applied in this pass
 * @param liveClaimSize the size the live StatefulSet's data claim template has, kept while it cannot change
 * @param notices why growth waits, is refused, or what it does
 */
public record StoragePlan(List<Action> actions, StatefulSetWrite statefulSet, Optional<String> liveClaimSize,
    List<Notice> notices) {

  /** How the StatefulSet is written in a pass. */
  public enum StatefulSetWrite {
    /** As rendered. */
    AS_RENDERED,
    /** As rendered, but with the live data claim template size: the API server refuses a change. */
    KEEP_CLAIM_SIZE,
    /** Not at all: the old one is being deleted (orphaning its pods) and is re-created once gone. */
    SKIP
  }

  public StoragePlan {
    actions = List.copyOf(actions);
    Objects.requireNonNull(statefulSet, "statefulSet");
    Objects.requireNonNull(liveClaimSize, "liveClaimSize");
    notices = List.copyOf(notices);
    if (statefulSet == StatefulSetWrite.KEEP_CLAIM_SIZE && liveClaimSize.isEmpty()) {
      throw new IllegalArgumentException("KEEP_CLAIM_SIZE needs the live size");
    }
  }

  /** Nothing to do or hold. */
  public static StoragePlan none(List<Notice> notices) {
    return new StoragePlan(List.of(), StatefulSetWrite.AS_RENDERED, Optional.empty(), notices);
  }

  /**
   * The StatefulSet to apply in place of {@code shaped} (the rendered one with the lifecycle's shape);
   * empty when it must not be written in this pass.
   */
  public Optional<StatefulSet> adjust(StatefulSet shaped) {
    return switch (statefulSet) {
      case AS_RENDERED -> Optional.of(shaped);
      case SKIP -> Optional.empty();
      case KEEP_CLAIM_SIZE -> Optional.of(withClaimSize(shaped, liveClaimSize.orElseThrow()));
    };
  }

  /** {@code lifecycle} with this plan's actions after its own and its notices added. */
  public LifecyclePlan mergeInto(LifecyclePlan lifecycle) {
    if (actions.isEmpty() && notices.isEmpty()) {
      return lifecycle;
    }
    List<Action> allActions = new ArrayList<>(lifecycle.actions());
    allActions.addAll(actions);
    List<Notice> allNotices = new ArrayList<>(lifecycle.notices());
    allNotices.addAll(notices);
    return new LifecyclePlan(allActions, lifecycle.statefulSetShape(), lifecycle.memory(), allNotices,
        lifecycle.requeueAt());
  }

  private static StatefulSet withClaimSize(StatefulSet shaped, String size) {
    StatefulSet copy = new StatefulSetBuilder(shaped).build();
    List<PersistentVolumeClaim> templates = copy.getSpec().getVolumeClaimTemplates();
    if (templates != null) {
      for (PersistentVolumeClaim template : templates) {
        if (ClusterNames.DATA_VOLUME.equals(template.getMetadata().getName())
            && template.getSpec() != null && template.getSpec().getResources() != null
            && template.getSpec().getResources().getRequests() != null) {
          Map<String, Quantity> requests = new LinkedHashMap<>(template.getSpec().getResources().getRequests());
          requests.put("storage", new Quantity(size));
          template.getSpec().getResources().setRequests(requests);
        }
      }
    }
    return copy;
  }
}
