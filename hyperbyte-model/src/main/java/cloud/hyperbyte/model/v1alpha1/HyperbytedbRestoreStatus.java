package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a restore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HyperbytedbRestoreStatus {

  @JsonPropertyDescription("Pending, ScalingDown, Restoring, ScalingUp, Completed or Failed.")
  private String phase;

  @JsonPropertyDescription("Generation the status reflects.")
  private Long observedGeneration;

  @JsonPropertyDescription("Start (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("End (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Member volumes restored.")
  private Integer restoredPVCs;

  @JsonPropertyDescription("s3://bucket/key of the restored snapshot.")
  private String snapshotPath;

  @JsonPropertyDescription("Replicas to scale back to.")
  private Integer originalReplicas;

  @JsonPropertyDescription("Member volumes already restored.")
  private List<String> restoredVolumes;

  @JsonPropertyDescription("Claims of ordinals at or above originalReplicas, deleted while the cluster was held:"
      + " they held pre-restore data and Raft state that a later scale-up would bring back.")
  private List<String> removedVolumes;

  @JsonPropertyDescription("Ready, Complete and phase conditions.")
  private List<Condition> conditions;

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public Integer getRestoredPVCs() {
    return restoredPVCs;
  }

  public void setRestoredPVCs(Integer restoredPVCs) {
    this.restoredPVCs = restoredPVCs;
  }

  public String getSnapshotPath() {
    return snapshotPath;
  }

  public void setSnapshotPath(String snapshotPath) {
    this.snapshotPath = snapshotPath;
  }

  public Integer getOriginalReplicas() {
    return originalReplicas;
  }

  public void setOriginalReplicas(Integer originalReplicas) {
    this.originalReplicas = originalReplicas;
  }

  public List<String> getRestoredVolumes() {
    return restoredVolumes;
  }

  public void setRestoredVolumes(List<String> restoredVolumes) {
    this.restoredVolumes = restoredVolumes;
  }

  public List<String> getRemovedVolumes() {
    return removedVolumes;
  }

  public void setRemovedVolumes(List<String> removedVolumes) {
    this.removedVolumes = removedVolumes;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

}
