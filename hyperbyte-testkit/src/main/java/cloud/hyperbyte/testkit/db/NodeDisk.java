package cloud.hyperbyte.testkit.db;

import java.util.HashMap;
import java.util.Map;

/**
 * What a member keeps on its volume across restarts: the WAL sequence, the Raft group and the last
 * Raft view it applied (the {@code raft/} dir), and recorded peer WAL acks (the
 * {@code replication_log/} dir). A restart without keeping state starts from a fresh disk.
 */
final class NodeDisk {
  long walSequence;
  SimulatedRaftGroup raftGroup;
  RaftView raftView = RaftView.uninitialized();
  final Map<Long, Long> walAcks = new HashMap<>();
}
