package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** StatefulSet volume claim retention. */
public enum PvcRetention implements WireEnum {
  @JsonProperty("Retain")
  RETAIN,
  @JsonProperty("Delete")
  DELETE;
}
