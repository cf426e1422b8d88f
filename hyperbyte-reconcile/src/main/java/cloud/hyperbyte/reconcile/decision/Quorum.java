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

  /**
   * Whether taking {@code ordinal}'s member down on purpose keeps the Raft majority: the voters that
   * still answer Raft once it is down must be a majority of the voter set, which still counts it (a
   * restart does not remove it from Raft). Two voters therefore never allow a restart while the spec
   * asks for more members: the scale-up adds the next voter first; nor while it asks for fewer: the
   * scale-down removes one first. Only a voter set that is exactly the members the spec asks for and
   * too small for any restart to keep a majority (one or two voters) rolls anyway, with every other
   * voter up, since it could otherwise never be upgraded.
   * A member that is no voter, or no leader reporting a voter set (standalone), takes no vote down.
   */
  static boolean survivesRestart(ObservedCluster observed, int ordinal) {
    long nodeId = ordinal + 1L;
    Set<Long> voters = observed.voters().orElse(Set.of());
    if (!voters.contains(nodeId)) {
      return true;
    }
    long stayingUp = voters.stream().filter(v -> v != nodeId && raftUp(observed, v)).count();
    if (stayingUp >= majority(voters.size())) {
      return true;
    }
    boolean tooSmallForAnyRestart = voters.size() - 1 < majority(voters.size());
    // exactly the spec's size: with more voters than the spec asks for, the scale-down removes one first
    // (campaign seed 3040: 3 -> 1 with an upgrade, two voters left, one restarted)
    boolean complete = voters.size() == observed.spec().effectiveReplicas();
    return tooSmallForAnyRestart && complete && stayingUp == voters.size() - 1;
  }

  /** How many of {@code voters} answer Raft. */
  static long raftUpCount(ObservedCluster observed, Set<Long> voters) {
    return voters.stream().filter(v -> raftUp(observed, v)).count();
  }
}
