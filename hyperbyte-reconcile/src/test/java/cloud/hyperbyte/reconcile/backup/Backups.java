package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.v1alpha1.BackupDestination;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupSpec;
import cloud.hyperbyte.model.v1alpha1.S3Location;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Optional;

/** Backup resources and cluster views for decision tests. */
public final class Backups {

  public static final String NAME = "nightly";
  public static final String NAMESPACE = "prod";
  public static final String CLUSTER = "db";
  public static final String CREATED = "2026-03-01T00:00:00Z";

  private Backups() {}

  /** A one-shot backup of cluster {@value #CLUSTER} to bucket "backups", prefix "hb". */
  public static HyperbytedbBackup oneShot() {
    HyperbytedbBackupSpec spec = new HyperbytedbBackupSpec();
    spec.setClusterName(CLUSTER);
    S3Location s3 = new S3Location();
    s3.setBucket("backups");
    s3.setPrefix("hb/");
    s3.setCredentialsSecretName("s3-creds");
    BackupDestination destination = new BackupDestination();
    destination.setS3(s3);
    spec.setDestination(destination);
    spec.setRetentionDays(7);
    HyperbytedbBackup backup = new HyperbytedbBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NAMESPACE).withGeneration(1L)
        .withCreationTimestamp(CREATED).withUid("backup-uid").build());
    backup.setSpec(spec);
    return backup;
  }

  /** A backup on {@code cron}. */
  public static HyperbytedbBackup scheduled(String cron) {
    HyperbytedbBackup backup = oneShot();
    backup.getSpec().setSchedule(cron);
    return backup;
  }

  /** Three healthy members; db-0 leads. */
  public static BackupObservation.ClusterView healthyCluster() {
    return new BackupObservation.ClusterView("0.8.5", List.of(
        new BackupSourceSelector.Member("db-0", 0, true, true),
        new BackupSourceSelector.Member("db-1", 1, true, false),
        new BackupSourceSelector.Member("db-2", 2, true, false)));
  }

  public static BackupObservation observe(HyperbytedbBackup backup) {
    return new BackupObservation(backup, Optional.of(healthyCluster()), false, Optional.empty());
  }
}
