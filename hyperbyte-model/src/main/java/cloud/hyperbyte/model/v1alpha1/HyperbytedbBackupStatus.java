package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a backup. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HyperbytedbBackupStatus {

  @JsonPropertyDescription("Pending, Running, Completed or Failed.")
  private String phase;

  @JsonPropertyDescription("Generation the status reflects.")
  private Long observedGeneration;

  @JsonPropertyDescription("Start of the current or last run (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("End of the last run (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Size of the last snapshot, human-readable.")
  private String backupSize;

  @JsonPropertyDescription("Size of the last snapshot in bytes.")
  private Long backupSizeBytes;

  @JsonPropertyDescription("s3://bucket/key of the last successful snapshot.")
  private String backupPath;

  @JsonPropertyDescription("When the last scheduled run was due (RFC 3339).")
  private String lastScheduleTime;

  @JsonPropertyDescription("When the next scheduled run is due (RFC 3339).")
  private String nextScheduleTime;

  @JsonPropertyDescription("When retention last ran (RFC 3339).")
  private String lastCleanupTime;

  @JsonPropertyDescription("Attempts of the current run.")
  private Integer attempts;

  @JsonPropertyDescription("Member the current or last snapshot was taken from.")
  private String sourcePod;

  @JsonPropertyDescription("Recent runs, newest first (bounded).")
  private List<BackupRun> history;

  @JsonPropertyDescription("Ready, Complete, Scheduled.")
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

  public String getBackupSize() {
    return backupSize;
  }

  public void setBackupSize(String backupSize) {
    this.backupSize = backupSize;
  }

  public Long getBackupSizeBytes() {
    return backupSizeBytes;
  }

  public void setBackupSizeBytes(Long backupSizeBytes) {
    this.backupSizeBytes = backupSizeBytes;
  }

  public String getBackupPath() {
    return backupPath;
  }

  public void setBackupPath(String backupPath) {
    this.backupPath = backupPath;
  }

  public String getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(String lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public String getNextScheduleTime() {
    return nextScheduleTime;
  }

  public void setNextScheduleTime(String nextScheduleTime) {
    this.nextScheduleTime = nextScheduleTime;
  }

  public String getLastCleanupTime() {
    return lastCleanupTime;
  }

  public void setLastCleanupTime(String lastCleanupTime) {
    this.lastCleanupTime = lastCleanupTime;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public String getSourcePod() {
    return sourcePod;
  }

  public void setSourcePod(String sourcePod) {
    this.sourcePod = sourcePod;
  }

  public List<BackupRun> getHistory() {
    return history;
  }

  public void setHistory(List<BackupRun> history) {
    this.history = history;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

}
