package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;

/**
 * Which spec to render while the member count crosses one. The rendered configuration turns cluster
 * mode off when the spec asks for one replica, but the members above the first leave one at a time
 * (drain, remove from Raft, shrink). Rendering standalone configuration before they are gone would
 * roll members of a live cluster into standalone servers that no leader can reach. So while the
 * StatefulSet still has more than one replica, the spec is rendered with that many, which keeps
 * cluster mode on; the lifecycle still decides with the user's spec, and the StatefulSet's replica
 * count comes from the lifecycle's shape, not from this copy.
 */
public final class ClusterModeTransition {

  private ClusterModeTransition() {}

  /**
   * @param spec the user's validated spec
   * @param liveStatefulSetReplicas replicas of the live StatefulSet, 0 when there is none
   */
  public static ClusterSpec specToRender(ClusterSpec spec, int liveStatefulSetReplicas) {
    if (spec.clusterMode() || liveStatefulSetReplicas <= 1 || spec.heldBy().isPresent()) {
      return spec;
    }
    return ImmutableClusterSpec.copyOf(spec).withReplicas(liveStatefulSetReplicas);
  }
}
