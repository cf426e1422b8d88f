package cloud.hyperbyte.reconcile.decision;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

/**
 * The StatefulSet replicas and rolling-update partition a pass wants. The operator lays them over
 * the rendered StatefulSet before it is applied: render alone knows only the target replicas, while a
 * scale-down keeps a member until it left Raft and an upgrade moves the partition one member at a
 * time.
 */
public record StatefulSetShape(int replicas, int partition) {

  public StatefulSetShape {
    if (replicas < 0 || partition < 0) {
      throw new IllegalArgumentException("replicas and partition must be >= 0");
    }
  }

  /** A copy of {@code rendered} with these replicas, and this partition when it has a rolling update. */
  public StatefulSet applyTo(StatefulSet rendered) {
    StatefulSet shaped = new StatefulSetBuilder(rendered).editSpec().withReplicas(replicas).endSpec().build();
    var strategy = shaped.getSpec().getUpdateStrategy();
    if (strategy != null && strategy.getRollingUpdate() != null) {
      strategy.getRollingUpdate().setPartition(partition);
    }
    return shaped;
  }
}
