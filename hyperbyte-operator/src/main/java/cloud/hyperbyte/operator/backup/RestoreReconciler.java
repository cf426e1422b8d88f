package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.restore.RestoreAction;
import cloud.hyperbyte.reconcile.restore.RestoreDecision;
import cloud.hyperbyte.reconcile.restore.RestoreObservation;
import cloud.hyperbyte.reconcile.restore.RestorePlan;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import cloud.hyperbyte.reconcile.restore.SnapshotResolution;
import cloud.hyperbyte.reconcile.restore.SnapshotResolver;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one HyperbytedbRestore: observes the restore, its cluster (spec, hold annotation, and
 * its member pods, data PVCs and member health as {@link ObservedMembers} reads them for backups
 * too), the snapshot ({@link SnapshotResolver}, pinned in status once chosen),
 * and this restore's pods; lets {@link RestoreDecision} decide; writes the
 * status first (the pinned snapshot and the restored volumes survive a restart), then the actions
 * (hold, restore pods, release), then the events.
 *
 * <p>Progress follows watch events: restore pods carry an owner reference to the restore, and the
 * operator routes the events of the cluster (status included), its StatefulSet and its pods to the
 * restores in progress on it ({@link RestoreWakeups}). While a restore waits it still
 * looks again every {@code safetyRequeue}, a net for a missed event, not the pace of progress.
 */
