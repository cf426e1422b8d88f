package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;

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

  /**
   * Whether the running members have not caught up with a scale across one replica: a lone member
   * still answers with a Raft role (it runs the cluster configuration it had before the others left),
   * or, with several members wanted, one answers without (it still runs standalone; standalone
   * servers do not mount the cluster routes). Either way member 0 has to restart as part of the scale.
   */
  public static boolean underway(ObservedCluster observed) {
    int target = observed.spec().effectiveReplicas();
    if (target <= 1) {
      return observed.statefulSetReplicas() <= 1
          && observed.facts(0).filter(MemberFacts::reachable).flatMap(MemberFacts::raftRole).isPresent();
    }
    // HTTP_ERROR: the 404 of an unmounted route, not a member that merely did not answer in time
    return observed.members().values().stream()
        .anyMatch(f -> f.reachable() && f.raftRole().isEmpty() && f.failure().filter(k -> k == CallFailure.HTTP_ERROR)
            .isPresent());
  }
}
