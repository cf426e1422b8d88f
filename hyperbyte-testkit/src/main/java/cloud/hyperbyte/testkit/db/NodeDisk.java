package cloud.hyperbyte.testkit.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a member keeps on its volume across restarts: the WAL sequence ({@code wal/}), the points
 * written to it ({@code chdb/}, in the order they arrived), the users ({@code meta/}), the Raft group and the last Raft view it
 * applied (the {@code raft/} dir), recorded peer WAL acks (the {@code replication_log/} dir), and
 * any other files put on the volume (e.g. a backup's scratch directory). A restart without keeping
 * state starts from a fresh disk.
 */
final class NodeDisk {
  long walSequence;
  final List<String> points = new ArrayList<>();
  SimulatedRaftGroup raftGroup;
  RaftView raftView = RaftView.uninitialized();
  final Map<Long, Long> walAcks = new HashMap<>();
  final VolumeFiles otherFiles = new VolumeFiles();
  /** {@code meta/}: the users (none until one is created). */
  final UserStore users = new UserStore();
}
