package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.pod.PodReadings;
import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import cloud.hyperbyte.reconcile.backup.BackupDecision;
import cloud.hyperbyte.reconcile.backup.BackupObservation;
import cloud.hyperbyte.reconcile.backup.BackupPlan;
import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.reconcile.backup.ResourceEvent;
import cloud.hyperbyte.reconcile.backup.RetryPolicy;
import cloud.hyperbyte.reconcile.backup.RunReport;
import cloud.hyperbyte.reconcile.backup.RunRequest;
import cloud.hyperbyte.reconcile.backup.SchedulePolicy;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one HyperbytedbBackup: reads it, its cluster, the cluster's members ({@link
 * ObservedMembers}) and its own backup pods; lets {@link BackupDecision} decide on what the current attempt's pod
 * shows (running, or ended with a {@link RunReport}); writes the status (only when it changed);
 * then creates the decided attempt's pod ({@link BackupPodRenderer}), records the events, and
 * deletes the pods whose outcome is recorded.
 *
 * <p>The data never passes through the operator: the pod takes the snapshot next to the member
 * and uploads it. The operator only creates, watches and reads pods, so an operator restart or a
 * lost Lease interrupts nothing; the pods carry an owner reference to their backup, whose key
 * their watch events wake. Pod policy: the pod of a succeeded attempt is deleted once the status
 * holds its outcome; the pod of the latest failed attempt is kept (its logs explain the failure)
 * until another attempt of the backup starts; every pod goes with its backup.
 *
 * <p>The backup and its pods are read from the API server, not the informer cache: the decision
 * must see the status it wrote last and the pod it created last.
 */
