package cloud.hyperbyte.reconcile.port;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /cluster/metrics} (contract §2.6): {@code {"mode":"master-master","node_id","node_addr",
 * "state","membership_version","peers":[{"node_id","addr","state"}],"peer_count"}}. The state is the
 * node's own view of itself; {@code peers} is its data-plane membership, from which a drained-and-
 * restarted node can be missing.
 */
public record ClusterMetrics(
    String mode,
    long nodeId,
    String nodeAddr,
    NodeState state,
    long membershipVersion,
    List<PeerView> peers,
    int peerCount) {

  public ClusterMetrics {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(nodeAddr, "nodeAddr");
    Objects.requireNonNull(state, "state");
    peers = List.copyOf(peers);
  }

  /** Node ids this node knows as peers, whatever their state. */
  public Set<Long> peerIds() {
    return peers.stream().map(PeerView::nodeId).collect(Collectors.toUnmodifiableSet());
  }
}
