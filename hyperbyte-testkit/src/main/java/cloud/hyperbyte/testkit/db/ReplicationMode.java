package cloud.hyperbyte.testkit.db;

/**
 * {@code [cluster.replication] mode}. It decides whether peers' WAL acks are recorded, and so whether a
 * drain can ever see its Active peers caught up (contract §0.6).
 */
public enum ReplicationMode {
  /** The default: no acks are recorded, a drain with Active peers and WAL history times out. */
  ASYNC,
  /** Writes record each reachable peer's ack; a drain completes once Active peers have acked. */
  SYNC_QUORUM
}
