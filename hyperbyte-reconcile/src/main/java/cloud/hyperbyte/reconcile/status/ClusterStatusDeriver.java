package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.RollingUpgradeDecision;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.render.topology.ClusterLabels;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * Derives the whole {@code HyperbytedbCluster} status of one pass. Write it only when every action of
 * the plan succeeded: the status carries the operation progress the next pass builds on.
 */
public final class ClusterStatusDeriver {

  private final Clock clock;

  public ClusterStatusDeriver(Clock clock) {
    this.clock = clock;
  }

  /**
   * Running names the version every member runs: while the members are not all confirmed at the
   * spec's version (a member still coming back, e.g. on a lost volume, after the last restart), the
   * status keeps the old version and says Upgrading rather than Running at a version some member no
   * longer runs.
   */
  static String phase(String phase, String currentVersion, String specVersion) {
    return "Running".equals(phase) && currentVersion != null && !currentVersion.equals(specVersion)
        ? "Upgrading" : phase;
  }

  public HyperbytedbClusterStatus derive(ObservedCluster observed, LifecyclePlan plan) {
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    String clusterState = ClusterHealth.clusterState(observed, plan);
    status.setObservedGeneration(observed.generation());

    status.setReplicas((int) observed.pods().stream().filter(p -> !p.terminating()).count());
    status.setReadyReplicas((int) observed.pods().stream().filter(p -> p.ready() && !p.terminating()).count());
    status.setSelector(ClusterLabels.selector(observed.spec()).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
    status.setTargetVersion(observed.spec().version());
    boolean rolledOut = plan.memory().upgrade().isEmpty() && RollingUpgradeDecision.stale(observed).isEmpty()
        && !observed.podTemplatePending() && !ClusterPhase.upgradeAwaitsController(observed)
        && !observed.pods().isEmpty() && observed.pods().stream().allMatch(ObservedPod::ready);
    String version = rolledOut ? observed.spec().version() : observed.lastStatus().getCurrentVersion();
    status.setCurrentVersion(version);
    status.setPhase(phase(ClusterPhase.of(observed, plan), version, observed.spec().version()));
    status.setClusterState(clusterState);
    status.setReplicationState(ClusterHealth.replicationState(observed));
    status.setMembers(MemberStatuses.of(observed, plan.memory()));
    status.setFailoverCount(plan.memory().failoverCount());
    status.setConfigHash(observed.rendered().configHash());
    status.setCertificateHash(observed.lastStatus().getCertificateHash());
    observed.spec().heldBy().ifPresent(status::setHeldBy);
    status.setRollingUpgrade(plan.memory().upgradeStatus());
    status.setScaleDown(plan.memory().scaleDownStatus());
    status.setConditions(ClusterConditions.of(observed, plan, clusterState, clock.instant()));
    return status;
  }
}
