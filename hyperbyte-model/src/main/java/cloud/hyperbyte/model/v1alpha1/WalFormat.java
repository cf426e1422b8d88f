package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** WAL encoding of the server. */
public enum WalFormat implements WireEnum {
  @JsonProperty("bincode")
  BINCODE,
  @JsonProperty("arrow_ipc")
  ARROW_IPC;
}
