package cloud.hyperbyte.testkit.db;

/** How a partitioned member fails calls made to it, by peers and by the operator alike. */
public enum PartitionMode {
  /** The connection is dropped before any response (an I/O error for the caller). */
  REFUSE,
  /** The request is held without an answer until the partition heals or the node stops. */
  TIMEOUT
}
