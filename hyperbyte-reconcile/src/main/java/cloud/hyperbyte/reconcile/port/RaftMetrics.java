package cloud.hyperbyte.reconcile.port;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The parts of openraft's {@code RaftMetrics} ({@code GET /cluster/raft/metrics}, contract §2.6) the
 * lifecycle uses: {@code id}, {@code state}, {@code current_term}, {@code current_leader},
 * {@code last_log_index}, {@code last_applied}, and from {@code membership_config} the voters (the union
 * of the joint configs) and the learners (nodes that are not voters). Only a leader's view of the
 * membership is authoritative.
 *
 * @param id this node's id
 * @param state this node's role
 * @param currentTerm current term
 * @param currentLeader leader this node follows, empty when it knows none
 * @param lastLogIndex index of the last log entry, 0 when the log is empty
 * @param lastApplied index of the last applied entry, 0 when none
 * @param voters voter ids in the membership this node has applied
 * @param learners learner ids in that membership
 */
public record RaftMetrics(
    long id,
    RaftRole state,
    long currentTerm,
    OptionalLong currentLeader,
    long lastLogIndex,
    long lastApplied,
    Set<Long> voters,
    Set<Long> learners) {

  public RaftMetrics {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(currentLeader, "currentLeader");
    voters = Set.copyOf(voters);
    learners = Set.copyOf(learners);
  }

  public boolean isLeader() {
    return state == RaftRole.LEADER;
  }
}
