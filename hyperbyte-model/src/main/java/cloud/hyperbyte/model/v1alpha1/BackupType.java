package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kind of backup; only full backups exist in HyperbyteDB 0.8.5. */
public enum BackupType implements WireEnum {
  @JsonProperty("full")
  FULL,
  @JsonProperty("incremental")
  INCREMENTAL;
}
