package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a status change someone acts on from progress alone. Acted on: a generation observed, a phase
 * past creation (Running, Scaling, Upgrading, Failed), a condition's status or reason, the versions,
 * the hashes, and the lifecycle's operation memory (failover count, upgrade, scale-down and seeding
 * progress). Progress: member details, replica counts, cluster and replication state, condition
 * messages, and while the cluster is created (Pending, Initializing) its phase and conditions.
 *
 * <p>Why progress may wait: users wait on phases and conditions ({@code kubectl wait}), the
 * lifecycle resumes from its operation memory, and both need the write at once; the counts and
 * member details of a cluster coming up change with every pod event and are only read by people.
 * The lifecycle's other memory, since when each member is unhealthy, is member detail: it reaches
 * status at most one pacing period late, which moves a failover deadline of minutes by seconds.
 */
final class StatusProgress {

  private static final Set<String> CREATION_PHASES = Set.of("Pending", "Initializing");

  private StatusProgress() {}

  /** Whether {@code derived} differs from {@code stored} only in progress. */
  static boolean only(HyperbytedbClusterStatus stored, HyperbytedbClusterStatus derived) {
    if (stored == null || stored.getPhase() == null) {
      // nothing written yet: a cluster still being created is news only once it is past creation
      return derived == null || derived.getPhase() == null || CREATION_PHASES.contains(derived.getPhase());
    }
    return StatusCopy.same(withoutProgress(stored), withoutProgress(derived));
  }

  private static HyperbytedbClusterStatus withoutProgress(HyperbytedbClusterStatus status) {
    HyperbytedbClusterStatus copy = StatusCopy.of(status);
    copy.setReplicas(null);
    copy.setReadyReplicas(null);
    copy.setClusterState(null);
    copy.setReplicationState(null);
    copy.setMembers(null);
    if (copy.getPhase() != null && CREATION_PHASES.contains(copy.getPhase())) {
      // while a cluster is created its conditions say how far it got; Running is the news
      copy.setPhase(null);
      copy.setConditions(null);
    }
    Optional.ofNullable(copy.getConditions()).orElse(List.of()).forEach(condition -> {
      condition.setMessage(null);
      condition.setLastTransitionTime(null);
    });
    return copy;
  }
}
