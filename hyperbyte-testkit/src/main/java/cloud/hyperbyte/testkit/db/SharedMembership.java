package cloud.hyperbyte.testkit.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A node's in-memory view of its peers, which write fan-out and drain use. It follows Raft membership
 * entries (voters Active, learners Syncing, others removed), heartbeat probes (Active ↔ Disconnected)
 * and leave notifications (removed). Self is not listed: the node owns its own state.
 */
final class SharedMembership {

  private final TreeMap<Long, PeerRecord> peers = new TreeMap<>();
  private long version;

  /** {@code sync_raft_membership_to_shared}: the peers become exactly the membership's other nodes. */
  void applyRaftMembership(RaftMembership membership, long selfId, Instant now) {
    peers.keySet().removeIf(id -> !membership.contains(id));
    membership.addresses().forEach((id, addr) -> {
      if (id != selfId) {
        NodeState state = membership.voters().contains(id) ? NodeState.ACTIVE : NodeState.SYNCING;
        PeerRecord known = peers.get(id);
        peers.put(id, known == null
            ? new PeerRecord(id, addr, state, now, now)
            : new PeerRecord(id, addr, state, known.joinedAt(), known.lastHeartbeat()));
      }
    });
    version++;
  }

  /** A heartbeat probe result: one failed probe marks an Active peer Disconnected. */
  void recordProbe(long peerId, boolean answered, Instant now) {
    PeerRecord peer = peers.get(peerId);
    if (peer == null) {
      return;
    }
    PeerRecord probed = answered ? peer.heardAt(now) : peer;
    if (!answered && peer.state() == NodeState.ACTIVE) {
      probed = probed.withState(NodeState.DISCONNECTED);
      version++;
    } else if (answered && peer.state() == NodeState.DISCONNECTED) {
      probed = probed.withState(NodeState.ACTIVE);
      version++;
    }
    peers.put(peerId, probed);
  }

  /** A leave notification for a peer. */
  boolean remove(long peerId) {
    boolean removed = peers.remove(peerId) != null;
    if (removed) {
      version++;
    }
    return removed;
  }

  Optional<PeerRecord> peer(long peerId) {
    return Optional.ofNullable(peers.get(peerId));
  }

  List<PeerRecord> peers() {
    return List.copyOf(peers.values());
  }

  /** Peers that write fan-out targets: Active or Disconnected. */
  List<PeerRecord> replicationTargets() {
    return peers.values().stream()
        .filter(p -> p.state() == NodeState.ACTIVE || p.state() == NodeState.DISCONNECTED)
        .toList();
  }

  List<PeerRecord> activePeers() {
    return peers.values().stream().filter(p -> p.state() == NodeState.ACTIVE).toList();
  }

  long version() {
    return version;
  }
}
