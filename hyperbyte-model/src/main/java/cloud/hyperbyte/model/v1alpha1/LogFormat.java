package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Server log format. */
public enum LogFormat implements WireEnum {
  @JsonProperty("text")
  TEXT,
  @JsonProperty("json")
  JSON;
}
