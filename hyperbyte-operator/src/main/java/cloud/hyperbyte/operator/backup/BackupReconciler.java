package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import cloud.hyperbyte.reconcile.backup.BackupDecision;
import cloud.hyperbyte.reconcile.backup.BackupObservation;
import cloud.hyperbyte.reconcile.backup.BackupPlan;
import cloud.hyperbyte.reconcile.backup.RetryPolicy;
import cloud.hyperbyte.reconcile.backup.RunReport;
import cloud.hyperbyte.reconcile.backup.SchedulePolicy;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one HyperbytedbBackup: reads it, its cluster and the cluster's member pods, lets
 * {@link BackupDecision} decide, writes the status (only when it changed), then starts the decided
 * attempt on {@link BackupRuns} (never on the reconcile thread: the attempt streams the whole
 * backup), records the events and asks to be requeued at the next schedule slot or retry time. The
 * attempt's end wakes the backup's key through {@link BackupRuns}' callback.
 *
 * <p>The backup is read from the API server, not the informer cache: the decision must see the
 * status it wrote last, or it could start a run the status already finished.
 */
public final class BackupReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(BackupReconciler.class);

  private final KubernetesClient client;
  private final BackupRuns runs;
  private final BackupDecision decision;
  private final StatusWrites statusWrites;
  private final ResourceEvents events;

  /** With the default retry (5 attempts from 30 s) and schedule (1 h deadline, 10 runs) policies. */
  public BackupReconciler(KubernetesClient client, BackupRuns runs, Clock clock) {
    this(client, runs, new BackupDecision(clock, RetryPolicy.DEFAULT, SchedulePolicy.DEFAULT), clock);
  }

  public BackupReconciler(KubernetesClient client, BackupRuns runs, BackupDecision decision, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.decision = Objects.requireNonNull(decision, "decision");
    this.statusWrites = new StatusWrites(client);
    this.events = new ResourceEvents(client, clock);
  }

  /**
   * Reconciles the backup {@code key} ({@link ResourceKind#BACKUP}).
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when reading or writing status
   *     fails; the queue retries with backoff and no attempt was started
   */
  public ReconcileResult reconcile(ResourceKey key) {
    if (key.kind() != ResourceKind.BACKUP) {
      throw new IllegalArgumentException("not a backup key: " + key);
    }
    HyperbytedbBackup backup =
        client.resources(HyperbytedbBackup.class).inNamespace(key.namespace()).withName(key.name()).get();
    if (backup == null || backup.getMetadata().getDeletionTimestamp() != null) {
      runs.forget(key);
      return ReconcileResult.done();
    }
    Optional<RunReport> report = runs.report(key);
    BackupObservation observed =
        new BackupObservation(backup, cluster(backup), runs.inFlight(key), report);
    BackupPlan plan = decision.decide(observed);

    statusWrites.writeIfChanged(backup, plan.status(), HyperbytedbBackup.class);
    report.ifPresent(r -> runs.consumed(key, r));
    plan.start().ifPresent(request -> {
      if (runs.start(key, request)) {
        LOG.info("backup {}: attempt {} from {}", key, request.runId(), request.sourcePod());
      }
    });
    plan.events().forEach(event -> events.record(backup, event));
    return plan.requeueAt().map(ReconcileResult::requeueAt).orElse(ReconcileResult.done());
  }

  private Optional<BackupObservation.ClusterView> cluster(HyperbytedbBackup backup) {
    String clusterName = backup.getSpec() == null ? null : backup.getSpec().getClusterName();
    if (clusterName == null || clusterName.isBlank()) {
      return Optional.empty();
    }
    String namespace = backup.getMetadata().getNamespace();
    HyperbytedbCluster cluster =
        client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(clusterName).get();
    if (cluster == null) {
      return Optional.empty();
    }
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(ClusterLabels.selector(clusterName)).list()
        .getItems();
    return Optional.of(BackupClusterView.of(cluster, pods));
  }
}