public final class RestoreReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreReconciler.class);
  /** How long ScalingUp may take before the restore is Failed (the data is restored by then). */
  public static final Duration DEFAULT_SCALE_UP_TIMEOUT = Duration.ofMinutes(30);
  /** Look again this soon after the object store was unavailable (nothing to watch there). */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(10);
  /** Longest time a waiting restore goes without a pass, should a watch event be missed. */
  public static final Duration DEFAULT_SAFETY_REQUEUE = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final ObjectStoreFactory stores;
  private final SecretCredentials credentials;
  private final RestoreDecision decision;
  private final String clusterDomain;
  private final Clock clock;
  private final Duration safetyRequeue;
  private final StatusWrites statusWrites;
  private final RestoreActions actions;
  private final ResourceEvents events;

  /**
   * With the default scale-up timeout, retry interval and safety requeue.
   *
   * @param operatorImage the operator's own image: the restore pods' fetch step runs it
   * @param clusterDomain DNS domain of the Kubernetes cluster (as for the cluster reconciler)
   */
  public RestoreReconciler(
      KubernetesClient client, ObjectStoreFactory stores, String operatorImage, String clusterDomain, Clock clock) {
    this(client, stores, clusterDomain, clock,
        new RestoreDecision(clock, operatorImage, DEFAULT_SCALE_UP_TIMEOUT, DEFAULT_RETRY_INTERVAL),
        DEFAULT_SAFETY_REQUEUE);
  }

  /** @param safetyRequeue longest time a restore in progress goes without a pass */
  public RestoreReconciler(
      KubernetesClient client,
      ObjectStoreFactory stores,
      String clusterDomain,
      Clock clock,
      RestoreDecision decision,
      Duration safetyRequeue) {
    this.client = Objects.requireNonNull(client, "client");
    this.stores = Objects.requireNonNull(stores, "stores");
    this.credentials = new SecretCredentials(client);
    this.decision = Objects.requireNonNull(decision, "decision");
    this.clusterDomain = Objects.requireNonNull(clusterDomain, "clusterDomain");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.safetyRequeue = Objects.requireNonNull(safetyRequeue, "safetyRequeue");
    this.statusWrites = new StatusWrites(client);
    this.actions = new RestoreActions(client);
    this.events = new ResourceEvents(client, clock);
  }

  /**
   * Reconciles the restore {@code key} ({@link ResourceKind#RESTORE}).
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when a read or write fails; the
   *     queue retries with backoff, and the next pass repeats what did not happen
   */
  public ReconcileResult reconcile(ResourceKey key) {
    if (key.kind() != ResourceKind.RESTORE) {
      throw new IllegalArgumentException("not a restore key: " + key);
    }
    String namespace = key.namespace();
    HyperbytedbRestore restore =
        client.resources(HyperbytedbRestore.class).inNamespace(namespace).withName(key.name()).get();
    if (restore == null || restore.getMetadata().getDeletionTimestamp() != null || restore.getSpec() == null) {
      // its pods go with it (owner reference); a hold it leaves is released by hand, see ClusterHeld
      return ReconcileResult.done();
    }
    String clusterName = restore.getSpec().getClusterName();
    Optional<HyperbytedbCluster> cluster = Optional.ofNullable(clusterName).map(name ->
        client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(name).get());
    Optional<ObservedMembers> members = cluster.map(c -> ObservedMembers.read(client, c));
    RestoreObservation observed = new RestoreObservation(
        restore,
        cluster.map(c -> clusterView(c, members.orElseThrow())),
        snapshot(restore),
        members.map(RestoreReconciler::dataPvcs).orElse(Set.of()),
        restorePods(namespace, key.name()));
    RestorePlan plan = decision.decide(observed);

    statusWrites.writeIfChanged(restore, plan.status(), HyperbytedbRestore.class);
    for (RestoreAction action : plan.actions()) {
      LOG.info("restore {}: {}", key, describe(action));
      actions.execute(namespace, action);
    }
    plan.events().forEach(event -> events.record(restore, event));
    String phase = plan.status().getPhase();
    // a failed restore still waits for the restore pods it stopped (their deletion is watched)
    boolean stopping = RestoreDecision.FAILED.equals(phase) && observed.restorePodsUnfinished();
    if (RestoreDecision.COMPLETED.equals(phase) || (RestoreDecision.FAILED.equals(phase) && !stopping)) {
      return ReconcileResult.done();
    }
    Instant safety = clock.instant().plus(safetyRequeue);
    return ReconcileResult.requeueAt(plan.requeueAt().filter(at -> at.isBefore(safety)).orElse(safety));
  }

  private RestoreObservation.ClusterView clusterView(HyperbytedbCluster cluster, ObservedMembers members) {
    int memberPods = members.pods().size();
    Validated<ClusterSpec> validated = ClusterSpecFactory.from(cluster, clusterDomain);
    if (validated.value().isEmpty()) {
      // nothing can be rendered for it: the decision waits, showing why, instead of the pass failing
      Map<String, String> annotations = cluster.getMetadata().getAnnotations();
      Optional<String> heldBy = Optional.ofNullable(
          annotations == null ? null : annotations.get(OperatorPaths.RESTORE_HOLD_ANNOTATION));
      return RestoreObservation.ClusterView.invalid(
          validated.errors().stream().map(Problem::describe).toList(), heldBy, memberPods,
          cluster.getSpec() != null && Boolean.TRUE.equals(cluster.getSpec().getPaused()));
    }
    ClusterSpec spec = validated.value().get();
    return new RestoreObservation.ClusterView(spec, spec.heldBy(), memberPods, ready(cluster, spec, members));
  }

  /**
   * The cluster reconciler no longer shows a hold and reports the cluster Ready, and every member
   * the spec asks for serves ({@link ObservedMembers#serving}, the test the cluster's status and
   * backups use).
   */
  private static boolean ready(HyperbytedbCluster cluster, ClusterSpec spec, ObservedMembers members) {
    HyperbytedbClusterStatus status = cluster.getStatus();
    if (status == null || status.getHeldBy() != null || status.getConditions() == null) {
      return false;
    }
    boolean readyCondition = status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return readyCondition && members.allServing(spec.replicas());
  }

  private SnapshotResolution snapshot(HyperbytedbRestore restore) {
    String namespace = restore.getMetadata().getNamespace();
    String backupName = restore.getSpec().getBackupName();
    Optional<HyperbytedbBackup> backup = backupName == null || backupName.isBlank() ? Optional.empty()
        : Optional.ofNullable(
            client.resources(HyperbytedbBackup.class).inNamespace(namespace).withName(backupName).get());
    List<ObjectStore> opened = new ArrayList<>();
    try {
      return new SnapshotResolver(settings -> {
        ObjectStore store = stores.open(settings, readCredentials(namespace, settings));
        opened.add(store);
        return store;
      }).resolve(restore, backup);
    } finally {
      opened.forEach(RestoreReconciler::closeQuietly);
    }
  }

  private Optional<cloud.hyperbyte.reconcile.backup.S3Credentials> readCredentials(
      String namespace, S3Settings settings) {
    try {
      return credentials.read(namespace, settings);
    } catch (SecretCredentials.MissingCredentialsException e) {
      // the resolver reports it as a refused store: a Failed restore naming the Secret
      throw new ObjectStoreException(ObjectStoreException.Reason.ACCESS_DENIED, e.getMessage(), e);
    }
  }

  private static Set<String> dataPvcs(ObservedMembers members) {
    return members.dataClaims().stream().map(pvc -> pvc.getMetadata().getName()).collect(Collectors.toSet());
  }

  private Map<String, RestoreObservation.PodView> restorePods(String namespace, String restoreName) {
    return client.pods().inNamespace(namespace).withLabel(RestorePodRenderer.RESTORE_LABEL, restoreName).list()
        .getItems().stream()
        .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), PodStates::restorePod));
  }

  private static String describe(RestoreAction action) {
    if (action instanceof RestoreAction.CreatePod create) {
      Pod pod = create.pod();
      return "create restore pod " + pod.getMetadata().getName();
    }
    return action.toString();
  }

  private static void closeQuietly(ObjectStore store) {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("closing an object store: {}", e.toString());
      }
    }
  }
}
