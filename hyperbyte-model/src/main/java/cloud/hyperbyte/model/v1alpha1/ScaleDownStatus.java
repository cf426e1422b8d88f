package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Progress of a scale-down, kept so it resumes after an operator restart. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaleDownStatus {

  @JsonPropertyDescription("Replicas being approached.")
  private Integer targetReplicas;

  @JsonPropertyDescription("Member being removed.")
  private Integer ordinal;

  @JsonPropertyDescription("Draining, Removing or Shrinking.")
  private String step;

  @JsonPropertyDescription("When the step started (RFC 3339).")
  private String stepStartedAt;

  public Integer getTargetReplicas() {
    return targetReplicas;
  }

  public void setTargetReplicas(Integer targetReplicas) {
    this.targetReplicas = targetReplicas;
  }

  public Integer getOrdinal() {
    return ordinal;
  }

  public void setOrdinal(Integer ordinal) {
    this.ordinal = ordinal;
  }

  public String getStep() {
    return step;
  }

  public void setStep(String step) {
    this.step = step;
  }

  public String getStepStartedAt() {
    return stepStartedAt;
  }

  public void setStepStartedAt(String stepStartedAt) {
    this.stepStartedAt = stepStartedAt;
  }

}
