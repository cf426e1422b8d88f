package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;
import static cloud.hyperbyte.operator.campaign.UserIntent.pod;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Node 1's {@code raft/} is never wiped while others hold Raft state", sampled at every member
 * change: when node 1 runs without Raft state on its volume (it would bootstrap a new group), no
 * other running member may hold Raft state (they would stay in the old group: a split brain). The
 * campaign never loses node 1's claim itself, so any such moment is the operator's doing.
 */
final class Node1RaftInvariant {

  static final String NAME = "node1-raft-never-wiped-under-live-peers";
  private static final int HIGHEST_ORDINAL = 8;

  private final SimulatedCluster cluster;
  private final UserIntent intent;
  private final Trace trace;

  Node1RaftInvariant(SimulatedCluster cluster, UserIntent intent, Trace trace) {
    this.cluster = cluster;
    this.intent = intent;
    this.trace = trace;
    cluster.onMemberChange(this::sample);
  }

  private void sample() {
    if (intent.deleted()) {
      return;
    }
    trace.checked(NAME);
    Optional<SimulatedNode> node1 = cluster.member(NAMESPACE, pod(0)).filter(SimulatedNode::isProcessRunning);
    if (node1.isEmpty() || node1.get().volume().hasRaftState()) {
      return;
    }
    List<String> holding = new ArrayList<>();
    for (int ordinal = 1; ordinal < HIGHEST_ORDINAL; ordinal++) {
      cluster.member(NAMESPACE, pod(ordinal)).filter(SimulatedNode::isProcessRunning)
          .filter(node -> node.volume().hasRaftState()).ifPresent(node -> holding.add(node.podName()));
    }
    if (!holding.isEmpty()) {
      trace.violated(NAME, "node 1 runs without Raft state while " + holding + " hold Raft state");
    }
  }
}
