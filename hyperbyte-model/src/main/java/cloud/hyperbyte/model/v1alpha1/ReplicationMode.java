package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Write replication mode. */
public enum ReplicationMode implements WireEnum {
  @JsonProperty("async")
  ASYNC,
  @JsonProperty("sync_quorum")
  SYNC_QUORUM;
}
