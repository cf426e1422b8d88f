package cloud.hyperbyte.reconcile.backup;

import java.util.Objects;
import java.util.Optional;

/**
 * A validated backup spec.
 *
 * @param clusterName the HyperbytedbCluster backed up
 * @param schedule cron schedule; empty for a one-shot backup
 * @param destination where snapshots go
 * @param retentionDays snapshots of this backup older than this are deleted after each run
 */
public record BackupSettings(
    String clusterName, Optional<CronSchedule> schedule, S3Settings destination, int retentionDays) {

  public BackupSettings {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(destination, "destination");
  }
}
