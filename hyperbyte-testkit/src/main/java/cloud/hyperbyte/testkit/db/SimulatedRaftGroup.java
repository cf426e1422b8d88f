package cloud.hyperbyte.testkit.db;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The truth of one Raft group: membership, leader, term and log position. Members that are up and
 * reachable see it ({@link RaftView}); others keep their last view. Elections are instant: the leader
 * stays while it reaches a majority of voters, otherwise the lowest-id live voter that reaches a
 * majority leads, and without one there is no leader. Normally there is one group per database; node 1
 * starting without its Raft state while other voters exist forms a second one (the split-brain of
 * contract §2.2).
 *
 * <p>Membership changes go through the leader and are applied at once when the old and new voter
 * sets both have a majority reachable from the leader (joint consensus); otherwise they fail.
 */
public final class SimulatedRaftGroup {

  private final Simulation simulation;
  private RaftMembership membership = RaftMembership.empty();
  private long membershipIndex;
  private Long leader;
  private long term;
  private long lastLogIndex;

  SimulatedRaftGroup(Simulation simulation) {
    this.simulation = simulation;
  }

  /** The group's current state as a live member sees it. */
  public RaftView view() {
    synchronized (simulation.lock()) {
      return new RaftView(membership, membershipIndex,
          leader == null ? OptionalLong.empty() : OptionalLong.of(leader), term, lastLogIndex);
    }
  }

  public OptionalLong leader() {
    return view().leaderId();
  }

  public SortedSet<Long> voters() {
    return view().membership().voters();
  }

  public SortedSet<Long> learners() {
    return view().membership().learners();
  }

  public long term() {
    return view().term();
  }

  /**
   * Moves leadership to {@code nodeId}, as a leadership transfer (or an election it wins after a
   * missed heartbeat) does: only a voter that holds the group's state and reaches a majority can
   * lead. The term advances and the new leader appends a blank entry; live members see it at once.
   *
   * @throws IllegalStateException when {@code nodeId} cannot lead now
   */
  public void transferLeadership(long nodeId) {
    synchronized (simulation.lock()) {
      if (!membership.voters().contains(nodeId) || !holdsState(nodeId) || !simulation.reachable(nodeId)
          || !hasMajority(nodeId)) {
        throw new IllegalStateException("node " + nodeId + " cannot lead: it must be a reachable voter that holds"
            + " the group's state and reaches a majority");
      }
      if (!Objects.equals(leader, nodeId)) {
        leader = nodeId;
        term++;
        lastLogIndex++;
      }
      publish();
    }
  }

  /** {@code raft.initialize({nodeId})}; ignored once the group has a membership. */
  void initialize(long nodeId, String addr) {
    if (!membership.isEmpty()) {
      return;
    }
    membership = RaftMembership.singleVoter(nodeId, addr);
    lastLogIndex = 1;
    membershipIndex = 1;
    reelect();
  }

  /** {@code add_learner}, then optionally {@code change_membership(voters ∪ {nodeId}, retain=false)}. */
  MembershipChange addNode(long leaderId, long nodeId, String addr, boolean promote) {
    requireLeader(leaderId);
    membership = membership.withLearner(nodeId, addr);
    appendMembership(1);
    boolean promoted = false;
    if (promote) {
      TreeSet<Long> newVoters = new TreeSet<>(membership.voters());
      newVoters.add(nodeId);
      if (committable(leaderId, newVoters)) {
        membership = membership.withVotersOnly(newVoters);
        appendMembership(2);
        promoted = true;
      }
    }
    reelect();
    return new MembershipChange(true, promoted, voters());
  }

  /** {@code add_learner} only, as {@code /internal/membership/join} does. */
  void addLearner(long leaderId, long nodeId, String addr) {
    requireLeader(leaderId);
    membership = membership.withLearner(nodeId, addr);
    appendMembership(1);
    reelect();
  }

