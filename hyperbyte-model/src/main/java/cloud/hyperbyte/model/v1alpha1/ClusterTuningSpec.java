package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Cluster settings; they take effect when replicas > 1. */
@ValidationRule(value = "(has(self.raftElectionTimeoutMs) && self.raftElectionTimeoutMs != 0 ? self.raftElectionTimeoutMs : 3000) > (has(self.raftHeartbeatIntervalMs) && self.raftHeartbeatIntervalMs != 0 ? self.raftHeartbeatIntervalMs : 1000)", message = "raftElectionTimeoutMs must be greater than raftHeartbeatIntervalMs: the server refuses to start Raft otherwise", fieldPath = ".raftElectionTimeoutMs")
@ValidationRule(value = "!has(self.raftHeartbeatIntervalMs) || self.raftHeartbeatIntervalMs == 0 || self.raftHeartbeatIntervalMs >= 50", message = "raftHeartbeatIntervalMs must be 0 (the default, 1000) or at least 50", fieldPath = ".raftHeartbeatIntervalMs")
@ValidationRule(value = "!has(self.raftElectionTimeoutMs) || self.raftElectionTimeoutMs == 0 || self.raftElectionTimeoutMs >= 100", message = "raftElectionTimeoutMs must be 0 (the default, 3000) or at least 100", fieldPath = ".raftElectionTimeoutMs")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ClusterTuningSpec {

  @JsonPropertyDescription("Peer probe period; 0 means the default, 2 (as in the Go operator).")
  @Default("2")
  @Min(0)
  private Integer heartbeatIntervalSecs;

  @JsonPropertyDescription("Missed probes before a peer counts as stale for WAL truncation; 0 means the default, 5 (as in the Go operator).")
  @Default("5")
  @Min(0)
  private Integer heartbeatMissThreshold;

  @JsonPropertyDescription("Per-peer retries before hinted handoff; 0 means the default, 5 (as in the Go operator).")
  @Default("5")
  @Min(0)
  private Integer replicationMaxRetries;

  @JsonPropertyDescription("Replication queue depth; 0 means the default, 8192 (as in the Go operator).")
  @Default("8192")
  @Min(0)
  private Integer replicationQueueDepth;

  @JsonPropertyDescription("In-flight batches per peer; 0 means the default, 8 (as in the Go operator).")
  @Default("8")
  @Min(0)
  private Integer replicationMaxInflightBatches;

  @JsonPropertyDescription("Coalesced replication body cap; 0 means the default, 8388608 (as in the Go operator).")
  @Default("8388608")
  @Min(0)
  private Long replicationMaxCoalesceBodyBytes;

  @JsonPropertyDescription("Receiver queue depth; 0 means the default, 1024 (as in the Go operator).")
  @Default("1024")
  @Min(0)
  private Integer replicateReceiverQueueDepth;

  @JsonPropertyDescription("Stale-peer multiplier for WAL truncation; 0 means the default, 2 (as in the Go operator).")
  @Default("2")
  @Min(0)
  private Integer replicationTruncateStalePeerMultiplier;

  @JsonPropertyDescription("Raft heartbeat interval; 0 means the default, 1000 (as in the Go operator).")
  @Default("1000")
  @Min(0)
  private Integer raftHeartbeatIntervalMs;

  @JsonPropertyDescription("Raft election timeout; must exceed the heartbeat interval; 0 means the default, 3000 (as in the Go operator).")
  @Default("3000")
  @Min(0)
  private Integer raftElectionTimeoutMs;

  @JsonPropertyDescription("Log entries between Raft snapshots; 0 means the default, 1000 (as in the Go operator).")
  @Default("1000")
  @Min(0)
  private Integer raftSnapshotThreshold;

  @JsonPropertyDescription("Write replication mode.")
  private ReplicationSpec replication;

  @JsonPropertyDescription("TLS between nodes (not supported by server 0.8.5).")
  @ValidationRule(value = "!self.enabled", message = "cluster.tls is not supported: HyperbyteDB 0.8.5 has no TLS between nodes; use server.tls on a single-node cluster", fieldPath = ".enabled")
  private TlsSpec tls;

  @JsonPropertyDescription("Seconds a member is kept out of traffic before it is restarted.")
  @Default("10")
  @Min(0)
  private Integer drainWaitSecs;

  public Integer getHeartbeatIntervalSecs() {
    return heartbeatIntervalSecs;
  }

  public void setHeartbeatIntervalSecs(Integer heartbeatIntervalSecs) {
    this.heartbeatIntervalSecs = heartbeatIntervalSecs;
  }

  public Integer getHeartbeatMissThreshold() {
    return heartbeatMissThreshold;
  }

  public void setHeartbeatMissThreshold(Integer heartbeatMissThreshold) {
    this.heartbeatMissThreshold = heartbeatMissThreshold;
  }

  public Integer getReplicationMaxRetries() {
    return replicationMaxRetries;
  }

  public void setReplicationMaxRetries(Integer replicationMaxRetries) {
    this.replicationMaxRetries = replicationMaxRetries;
  }

  public Integer getReplicationQueueDepth() {
    return replicationQueueDepth;
  }

  public void setReplicationQueueDepth(Integer replicationQueueDepth) {
    this.replicationQueueDepth = replicationQueueDepth;
  }

  public Integer getReplicationMaxInflightBatches() {
    return replicationMaxInflightBatches;
  }

  public void setReplicationMaxInflightBatches(Integer replicationMaxInflightBatches) {
    this.replicationMaxInflightBatches = replicationMaxInflightBatches;
  }

  public Long getReplicationMaxCoalesceBodyBytes() {
    return replicationMaxCoalesceBodyBytes;
  }

  public void setReplicationMaxCoalesceBodyBytes(Long replicationMaxCoalesceBodyBytes) {
    this.replicationMaxCoalesceBodyBytes = replicationMaxCoalesceBodyBytes;
  }

  public Integer getReplicateReceiverQueueDepth() {
    return replicateReceiverQueueDepth;
  }

  public void setReplicateReceiverQueueDepth(Integer replicateReceiverQueueDepth) {
    this.replicateReceiverQueueDepth = replicateReceiverQueueDepth;
  }

  public Integer getReplicationTruncateStalePeerMultiplier() {
    return replicationTruncateStalePeerMultiplier;
  }

  public void setReplicationTruncateStalePeerMultiplier(Integer replicationTruncateStalePeerMultiplier) {
    this.replicationTruncateStalePeerMultiplier = replicationTruncateStalePeerMultiplier;
  }

  public Integer getRaftHeartbeatIntervalMs() {
    return raftHeartbeatIntervalMs;
  }

  public void setRaftHeartbeatIntervalMs(Integer raftHeartbeatIntervalMs) {
    this.raftHeartbeatIntervalMs = raftHeartbeatIntervalMs;
  }

  public Integer getRaftElectionTimeoutMs() {
    return raftElectionTimeoutMs;
  }

  public void setRaftElectionTimeoutMs(Integer raftElectionTimeoutMs) {
    this.raftElectionTimeoutMs = raftElectionTimeoutMs;
  }

  public Integer getRaftSnapshotThreshold() {
    return raftSnapshotThreshold;
  }

  public void setRaftSnapshotThreshold(Integer raftSnapshotThreshold) {
    this.raftSnapshotThreshold = raftSnapshotThreshold;
  }

  public ReplicationSpec getReplication() {
    return replication;
  }

  public void setReplication(ReplicationSpec replication) {
    this.replication = replication;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }

  public Integer getDrainWaitSecs() {
    return drainWaitSecs;
  }

  public void setDrainWaitSecs(Integer drainWaitSecs) {
    this.drainWaitSecs = drainWaitSecs;
  }

}
