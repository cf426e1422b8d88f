package cloud.hyperbyte.testkit.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a member keeps on its volume across restarts: the WAL sequence and the WAL entries not yet
 * truncated ({@code wal/}), the points
 * written to it ({@code chdb/}, in the order they arrived), the users ({@code meta/}), the Raft group and the last Raft view it
 * applied (the {@code raft/} dir), recorded peer WAL acks (the {@code replication_log/} dir), and
 * any other files put on the volume (e.g. a backup's scratch directory). A restart without keeping
 * state starts from a fresh disk.
 */
final class NodeDisk {
  long walSequence;
  /** The WAL entries still held, oldest first: flushed ones stay until truncation (contract top finding 5). */
  final ArrayDeque<WalEntry> wal = new ArrayDeque<>();
  /** What queries see: the points flushed into chDB and those still only in the WAL. */
  final List<String> points = new ArrayList<>();
  SimulatedRaftGroup raftGroup;
  RaftView raftView = RaftView.uninitialized();
  final Map<Long, Long> walAcks = new HashMap<>();
  final VolumeFiles otherFiles = new VolumeFiles();
  /** {@code meta/}: the users (none until one is created). */
  final UserStore users = new UserStore();

  /** A write of {@code lines} taken by this member: the next sequence number, kept in the WAL. */
  void append(List<String> lines) {
    walSequence++;
    wal.addLast(new WalEntry(walSequence, lines));
    points.addAll(lines);
  }

  /**
   * The flush service: WAL entries go into chDB (they stay queryable), then the WAL is truncated to
   * the newest {@code retained} entries.
   */
  void flush(long retained) {
    while (wal.size() > retained) {
      wal.removeFirst();
    }
  }

  /** The held WAL entries after {@code sequence}, what {@code /internal/sync/wal?from_seq} serves. */
  List<WalEntry> walAfter(long sequence) {
    return wal.stream().filter(entry -> entry.sequence() > sequence).toList();
  }
}
