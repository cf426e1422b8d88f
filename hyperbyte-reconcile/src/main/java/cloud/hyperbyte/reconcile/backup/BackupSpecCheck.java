package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.BackupType;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates a backup spec against what the server can do. The CRD's CEL rules reject most of this
 * at admission; this check repeats them for objects that predate the CRD, for embedders and for
 * the CLI, and adds the cron check. HyperbyteDB 0.8.5 backs up whole nodes, so a database list or
 * an incremental backup cannot be honoured and is rejected, never silently ignored.
 */
public final class BackupSpecCheck {

  /** Days kept when the spec leaves {@code retentionDays} unset (the CRD default). */
  public static final int DEFAULT_RETENTION_DAYS = 7;

  private BackupSpecCheck() {}

  /** The settings of {@code spec}, or every problem found. */
  public static Validated<BackupSettings> check(HyperbytedbBackupSpec spec) {
    List<Problem> problems = new ArrayList<>();
    if (spec == null) {
      return Validated.failed(List.of(Problem.error("spec", "is missing")));
    }
    if (spec.getClusterName() == null || spec.getClusterName().isBlank()) {
      problems.add(Problem.error("spec.clusterName", "is required: name the HyperbytedbCluster to back up"));
    }
    if (spec.getDestination() == null || spec.getDestination().getS3() == null) {
      problems.add(Problem.error("spec.destination.s3", "is required"));
    } else if (spec.getDestination().getS3().getBucket() == null
        || spec.getDestination().getS3().getBucket().isBlank()) {
      problems.add(Problem.error("spec.destination.s3.bucket", "is required"));
    }
    int retentionDays = spec.getRetentionDays() == null ? DEFAULT_RETENTION_DAYS : spec.getRetentionDays();
    if (retentionDays < 1) {
      problems.add(Problem.error("spec.retentionDays", "must be at least 1, was " + retentionDays));
    }
    if (spec.getDatabases() != null && !spec.getDatabases().isEmpty()) {
      problems.add(
          Problem.error(
              "spec.databases",
              "is not supported: HyperbyteDB 0.8.5 backs up whole nodes (every database); "
                  + "remove the field to back up everything"));
    }
    if (spec.getBackupType() == BackupType.INCREMENTAL) {
      problems.add(
          Problem.error(
              "spec.backupType",
              "incremental is not supported: HyperbyteDB 0.8.5 only takes full backups; use full or remove the field"));
    }
    Optional<CronSchedule> schedule = Optional.empty();
    if (spec.getSchedule() != null && !spec.getSchedule().isBlank()) {
      Validated<CronSchedule> cron = CronSchedule.parse(spec.getSchedule());
      problems.addAll(cron.problems());
      schedule = cron.value();
    }
    if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
      return Validated.failed(problems);
    }
    return Validated.of(
        new BackupSettings(
            spec.getClusterName(), schedule, S3Settings.of(spec.getDestination().getS3()), retentionDays),
        problems);
  }
}
