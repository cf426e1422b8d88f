package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Desired backup: one-shot, or scheduled with retention. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HyperbytedbBackupSpec {

  @JsonPropertyDescription("HyperbytedbCluster to back up (same namespace).")
  @Required
  @Size(min = 1, max = 253)
  private String clusterName;

  @JsonPropertyDescription("Cron expression (5 fields, UTC, or @hourly/@daily/@weekly/@monthly/@yearly); empty means one-shot.")
  private String schedule;

  @JsonPropertyDescription("Where snapshots go.")
  @Required
  private BackupDestination destination;

  @JsonPropertyDescription("Snapshots of this backup older than this are deleted after each run.")
  @Default("7")
  @Min(1)
  private Integer retentionDays;

  @JsonPropertyDescription("Not supported by server 0.8.5 (whole-node backups only); must be empty.")
  @ValidationRule(value = "size(self) == 0", message = "databases is not supported: HyperbyteDB 0.8.5 backs up whole nodes; remove the field to back up every database")
  private List<String> databases;

  @JsonPropertyDescription("Only full is supported.")
  @Default("full")
  @ValidationRule(value = "self == 'full'", message = "backupType incremental is not supported: HyperbyteDB 0.8.5 only takes full backups")
  private BackupType backupType;

  public String getClusterName() {
    return clusterName;
  }

  public void setClusterName(String clusterName) {
    this.clusterName = clusterName;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public BackupDestination getDestination() {
    return destination;
  }

  public void setDestination(BackupDestination destination) {
    this.destination = destination;
  }

  public Integer getRetentionDays() {
    return retentionDays;
  }

  public void setRetentionDays(Integer retentionDays) {
    this.retentionDays = retentionDays;
  }

  public List<String> getDatabases() {
    return databases;
  }

  public void setDatabases(List<String> databases) {
    this.databases = databases;
  }

  public BackupType getBackupType() {
    return backupType;
  }

  public void setBackupType(BackupType backupType) {
    this.backupType = backupType;
  }

}
