package cloud.hyperbyte.testkit.db;

import java.util.OptionalLong;

/**
 * What one node believes about its Raft group: the membership it applied, the leader it follows and
 * the term. Live members see the group's truth; a stopped or partitioned node keeps its last view.
 *
 * @param membership the last membership config applied
 * @param membershipIndex log index of that membership entry (0 when uninitialized)
 * @param leaderId the leader followed, empty when none is known
 * @param term current term
 * @param lastLogIndex index of the last log entry
 */
public record RaftView(
    RaftMembership membership, long membershipIndex, OptionalLong leaderId, long term, long lastLogIndex) {

  static RaftView uninitialized() {
    return new RaftView(RaftMembership.empty(), 0, OptionalLong.empty(), 0, 0);
  }

  /** The view after a restart: the log and membership persist, the leader is not known yet. */
  RaftView afterRestart() {
    return new RaftView(membership, membershipIndex, OptionalLong.empty(), term, lastLogIndex);
  }

  /** This node's role in the view. */
  public RaftRole roleOf(long nodeId) {
    if (leaderId.isPresent() && leaderId.getAsLong() == nodeId) {
      return RaftRole.LEADER;
    }
    if (membership.voters().contains(nodeId)) {
      return leaderId.isPresent() ? RaftRole.FOLLOWER : RaftRole.CANDIDATE;
    }
    return RaftRole.LEARNER;
  }
}
