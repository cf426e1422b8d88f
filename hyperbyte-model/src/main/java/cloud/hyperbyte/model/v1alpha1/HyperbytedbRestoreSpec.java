package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired restore of a cluster from a backup. */
@ValidationRule(value = "has(self.backupName) || has(self.source)", message = "set backupName or source.s3")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HyperbytedbRestoreSpec {

  @JsonPropertyDescription("HyperbytedbCluster to restore (same namespace).")
  @Required
  @Size(min = 1, max = 253)
  private String clusterName;

  @JsonPropertyDescription("HyperbytedbBackup whose last successful snapshot is restored.")
  private String backupName;

  @JsonPropertyDescription("Explicit snapshot location; prefix may point at one snapshot.")
  private RestoreSource source;

  @JsonPropertyDescription("Reserved.")
  @ValidationRule(value = "false", message = "restoreTimestamp is reserved and not implemented yet: remove it to restore the chosen snapshot")
  private String restoreTimestamp;

  @JsonPropertyDescription("Longest one restore pod may take to fetch and restore a member volume (its"
      + " activeDeadlineSeconds; a pod not started by then is stopped too). An attempt past it fails the restore."
      + " Default 3600.")
  @Min(60)
  @Max(604800)
  private Integer podDeadlineSeconds;

  public Integer getPodDeadlineSeconds() {
    return podDeadlineSeconds;
  }

  public void setPodDeadlineSeconds(Integer podDeadlineSeconds) {
    this.podDeadlineSeconds = podDeadlineSeconds;
  }

  public String getClusterName() {
    return clusterName;
  }

  public void setClusterName(String clusterName) {
    this.clusterName = clusterName;
  }

  public String getBackupName() {
    return backupName;
  }

  public void setBackupName(String backupName) {
    this.backupName = backupName;
  }

  public RestoreSource getSource() {
    return source;
  }

  public void setSource(RestoreSource source) {
    this.source = source;
  }

  public String getRestoreTimestamp() {
    return restoreTimestamp;
  }

  public void setRestoreTimestamp(String restoreTimestamp) {
    this.restoreTimestamp = restoreTimestamp;
  }

}
