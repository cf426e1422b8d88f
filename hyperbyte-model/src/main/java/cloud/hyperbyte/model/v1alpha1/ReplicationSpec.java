package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Write replication mode. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ReplicationSpec {

  @JsonPropertyDescription("async or sync_quorum.")
  @Default("async")
  private ReplicationMode mode;

  @JsonPropertyDescription("sync_quorum acknowledgement timeout; 0 means the default, 5000 (as in the Go operator).")
  @Default("5000")
  @Min(0)
  private Long ackTimeoutMs;

  @JsonPropertyDescription("sync_quorum settings.")
  private SyncQuorumSpec syncQuorum;

  public ReplicationMode getMode() {
    return mode;
  }

  public void setMode(ReplicationMode mode) {
    this.mode = mode;
  }

  public Long getAckTimeoutMs() {
    return ackTimeoutMs;
  }

  public void setAckTimeoutMs(Long ackTimeoutMs) {
    this.ackTimeoutMs = ackTimeoutMs;
  }

  public SyncQuorumSpec getSyncQuorum() {
    return syncQuorum;
  }

  public void setSyncQuorum(SyncQuorumSpec syncQuorum) {
    this.syncQuorum = syncQuorum;
  }

}
