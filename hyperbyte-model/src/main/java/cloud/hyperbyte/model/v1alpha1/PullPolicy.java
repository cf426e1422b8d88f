package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kubernetes image pull policy. */
public enum PullPolicy implements WireEnum {
  @JsonProperty("Always")
  ALWAYS,
  @JsonProperty("IfNotPresent")
  IF_NOT_PRESENT,
  @JsonProperty("Never")
  NEVER;
}
