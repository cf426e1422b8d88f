package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.ReplicationMode;
import java.util.Optional;
import org.immutables.value.Value;

/** Cluster-mode settings; effective when replicas > 1. */
@Value.Immutable
public interface ClusterSettings {

  /** Peer probe period. */
  int heartbeatIntervalSecs();

  /** Missed probes for the stale-peer rule. */
  int heartbeatMissThreshold();

  /** Per-peer retries. */
  int replicationMaxRetries();

  /** Replication queue depth. */
  int replicationQueueDepth();

  /** In-flight batches per peer. */
  int replicationMaxInflightBatches();

  /** Coalesced body cap. */
  long replicationMaxCoalesceBodyBytes();

  /** Receiver queue depth. */
  int replicateReceiverQueueDepth();

  /** Stale-peer multiplier. */
  int replicationTruncateStalePeerMultiplier();

  /** Raft heartbeat interval. */
  int raftHeartbeatIntervalMs();

  /** Raft election timeout (greater than the heartbeat). */
  int raftElectionTimeoutMs();

  /** Log entries between snapshots. */
  int raftSnapshotThreshold();

  /** async or sync_quorum. */
  ReplicationMode replicationMode();

  /** sync_quorum acknowledgement timeout. */
  long ackTimeoutMs();

  /** sync_quorum peer acknowledgements: a positive integer or majority; empty means the server default. */
  Optional<String> minAcks();

  /** Seconds a member is kept out of traffic before it is restarted. */
  int drainWaitSecs();
}
