package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * The backup and restore side of the operator process, wired: the two reconcilers the work queue's
 * router sends {@code BACKUP} and {@code RESTORE} keys to. Both move data in pods of their own
 * (backup pods next to the source member, restore pods on the restored volumes); the operator
 * creates, watches and reads them, so nothing of a backup or restore runs in its JVM.
 */
public final class BackupRestoreReconcilers {

  private final BackupReconciler backups;
  private final RestoreReconciler restores;

  private BackupRestoreReconcilers(BackupReconciler backups, RestoreReconciler restores) {
    this.backups = backups;
    this.restores = restores;
  }

  /**
   * Production wiring.
   *
   * @param operatorImage the operator's own image (backup pods upload with it, restore pods fetch with it)
   * @param clusterDomain DNS domain of the Kubernetes cluster
   */
  public static BackupRestoreReconcilers create(
      KubernetesClient client, String operatorImage, String clusterDomain, Clock clock) {
    return create(client, new S3ObjectStoreFactory(), operatorImage, clusterDomain, clock);
  }

  /** Wiring with another object store for the restores' snapshot lookups (tests, embedders). */
  public static BackupRestoreReconcilers create(
      KubernetesClient client, ObjectStoreFactory stores, String operatorImage, String clusterDomain, Clock clock) {
    return new BackupRestoreReconcilers(
        new BackupReconciler(client, operatorImage, clusterDomain, clock),
        new RestoreReconciler(client, stores, operatorImage, clusterDomain, clock));
  }

  /** Reconciles {@code BACKUP} keys. */
  public BackupReconciler backups() {
    return backups;
  }

  /** Reconciles {@code RESTORE} keys. */
  public RestoreReconciler restores() {
    return restores;
  }
}