public final class BackupReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(BackupReconciler.class);
  /** The backup pod's {@code activeDeadlineSeconds}, and how long it may stay Pending. */
  public static final Duration DEFAULT_POD_DEADLINE = Duration.ofHours(6);
  /** Longest time an attempt in flight goes without a pass, should a watch event be missed. */
  public static final Duration DEFAULT_SAFETY_REQUEUE = Duration.ofMinutes(5);
  private static final String READ_WRITE_ONCE_POD = "ReadWriteOncePod";

  private final KubernetesClient client;
  private final BackupDecision decision;
  private final String operatorImage;
  private final String clusterDomain;
  private final Clock clock;
  private final Duration podDeadline;
  private final StatusWrites statusWrites;
  private final ResourceEvents events;

  /** With the default retry (5 attempts from 30 s) and schedule (1 h deadline, 10 runs) policies. */
  public BackupReconciler(KubernetesClient client, String operatorImage, String clusterDomain, Clock clock) {
    this(client, new BackupDecision(clock, RetryPolicy.DEFAULT, SchedulePolicy.DEFAULT), operatorImage, clusterDomain,
        clock, DEFAULT_POD_DEADLINE);
  }

  /**
   * @param operatorImage the operator's own image: the backup pods' upload step runs it
   * @param podDeadline a backup pod's {@code activeDeadlineSeconds}, and how long it may stay Pending
   */
  public BackupReconciler(KubernetesClient client, BackupDecision decision, String operatorImage, String clusterDomain,
      Clock clock, Duration podDeadline) {
    this.client = Objects.requireNonNull(client, "client");
    this.decision = Objects.requireNonNull(decision, "decision");
    this.operatorImage = Objects.requireNonNull(operatorImage, "operatorImage");
    this.clusterDomain = Objects.requireNonNull(clusterDomain, "clusterDomain");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.podDeadline = Objects.requireNonNull(podDeadline, "podDeadline");
    this.statusWrites = new StatusWrites(client);
    this.events = new ResourceEvents(client, clock);
  }

  /**
   * Reconciles the backup {@code key} ({@link ResourceKind#BACKUP}).
   *
   * @throws KubernetesClientException when reading or writing fails; the queue retries with
   *     backoff, and no pod was created for an attempt the status does not know
   */
  public ReconcileResult reconcile(ResourceKey key) {
    if (key.kind() != ResourceKind.BACKUP) {
      throw new IllegalArgumentException("not a backup key: " + key);
    }
    HyperbytedbBackup backup =
        client.resources(HyperbytedbBackup.class).inNamespace(key.namespace()).withName(key.name()).get();
    if (backup == null || backup.getMetadata().getDeletionTimestamp() != null) {
      return ReconcileResult.done(); // its pods go with it (owner reference)
    }
    Instant now = clock.instant();
    List<Pod> pods = client.pods().inNamespace(key.namespace())
        .withLabel(BackupPodRenderer.BACKUP_LABEL, BackupPodRenderer.labelValue(key.name())).list().getItems();
    Optional<String> current = currentRunId(backup.getStatus());
    Optional<Pod> currentPod = current.flatMap(id -> pods.stream()
        .filter(p -> BackupPods.runId(p).filter(id::equals).isPresent()).findFirst());
    Optional<RunReport> report = currentPod.flatMap(p -> BackupPods.report(p, now, podDeadline));
    boolean inFlight = currentPod.isPresent() && report.isEmpty();
    Optional<HyperbytedbCluster> cluster = cluster(backup);
    Optional<ObservedMembers> observedMembers = cluster.map(c -> ObservedMembers.read(client, c));
    List<Pod> members = observedMembers.map(ObservedMembers::memberPods).orElse(List.of());
    BackupObservation observed = new BackupObservation(backup, cluster.map(c -> BackupClusterView.of(c,
        observedMembers.orElseThrow(), volumeNotShareable(observedMembers.orElseThrow()))), inFlight, report);
    BackupPlan plan = decision.decide(observed);

    statusWrites.writeIfChanged(backup, plan.status(), HyperbytedbBackup.class);
    boolean notStarted = plan.start().map(request -> !createPod(backup, cluster.orElseThrow(), members, request))
        .orElse(false);
    plan.events().forEach(event -> events.record(backup, event));
    deleteRecorded(pods, plan.status());

    // an attempt whose pod could not be made is found interrupted by the next pass, which retries it
    Optional<Instant> wake = notStarted ? Optional.of(now) : plan.requeueAt();
    if (inFlight) {
      // a watch event ends the wait; the clock only for a pod that never starts, or a missed event
      Instant safety = now.plus(DEFAULT_SAFETY_REQUEUE);
      Instant givenUp = currentPod.flatMap(p -> BackupPods.startGivenUpAt(p, podDeadline)).orElse(safety);
      Instant at = givenUp.isBefore(safety) ? givenUp : safety;
      wake = Optional.of(wake.filter(w -> w.isBefore(at)).orElse(at));
    }
    return wake.map(ReconcileResult::requeueAt).orElse(ReconcileResult.done());
  }

  /** Creates the attempt's pod; false when it cannot be rendered (no valid cluster spec, no node). */
  private boolean createPod(HyperbytedbBackup backup, HyperbytedbCluster cluster, List<Pod> members,
      RunRequest request) {
    Validated<ClusterSpec> spec = ClusterSpecFactory.from(cluster, clusterDomain);
    Optional<Pod> source = members.stream().filter(p -> p.getMetadata().getName().equals(request.sourcePod())).findFirst();
    Optional<String> node = source.map(p -> p.getSpec().getNodeName()).filter(n -> !n.isBlank());
    if (spec.value().isEmpty() || node.isEmpty()) {
      // the next pass finds no pod for the attempt and retries it as interrupted
      String why = spec.value().isEmpty() ? "the cluster's spec does not validate"
          : "member " + request.sourcePod() + " has no node";
      LOG.warn("backup {}/{}: attempt {} not started: {}", request.namespace(), request.backupName(), request.runId(), why);
      events.record(backup, ResourceEvent.warning("BackupPodNotCreated", "attempt " + request.runId()
          + " could not be started: " + why));
      return false;
    }
    Pod pod = BackupPodRenderer.render(new BackupPodRenderer.Request(spec.value().get(), request,
        Optional.ofNullable(backup.getMetadata().getUid()), node.get(), PodReadings.ordinal(source.get()), podDeadline,
        operatorImage));
    try {
      client.pods().inNamespace(request.namespace()).resource(pod).create();
      LOG.info("backup {}/{}: attempt {} in pod {} on node {}", request.namespace(), request.backupName(),
          request.runId(), pod.getMetadata().getName(), node.get());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // created by this operator's previous pass, or by a previous leader: the same attempt
    }
    return true;
  }

  /** Deletes the pods whose outcome the status holds, keeping the latest failed attempt's pod for its logs. */
  private void deleteRecorded(List<Pod> pods, HyperbytedbBackupStatus status) {
    Optional<String> latest = latestRunId(status);
    for (Pod pod : pods) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      Optional<String> runId = BackupPods.runId(pod);
      boolean isLatest = runId.isPresent() && runId.equals(latest);
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      boolean finished = "Succeeded".equals(phase) || "Failed".equals(phase);
      boolean keep = isLatest && (!finished || "Failed".equals(phase));
      if (!keep) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
      }
    }
  }

  /** The attempt in flight: the status is Running. */
  private static Optional<String> currentRunId(HyperbytedbBackupStatus status) {
    if (status == null || !BackupDecision.RUNNING.equals(status.getPhase())) {
      return Optional.empty();
    }
    return latestRunId(status);
  }

  /** The last attempt the status knows of. */
  private static Optional<String> latestRunId(HyperbytedbBackupStatus status) {
    if (status == null || status.getStartTime() == null || status.getAttempts() == null || status.getAttempts() < 1) {
      return Optional.empty();
    }
    return Optional.of(BackupDecision.runId(status.getStartTime(), status.getAttempts()));
  }

  private Optional<HyperbytedbCluster> cluster(HyperbytedbBackup backup) {
    String clusterName = backup.getSpec() == null ? null : backup.getSpec().getClusterName();
    if (clusterName == null || clusterName.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(client.resources(HyperbytedbCluster.class)
        .inNamespace(backup.getMetadata().getNamespace()).withName(clusterName).get());
  }

  /** A ReadWriteOncePod member claim: no second pod may mount it while the member runs. */
  private static Optional<String> volumeNotShareable(ObservedMembers members) {
    return members.dataClaims().stream()
        .filter(BackupReconciler::readWriteOncePod)
        .map(pvc -> "PersistentVolumeClaim " + pvc.getMetadata().getName() + " is " + READ_WRITE_ONCE_POD
            + ": no pod but the member can mount it, so a backup pod cannot read it while the member runs;"
            + " use ReadWriteOnce claims (spec.storage) or back up with volume snapshots")
        .findFirst();
  }

  private static boolean readWriteOncePod(PersistentVolumeClaim pvc) {
    return pvc.getSpec() != null && pvc.getSpec().getAccessModes() != null
        && pvc.getSpec().getAccessModes().contains(READ_WRITE_ONCE_POD);
  }
}
