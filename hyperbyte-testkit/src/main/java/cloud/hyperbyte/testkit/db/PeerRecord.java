package cloud.hyperbyte.testkit.db;

import java.time.Instant;

/**
 * One peer in a node's data-plane membership ({@code SharedMembership}, contract §2.1).
 *
 * @param nodeId the peer's id
 * @param addr its cluster address
 * @param state its state as this node sees it
 * @param joinedAt when this node first listed it
 * @param lastHeartbeat the last successful probe, {@code joinedAt} before the first
 */
public record PeerRecord(long nodeId, String addr, NodeState state, Instant joinedAt, Instant lastHeartbeat) {

  PeerRecord withState(NodeState newState) {
    return new PeerRecord(nodeId, addr, newState, joinedAt, lastHeartbeat);
  }

  PeerRecord heardAt(Instant instant) {
    return new PeerRecord(nodeId, addr, state, joinedAt, instant);
  }
}
