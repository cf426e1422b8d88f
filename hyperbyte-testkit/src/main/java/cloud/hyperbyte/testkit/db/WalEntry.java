package cloud.hyperbyte.testkit.db;

import java.util.List;

/** One WAL entry a member holds: its local sequence number and the points of the write. */
record WalEntry(long sequence, List<String> points) {
  WalEntry {
    points = List.copyOf(points);
  }
}
