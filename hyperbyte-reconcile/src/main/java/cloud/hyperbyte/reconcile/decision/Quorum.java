package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.render.topology.MemberTopology;
import java.util.Set;

/** Raft majority arithmetic over the leader's voter set. */
final class Quorum {

  private Quorum() {}

  /** Votes needed among {@code voters} members. */
  static int majority(int voters) {
    return voters / 2 + 1;
  }

  /** A voter that answers Raft: its pod is reachable and reports a Raft role. */
  static boolean raftUp(ObservedCluster observed, long nodeId) {
    return observed.facts(MemberTopology.ordinal(nodeId))
        .filter(MemberFacts::reachable)
        .filter(f -> f.raftRole().isPresent())
        .isPresent();
  }

  /** A voter that serves traffic: reachable and Active with a passing {@code /health}. */
  static boolean healthy(ObservedCluster observed, long nodeId) {
    return observed.facts(MemberTopology.ordinal(nodeId))
        .filter(MemberFacts::reachable)
        .filter(f -> f.healthy() && f.active())
        .isPresent();
  }

  /** How many of {@code voters} answer Raft. */
  static long raftUpCount(ObservedCluster observed, Set<Long> voters) {
    return voters.stream().filter(v -> raftUp(observed, v)).count();
  }
}
