package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.PodExec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The backup and restore side of the operator process, wired: exec through fabric8, S3 through the
 * AWS SDK, backup attempts on their own bounded pool, and the two reconcilers the work queue's
 * router sends {@code BACKUP} and {@code RESTORE} keys to. Closing it stops the attempt pool (an
 * attempt cut short is retried by the next leader as an interrupted attempt) and the exec watchdog.
 */
public final class BackupRestoreReconcilers implements AutoCloseable {

  /** Attempts running at once across all backups. */
  public static final int DEFAULT_WORKERS = 2;
  /** Longest exec session: a backup's whole tar stream must fit in it. */
  public static final Duration DEFAULT_EXEC_SESSION_LIMIT = Duration.ofHours(6);
  /** Wait for a member command's exit once its output has ended. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

  private final FabricPodExec ownExec;
  private final BackupRuns runs;
  private final BackupReconciler backups;
  private final RestoreReconciler restores;

  private BackupRestoreReconcilers(
      FabricPodExec ownExec, BackupRuns runs, BackupReconciler backups, RestoreReconciler restores) {
    this.ownExec = ownExec;
    this.runs = runs;
    this.backups = backups;
    this.restores = restores;
  }

  /**
   * Production wiring.
   *
   * @param operatorImage the operator's own image (restore pods run its {@code restore-fetch})
   * @param clusterDomain DNS domain of the Kubernetes cluster
   * @param attemptFinished told a backup's key when its attempt ended: the work queue's {@code add}
   */
  public static BackupRestoreReconcilers create(
      KubernetesClient client, String operatorImage, String clusterDomain, Clock clock,
      Consumer<ResourceKey> attemptFinished) {
    FabricPodExec exec = new FabricPodExec(client, DEFAULT_EXEC_SESSION_LIMIT);
    return create(client, exec, new S3ObjectStoreFactory(), operatorImage, clusterDomain, clock, attemptFinished,
        exec);
  }

  /** Wiring with another exec and object store (tests, embedders). */
  public static BackupRestoreReconcilers create(
      KubernetesClient client, PodExec exec, ObjectStoreFactory stores, String operatorImage, String clusterDomain,
      Clock clock, Consumer<ResourceKey> attemptFinished) {
    return create(client, exec, stores, operatorImage, clusterDomain, clock, attemptFinished, null);
  }

  private static BackupRestoreReconcilers create(
      KubernetesClient client, PodExec exec, ObjectStoreFactory stores, String operatorImage, String clusterDomain,
      Clock clock, Consumer<ResourceKey> attemptFinished, FabricPodExec ownExec) {
    Objects.requireNonNull(attemptFinished, "attemptFinished");
    BackupAttempt attempt =
        new BackupAttempt(new SecretCredentials(client), stores, exec, clock, DEFAULT_COMMAND_TIMEOUT);
    BackupRuns runs = new BackupRuns(attempt, DEFAULT_WORKERS, attemptFinished, clock);
    return new BackupRestoreReconcilers(ownExec, runs,
        new BackupReconciler(client, runs, clock),
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

  /** Leadership lost: every backup attempt in flight here is cancelled ({@link BackupRuns#cancelAll()}). */
  public void cancelRunningBackups() {
    runs.cancelAll();
  }

  @Override
  public void close() throws InterruptedException {
    runs.shutdown(Duration.ofSeconds(5));
    if (ownExec != null) {
      ownExec.close();
    }
  }
}
