package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.MemberHealth;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code clusterState} and {@code replicationState} of a snapshot. */
public final class ClusterHealth {

  /** WAL sequences further apart than this are reported as Lagging: the server's own catch-up threshold. */
  public static final long LAG_THRESHOLD = 10_000;

  private ClusterHealth() {}

  /** Healthy, Degraded, Recovering, Unavailable or Unknown. */
  public static String clusterState(ObservedCluster observed, LifecyclePlan plan) {
    int target = observed.spec().effectiveReplicas();
    if (observed.statefulSet().isEmpty() || observed.pods().isEmpty()) {
      return "Unknown";
    }
    if (observed.members().isEmpty()) {
      return "Unknown";
    }
    boolean clusterMode = observed.spec().clusterMode() || observed.statefulSetReplicas() > 1;
    if (clusterMode && observed.leader().isEmpty()) {
      return "Unavailable";
    }
    if (!clusterMode && !servingMember(observed, 0)) {
      return "Unavailable";
    }
    boolean allServing = true;
    for (int ordinal = 0; ordinal < target; ordinal++) {
      allServing &= servingMember(observed, ordinal);
    }
    if (allServing && (!clusterMode || observed.voters().map(v -> v.equals(observed.topology().expectedVoters()))
        .orElse(false))) {
      return "Healthy";
    }
    boolean recovering = plan.memory().upgrade().flatMap(u -> u.step()).isPresent()
        || plan.memory().scaleDown().isPresent()
        || observed.pods().stream().anyMatch(ObservedPod::terminating)
        || observed.statefulSetReplicas() != target;
    return recovering ? "Recovering" : "Degraded";
  }

  /** Healthy, Lagging or Unknown, from the members' WAL sequences. */
  public static String replicationState(ObservedCluster observed) {
    List<Long> sequences = observed.members().values().stream()
        .filter(MemberFacts::reachable)
        .map(MemberFacts::walSequence)
        .filter(OptionalLong::isPresent)
        .map(OptionalLong::getAsLong)
        .toList();
    if (sequences.size() < 2) {
      return "Unknown";
    }
    long spread = sequences.stream().mapToLong(Long::longValue).max().getAsLong()
        - sequences.stream().mapToLong(Long::longValue).min().getAsLong();
    return spread > LAG_THRESHOLD ? "Lagging" : "Healthy";
  }

  /** Pod Ready and database reachable, Active and passing {@code /health} ({@link MemberHealth#serving}). */
  static boolean servingMember(ObservedCluster observed, int ordinal) {
    return MemberHealth.serving(observed, ordinal);
  }

  /**
   * Whether Raft formed: one leader counts every member that should stay (nodes 1..min(running,
   * desired)) as voter; members still being removed may remain voters. A single member needs only to
   * serve.
   */
  static boolean formed(ObservedCluster observed) {
    if (!observed.spec().clusterMode() && observed.statefulSetReplicas() <= 1) {
      return servingMember(observed, 0);
    }
    int staying = Math.min(observed.statefulSetReplicas(), observed.spec().effectiveReplicas());
    Set<Long> expected = observed.topology().expectedVoters().stream().filter(v -> v <= staying)
        .collect(Collectors.toSet());
    return observed.voters().map(v -> v.containsAll(expected)).orElse(false);
  }
}
