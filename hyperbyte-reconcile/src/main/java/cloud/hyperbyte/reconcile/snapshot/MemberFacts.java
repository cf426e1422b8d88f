package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What one member's database told the operator in this pass. Absent values mean the member did not
 * answer that question (unreachable, not in cluster mode, or the call failed); {@link #problem()} says
 * why.
 */
@Value.Immutable
public interface MemberFacts {

  int ordinal();

  long nodeId();

  /** {@code /ping} answered. */
  boolean reachable();

  /** Why a call failed, e.g. "UNREACHABLE: connection refused". */
  Optional<String> problem();

  /** Kind of the first failed call, if any. */
  Optional<CallFailure> failure();

  /** The node's own state from {@code /cluster/metrics} (or the {@code /health} body in standalone mode). */
  Optional<NodeState> state();

  /** {@code /health}. */
  Optional<NodeHealth> health();

  /** Raft role from {@code /cluster/raft/metrics}. */
  Optional<RaftRole> raftRole();

  /** Leader this member follows. */
  OptionalLong leaderId();

  /** Raft term this member is in; 0 when unknown. */
  @Value.Default
  default long term() {
    return 0;
  }

  /** Voters in the membership this member applied (authoritative only on the leader). */
  Set<Long> voters();

  /** Learners in that membership. */
  Set<Long> learners();

  /** Local WAL sequence ({@code wal_last_seq}). */
  OptionalLong walSequence();

  /** Node ids in this member's data-plane view ({@code /cluster/metrics} peers); empty if unknown. */
  Optional<Set<Long>> peersSeen();

  /** {@code /health} answered 200. */
  default boolean healthy() {
    return health().map(NodeHealth::healthy).orElse(false);
  }

  default boolean isLeader() {
    return raftRole().filter(r -> r == RaftRole.LEADER).isPresent();
  }

  /** Whether this member is Active: its own state, or a passing {@code /health} when the state is unknown. */
  default boolean active() {
    return state().map(s -> s == NodeState.ACTIVE).orElse(healthy());
  }

  /** A member that did not answer {@code /ping}. */
  static MemberFacts unreachable(int ordinal, long nodeId, CallFailure failure, String problem) {
    return ImmutableMemberFacts.builder()
        .ordinal(ordinal)
        .nodeId(nodeId)
        .reachable(false)
        .failure(failure)
        .problem(problem)
        .build();
  }
}