  /** {@code change_membership(voters − {nodeId}, retain=false)}. */
  MembershipChange removeNode(long leaderId, long nodeId) {
    requireLeader(leaderId);
    if (!membership.voters().contains(nodeId)) {
      return new MembershipChange(false, false, membership.voters());
    }
    if (membership.voters().size() == 1) {
      throw new LastVoterException();
    }
    TreeSet<Long> newVoters = new TreeSet<>(membership.voters());
    newVoters.remove(nodeId);
    if (!committable(leaderId, newVoters)) {
      throw new NotCommittedException("no quorum reachable for the joint configuration");
    }
    membership = membership.withVotersOnly(newVoters);
    appendMembership(2);
    if (Objects.equals(leader, nodeId)) {
      leader = null; // a removed leader steps down once the change commits
    }
    reelect();
    return new MembershipChange(true, false, voters());
  }

  /** Re-evaluates leadership after a liveness change and shows live members the truth. */
  void reelect() {
    if (membership.isEmpty()) {
      return;
    }
    boolean keeps = leader != null && membership.voters().contains(leader) && holdsState(leader)
        && hasMajority(leader);
    if (!keeps) {
      // only a voter holding the group's log can win an election; one whose raft/ was wiped can only follow
      Long elected = membership.voters().stream()
          .filter(this::holdsState)
          .filter(id -> simulation.reachable(id))
          .filter(this::hasMajority)
          .findFirst()
          .orElse(null);
      if (!Objects.equals(elected, leader)) {
        term++;
        if (elected != null) {
          lastLogIndex++; // a new leader appends a blank entry
        }
      }
      leader = elected;
    }
    publish();
  }

  private void publish() {
    RaftView view = view();
    for (long id : membership.addresses().keySet()) {
      SimulatedNode node = simulation.nodeById(id);
      if (node != null && follows(id) && node.reachable() && (leader != null || node.raftGroup() == this)) {
        node.applyRaft(this, view);
      }
    }
  }

  /**
   * Whether {@code nodeId} takes part in this group: it holds this group's state, or it holds none
   * and the group's leader would replicate to it (a member whose volume was replaced). Node 1 never
   * holds none once started: it initializes a group of its own.
   */
  private boolean follows(long nodeId) {
    SimulatedNode node = simulation.nodeById(nodeId);
    return node != null && (node.raftGroup() == this || node.raftGroup() == null);
  }

  /** Whether {@code nodeId}'s volume holds this group's Raft state. */
  private boolean holdsState(long nodeId) {
    SimulatedNode node = simulation.nodeById(nodeId);
    return node != null && node.raftGroup() == this;
  }

  private boolean connected(long from, long to) {
    if (from == to) {
      return follows(from) && simulation.reachable(from);
    }
    return follows(from) && follows(to) && simulation.reachable(from) && simulation.peerRpcAccepted(to);
  }

  private boolean hasMajority(long candidate) {
    return majorityReachable(candidate, membership.voters());
  }

  private boolean majorityReachable(long from, SortedSet<Long> voters) {
    long reached = voters.stream().filter(v -> connected(from, v)).count();
    return reached * 2 > voters.size();
  }

  private boolean committable(long leaderId, SortedSet<Long> newVoters) {
    return majorityReachable(leaderId, membership.voters()) && majorityReachable(leaderId, newVoters);
  }

  private void appendMembership(int entries) {
    lastLogIndex += entries;
    membershipIndex = lastLogIndex;
  }

  private void requireLeader(long leaderId) {
    if (!Objects.equals(leader, leaderId)) {
      throw new IllegalStateException("node " + leaderId + " is not the leader of this group");
    }
  }

  /** The outcome of a membership change. */
  record MembershipChange(boolean changed, boolean promoted, SortedSet<Long> remainingVoters) {}

  /** {@code remove-node} of the only voter. */
  static final class LastVoterException extends RuntimeException {
    LastVoterException() {
      super("cannot remove last raft voter");
    }
  }

  /** A membership change that could not commit. */
  static final class NotCommittedException extends RuntimeException {
    NotCommittedException(String message) {
      super(message);
    }
  }
}
