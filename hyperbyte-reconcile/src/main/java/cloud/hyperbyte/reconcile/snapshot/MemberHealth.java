package cloud.hyperbyte.reconcile.snapshot;

import java.util.Optional;

/**
 * The one notion of a healthy member, for the cluster status, backup sources, seed sources and the
 * end of a restore: the member <em>serves</em> when its pod is Ready and not being deleted, and its
 * database answers, passes {@code /health} and is Active. The facts come from the cluster
 * reconciler's probes ({@link SnapshotCollector}) or, for the backup and restore reconcilers, from
 * what it last recorded in status ({@link RecordedMemberFacts}).
 *
 * <p>Failover asks another question, whether a member is failing (a Syncing member is not), and
 * keeps its own test ({@code FailoverDecision.healthy}).
 */
public final class MemberHealth {

  private MemberHealth() {}

  /** Whether the member with this pod and these facts serves. */
  public static boolean serving(Optional<ObservedPod> pod, Optional<MemberFacts> facts) {
    boolean podReady = pod.filter(p -> p.ready() && !p.terminating()).isPresent();
    return podReady && facts.filter(f -> f.reachable() && f.healthy() && f.active()).isPresent();
  }

  /** Whether member {@code ordinal} of {@code observed} serves. */
  public static boolean serving(ObservedCluster observed, int ordinal) {
    return serving(observed.pod(ordinal), observed.facts(ordinal));
  }

  /** Serving and a voter of the Raft group its facts describe: a copy of the group's data. */
  public static boolean servingVoter(Optional<ObservedPod> pod, Optional<MemberFacts> facts) {
    return serving(pod, facts) && facts.filter(f -> f.raftRole().isPresent() && f.voters().contains(f.nodeId()))
        .isPresent();
  }
}
