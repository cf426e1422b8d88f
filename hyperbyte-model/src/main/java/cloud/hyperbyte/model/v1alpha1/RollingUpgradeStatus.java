package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Progress of a rolling upgrade, kept so it resumes after an operator restart. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RollingUpgradeStatus {

  @JsonPropertyDescription("Pod template revision being rolled out.")
  private String targetRevision;

  @JsonPropertyDescription("Member being upgraded.")
  private Integer ordinal;

  @JsonPropertyDescription("Excluding, Waiting, Restarting, Rejoining or Including.")
  private String step;

  @JsonPropertyDescription("When the step started (RFC 3339).")
  private String stepStartedAt;

  @JsonPropertyDescription("Ordinals already upgraded.")
  private List<Integer> done;

  @JsonPropertyDescription("True when the restarts turn cluster mode on or off for a scale across one replica;"
      + " the phase then reads Scaling.")
  private Boolean clusterModeChange;

  public String getTargetRevision() {
    return targetRevision;
  }

  public void setTargetRevision(String targetRevision) {
    this.targetRevision = targetRevision;
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

  public List<Integer> getDone() {
    return done;
  }

  public void setDone(List<Integer> done) {
    this.done = done;
  }

  public Boolean getClusterModeChange() {
    return clusterModeChange;
  }

  public void setClusterModeChange(Boolean clusterModeChange) {
    this.clusterModeChange = clusterModeChange;
  }

}
