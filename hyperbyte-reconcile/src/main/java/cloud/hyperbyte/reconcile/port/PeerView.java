package cloud.hyperbyte.reconcile.port;

import java.util.Objects;

/**
 * One peer in a node's data-plane membership, as in {@code /cluster/metrics} {@code peers[]}:
 * {@code {"node_id","addr","state"}}.
 */
public record PeerView(long nodeId, String addr, NodeState state) {

  public PeerView {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(state, "state");
  }
}
