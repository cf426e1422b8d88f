package cloud.hyperbyte.testkit.db;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Raft membership config: voters, learners and every member's cluster address.
 *
 * @param voters voter ids
 * @param learners non-voting member ids
 * @param addresses cluster address of every voter and learner
 */
public record RaftMembership(
    SortedSet<Long> voters, SortedSet<Long> learners, SortedMap<Long, String> addresses) {

  public RaftMembership {
    voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
    learners = Collections.unmodifiableSortedSet(new TreeSet<>(learners));
    addresses = Collections.unmodifiableSortedMap(new TreeMap<>(addresses));
  }

  static RaftMembership empty() {
    return new RaftMembership(new TreeSet<>(), new TreeSet<>(), new TreeMap<>());
  }

  static RaftMembership singleVoter(long nodeId, String addr) {
    return new RaftMembership(new TreeSet<>(java.util.Set.of(nodeId)), new TreeSet<>(), new TreeMap<>(java.util.Map.of(nodeId, addr)));
  }

  public boolean isEmpty() {
    return voters.isEmpty() && learners.isEmpty();
  }

  public boolean contains(long nodeId) {
    return voters.contains(nodeId) || learners.contains(nodeId);
  }

  /** {@code nodeId} added as a learner (kept a voter when it already is one). */
  RaftMembership withLearner(long nodeId, String addr) {
    TreeSet<Long> newLearners = new TreeSet<>(learners);
    if (!voters.contains(nodeId)) {
      newLearners.add(nodeId);
    }
    TreeMap<Long, String> newAddresses = new TreeMap<>(addresses);
    newAddresses.put(nodeId, addr);
    return new RaftMembership(voters, newLearners, newAddresses);
  }

  /**
   * openraft's {@code change_membership(newVoters, retain=false)}: learners outside the new voter set
   * leave the node set along with removed voters.
   */
  RaftMembership withVotersOnly(SortedSet<Long> newVoters) {
    TreeMap<Long, String> newAddresses = new TreeMap<>(addresses);
    newAddresses.keySet().retainAll(newVoters);
    return new RaftMembership(newVoters, new TreeSet<>(), newAddresses);
  }
}
