package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.seed.SeedExecutor;
import cloud.hyperbyte.operator.seed.SeedObserver;
import cloud.hyperbyte.reconcile.seed.SeedDecision;
import cloud.hyperbyte.reconcile.seed.SeedPlan;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.reconcile.seed.SeedStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.security.SecureRandom;
import java.util.OptionalInt;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.database.DatabaseClients;
import cloud.hyperbyte.operator.kube.EventRecorder;
import cloud.hyperbyte.operator.kube.FabricClusterWrites;
import cloud.hyperbyte.operator.kube.FabricObjectWriter;
import cloud.hyperbyte.operator.kube.GenericKinds;
import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.kube.OwnWrites;
import cloud.hyperbyte.operator.metrics.CertificateExpiryMetrics;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.adoption.AdoptionDecision;
import cloud.hyperbyte.reconcile.adoption.AdoptionPlan;
import cloud.hyperbyte.reconcile.adoption.SecretTypeChange;
import cloud.hyperbyte.reconcile.apply.ApplyExecutor;
import cloud.hyperbyte.reconcile.apply.ApplyPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlanner;
import cloud.hyperbyte.reconcile.apply.FieldManager;
import cloud.hyperbyte.reconcile.apply.GroupKind;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.auth.AppliedCredentials;
import cloud.hyperbyte.reconcile.auth.AuthDecision;
import cloud.hyperbyte.reconcile.auth.AuthPlan;
import cloud.hyperbyte.reconcile.auth.CredentialsSecret;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.PauseDecision;
import cloud.hyperbyte.reconcile.execute.ActionExecutor;
import cloud.hyperbyte.reconcile.execute.ActionFailure;
import cloud.hyperbyte.reconcile.execute.ExecutionResult;
import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import cloud.hyperbyte.reconcile.plan.ReconcilePass;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.SnapshotCollector;
import cloud.hyperbyte.reconcile.status.CertificateExpiryStatus;
import cloud.hyperbyte.reconcile.status.ClusterConditions;
import cloud.hyperbyte.reconcile.status.ClusterStatusDeriver;
import cloud.hyperbyte.reconcile.status.SettingsIgnoredCondition;
import cloud.hyperbyte.reconcile.status.TlsReadyCondition;
import cloud.hyperbyte.reconcile.storage.StoragePlan;
import cloud.hyperbyte.reconcile.storage.StorageStatusReport;
import cloud.hyperbyte.reconcile.tls.CertificateExpiry;
import cloud.hyperbyte.reconcile.tls.CertificateExpiryDecision;
import cloud.hyperbyte.reconcile.tls.TlsMaterial;
import cloud.hyperbyte.reconcile.tls.TlsMaterialDecision;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.ImmutableRenderOptions;
import cloud.hyperbyte.render.RenderedCluster;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of one HyperbytedbCluster, kept thin: read the caches, build the snapshot, render,
 * apply what differs, run the lifecycle decisions, carry out their actions, write the status when
 * it changed, and requeue when the decisions ask. Every decision is made in hyperbyte-reconcile.
 *
 * <p>Own writes first (product §3.7a): a pass never decides on a cache that does not yet show the
 * status this operator last wrote (the lifecycle's memory lives there); and if the cache does not yet
 * show its other writes of an earlier pass, the pass's disruptive actions are held back until the
 * watch delivers them (which enqueues the cluster again).
 */
public final class ClusterReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterReconciler.class);
  /** A fallback look when held-back actions wait for the cache; the watch event normally comes first. */
  static final Duration STALE_CACHE_RETRY = Duration.ofSeconds(2);
  /** HTTP status of an object the API server refuses to store (Invalid). */
  private static final int INVALID = 422;
  /** The watch delivers the operator's own status write within milliseconds; status-only updates enqueue nothing. */
  static final Duration OWN_STATUS_RETRY = Duration.ofMillis(250);
  /** Each seed pod's activeDeadlineSeconds: the backup, the transfer and the restore of one member. */
  static final Duration SEED_POD_DEADLINE = Duration.ofHours(2);
  private static final SecureRandom SEED_TOKENS = new SecureRandom();

  private final KubernetesClient client;
  private final InformerCaches caches;
  private final OwnWrites ownWrites;
  private final OperatorMetrics metrics;
  private final DatabaseClients databases;
  private final ProxyAdmin proxyAdmin;
  private final ExecutorService probes;
  private final Duration probeBudget;
  private final String clusterDomain;
  private final Clock clock;
  private final ClusterLifecycle lifecycle;
  private final ClusterStatusDeriver statusDeriver;
  private final TlsMaterialDecision tlsDecision;
  private final CertificateExpiryDecision expiryDecision;
  private final CertificateExpiryMetrics certificateMetrics;
  private final ApplyPlanner planner = ApplyPlanner.withDefaults();
  private final ClusterObservations observations;
  private final Fence fence;
  private final Optional<String> operatorImage;
  /** Outlives passes: a repeated Event is counted on the one recorded before. */
  private final EventRecorder events;

  public ClusterReconciler(ClusterReconcilerSettings settings) {
    this.client = settings.client();
    this.caches = settings.caches();
    this.ownWrites = settings.ownWrites();
    this.metrics = settings.metrics();
    this.databases = settings.databases();
    this.proxyAdmin = settings.proxyAdmin();
    this.probes = settings.probes();
    this.probeBudget = settings.probeBudget();
    this.clusterDomain = settings.clusterDomain();
    this.clock = settings.clock();
    this.lifecycle = new ClusterLifecycle(clock, settings.timings());
    this.statusDeriver = new ClusterStatusDeriver(clock);
    this.tlsDecision = settings.tlsDecision();
    this.expiryDecision = settings.expiryDecision();
    this.certificateMetrics = settings.certificateMetrics();
    this.observations = new ClusterObservations(caches, new StorageClassLookup(client));
    this.fence = settings.fence();
    this.operatorImage = settings.operatorImage();
    this.events = new EventRecorder(client);
  }

  /** Reconciles the cluster {@code key}. */
  public ReconcileResult reconcile(ResourceKey key) throws Exception {
    Optional<HyperbytedbCluster> found = caches.clusters().get(key.namespace(), key.name());
    if (found.isPresent() && found.get().getMetadata().getDeletionTimestamp() != null) {
      // the Go operator's finalizer would hold the deletion forever: nothing here runs it
      releaseGoFinalizer(found.get());
    }
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
      // owned objects go with the cluster through their ownerReferences
      ownWrites.forget(key);
      certificateMetrics.forget(key.namespace(), key.name());
      return ReconcileResult.done();
    }
    ClusterRef ref = new ClusterRef(key.namespace(), key.name());
    List<ObjectRef> unseenWrites = ownWrites.pending(key, caches::live);
    if (unseenWrites.stream().anyMatch(write -> write.groupKind().equals(GroupKind.HYPERBYTEDB_CLUSTER))) {
      // the lifecycle's memory (operation progress, failover counts) lives in status: deciding on a
      // status older than the one this operator last wrote could repeat or forget an operation
      LOG.debug("cache does not show the last status written to {} yet; looking again shortly", ref.name());
      return ReconcileResult.requeueAt(clock.instant().plus(OWN_STATUS_RETRY));
    }
    // read again after the check: the object read above may predate the write the check just saw
    found = caches.clusters().get(key.namespace(), key.name());
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
      ownWrites.forget(key);
      certificateMetrics.forget(key.namespace(), key.name());
      return ReconcileResult.done();
    }
    HyperbytedbCluster cluster = found.get();
    FabricClusterWrites writes = new FabricClusterWrites(client, ownWrites, metrics,
        r -> Optional.ofNullable(cluster.getMetadata().getUid()), clock, events);
    long generation = cluster.getMetadata().getGeneration() == null ? 0 : cluster.getMetadata().getGeneration();

    Validated<ClusterSpec> validated = ClusterSpecFactory.from(cluster, clusterDomain);
    if (!validated.isValid()) {
      boolean written = writeStatusIfChanged(writes, ref, cluster,
          InvalidSpecStatus.of(cluster.getStatus(), generation, validated.errors(), clock.instant()));
      return written ? ReconcileResult.done() : ReconcileResult.requeueAt(clock.instant().plus(STALE_CACHE_RETRY));
    }
    ClusterSpec spec = validated.value().orElseThrow();

    Optional<Secret> mountedSecret = tlsSecret(spec);
    TlsMaterial tls = tlsDecision.decide(spec, observations.operatorSecret(spec, ClusterNames.of(spec).caSecret()),
        mountedSecret);
    var renderOptions = ImmutableRenderOptions.builder().certificateHash(tls.certificateHash()).build();
    // the credentials the database has; auth stays off in the config until the admin user exists
    Optional<AdminCredentials> appliedCredentials = AppliedCredentials.read(
        observations.operatorSecret(spec, ClusterNames.of(spec).appliedCredentialsSecret()));
    ClusterSpec authRendered = AuthDecision.specToRender(spec, appliedCredentials);
    DatabaseNodes nodes = databases.forCluster(
        DatabaseAccess.connection(spec, tlsSecret(spec), appliedCredentials));
    ObservedCluster observed = observations.observe(spec, cluster, generation,
        ClusterRenderer.render(authRendered, renderOptions), new SnapshotCollector(nodes, probes, probeBudget));
    // new members start only on seeded claims (product 3.4); seed pods need the operator's image
    ObservedCluster probed = observed;
    Optional<SeedPlan> seeding = operatorImage.map(image -> SeedDecision.decide(SeedObserver.observe(probed,
        caches.owned(Pod.class).ownedBy(key), caches.owned(PersistentVolumeClaim.class).ownedBy(key),
        caches.owned(Secret.class).ownedBy(key))));
    if (seeding.isPresent()) {
      observed = ImmutableObservedCluster.copyOf(observed)
          .withSeededReplicas(OptionalInt.of(seeding.get().allowedReplicas()));
    }
    // the pass renders from the same observation the lifecycle decides on, so the two agree on the
    // replicas; a proxy that follows the version keeps its image until the members are done
    ReconcilePass pass = ReconcilePass.decide(observed, authRendered, renderOptions, lifecycle);
    observed = pass.observed();
    RenderedCluster rendered = observed.rendered();
    StoragePlan storage = pass.storage();
    List<HasMetadata> owned = caches.ownedBy(key);
    AdoptionPlan adoption = AdoptionDecision.decide(observed, cluster.getSpec() == null || cluster.getSpec().getProxy() == null,
        finalizers(cluster), owned);
    LifecyclePlan plan = adoption.mergeInto(pass.lifecycle(), LifecycleMemory.from(observed.lastStatus()));
    if (adoption.removeFinalizer() && !spec.paused()) {
      releaseGoFinalizer(cluster);
      // the patch changed the cluster's resourceVersion: the status is written on the next pass
      return ReconcileResult.requeueAt(clock.instant().plus(OWN_STATUS_RETRY));
    }
    // read once, so the objects skipped and the condition agree even if a CRD comes or goes meanwhile
    Set<GenericKinds> neededKinds = OptionalKinds.renderedIn(rendered);
    Set<GenericKinds> missingKinds = EnumSet.noneOf(GenericKinds.class);
    neededKinds.stream().filter(kind -> !caches.watches(kind)).forEach(missingKinds::add);

    FabricObjectWriter writer = new FabricObjectWriter(client, ownWrites, metrics, key);
    try {
      // certificates are renewed even while paused, so a long pause cannot let them expire
      for (Secret secret : tls.secretsToWrite()) {
        replaceIfTypeChanged(writes, ref, cluster, secret);
        writer.apply(secret, FieldManager.NAME);
      }
      if (plan.writesWorkloads()) {
        ApplyPlan applyPlan = planner.plan(cluster.getMetadata().getUid(),
            pass.desired(object -> skipped(object, missingKinds) || !adopted(object, adoption)),
            adoption.prunable(owned));
        if (applyPlan.hasWrites()) {
          // the StatefulSet's partition and replicas travel here: a restart or removal as much as an action
          fence.check("apply " + applyPlan.describe());
          LOG.info("applying {}", applyPlan.describe());
        }
        Optional<StatefulSet> partitioned = observed.statefulSet().filter(live -> switchesToOnDelete(live, rendered));
        if (partitioned.isPresent()) {
          fence.check("switch StatefulSet " + partitioned.get().getMetadata().getName() + " to OnDelete");
          writer.switchToOnDelete(partitioned.get());
        }
        new ApplyExecutor(writer).execute(applyPlan);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != INVALID) {
        throw e;
      }
      return refused(writes, ref, cluster, generation, e);
    }

    AuthPlan auth = PauseDecision.paused(observed) || spec.heldBy().isPresent() ? AuthPlan.none()
        : AuthDecision.decide(observed, spec.auth().enabled() ? spec.auth().credentialsSecretName()
            .map(name -> CredentialsSecret.read(name, readSecret(spec.namespace(), name))) : Optional.empty(),
            appliedCredentials);
    List<Action> actions = new ArrayList<>(plan.actions());
    auth.action().ifPresent(actions::add);
    boolean heldBack = !unseenWrites.isEmpty() && actions.stream().anyMatch(Action::disruptive);
    if (heldBack) {
      LOG.info("holding back {} action(s) until the cache shows the operator's earlier writes to {}",
          actions.size(), unseenWrites);
    } else {
      ExecutionResult executed = new ActionExecutor(nodes, proxyAdmin, writes, fence).execute(ref, actions);
      executed.effective().forEach(action -> LOG.info("{}: {}", action.event().reason(), action.event().message()));
      // recorded only once the database took them: from now on they authenticate, and auth may be on
      for (Action done : executed.completed()) {
        if (done instanceof Action.ApplyAdminCredentials credentials) {
          fence.check("record the applied admin credentials of " + ref.name());
          writer.apply(AppliedCredentials.secret(spec, credentials.wanted()), FieldManager.NAME);
        }
      }
      if (executed.failure().isPresent()) {
        // the planned status assumes every action happened: it is not written, and the pass is retried
        ActionFailure failure = executed.failure().get();
        throw new ActionFailedException(failure);
      }
    }

    // a pause freezes the cluster's owned objects, and seed pods and seeded claims are such objects
    // (fault campaign seeds 1018, 1024, 1032, 1034 caught them written while paused); seeding goes on after the resume
    if (seeding.isPresent() && !seeding.get().actions().isEmpty() && !PauseDecision.paused(observed)) {
      StatefulSet memberTemplate = rendered.get(StatefulSet.class, ClusterNames.of(spec).statefulSet());
      new SeedExecutor(client, writes, fence, SEED_TOKENS).execute(ref,
          new SeedPodRenderer.Context(spec, memberTemplate, operatorImage.get(), SEED_POD_DEADLINE), seeding.get());
    }

    HyperbytedbClusterStatus status = statusDeriver.derive(observed, plan);
    seeding.ifPresent(seed -> SeedStatus.apply(status, seed, spec.name(), ClusterConditions.of(cluster.getStatus()),
        generation, clock.instant()));
    if (auth.ready().isPresent()) {
      ClusterConditions.put(status, ClusterConditions.condition(ClusterConditions.of(cluster.getStatus()),
          AuthDecision.CONDITION, auth.ready().get(), auth.reason(), auth.message(), generation, clock.instant()));
    }
    CrdsInstalledCondition.set(status, cluster.getStatus(), neededKinds, missingKinds, generation, clock.instant());
    ClusterConditions.put(status,
        TlsReadyCondition.of(tls, ClusterConditions.of(cluster.getStatus()), generation, clock.instant()));
    SettingsIgnoredCondition.apply(status, spec, ClusterConditions.of(cluster.getStatus()), generation, clock.instant());
    StorageStatusReport.put(status, observed, storage, clock.instant());
    CertificateExpiry expiry = expiryDecision.decide(observed, tls, mountedSecret);
    CertificateExpiryStatus.apply(status, expiry, spec.server().tls().mode() != TlsMode.DISABLED,
        ClusterConditions.of(cluster.getStatus()), generation, clock.instant());
    certificateMetrics.record(spec.namespace(), spec.name(), expiry.members());
    boolean statusWritten = writeStatusIfChanged(writes, ref, cluster, status);
    if (statusWritten) {
      CrdsInstalledCondition.transition(cluster.getStatus(), status).ifPresent(event -> writes.recordEvent(ref, event));
      StorageStatusReport.events(cluster.getStatus(), status).forEach(event -> writes.recordEvent(ref, event));
      CertificateExpiryStatus.transition(cluster.getStatus(), status).ifPresent(event -> writes.recordEvent(ref, event));
    }

    Optional<Instant> next = earliest(earliest(plan.requeueAt(), tls.nextCheck()), expiry.nextCheck());
    if (heldBack || !statusWritten) {
      next = earliest(next, Optional.of(clock.instant().plus(STALE_CACHE_RETRY)));
    }
    return next.map(ReconcileResult::requeueAt).orElse(ReconcileResult.done());
  }

  /**
   * The API server refused an object as the spec renders it (422, e.g. an immutable field of the
   * StatefulSet changed): retrying cannot succeed until the spec or the object changes, and both
   * trigger a reconcile. The status and a Warning event say which object and why, instead of the
   * pass failing before status on every retry.
   */
  private ReconcileResult refused(FabricClusterWrites writes, ClusterRef ref, HyperbytedbCluster cluster,
      long generation, KubernetesClientException refusal) throws KubernetesWriteException {
    Optional<Status> answer = Optional.ofNullable(refusal.getStatus());
    String object = answer.map(Status::getDetails).filter(d -> d.getKind() != null)
        .map(d -> d.getKind() + " " + ref.namespace() + "/" + d.getName()).orElse("an object it renders");
    String serverMessage = answer.map(Status::getMessage).orElse(refusal.getMessage());
    LOG.warn("{}: the API server refused {}: {}", ref.name(), object, serverMessage);
    HyperbytedbClusterStatus status =
        InvalidSpecStatus.refused(cluster.getStatus(), generation, object, serverMessage, clock.instant());
    boolean news = !StatusCopy.same(cluster.getStatus(), status);
    boolean written = writeStatusIfChanged(writes, ref, cluster, status);
    if (written && news) {
      writes.recordEvent(ref, ClusterEvent.warning(InvalidSpecStatus.REFUSED,
          "The API server refused the change to " + object + ": " + serverMessage, null));
    }
    return written ? ReconcileResult.done() : ReconcileResult.requeueAt(clock.instant().plus(STALE_CACHE_RETRY));
  }

  /** Whether {@code object} is applied in this pass: not while the Go operator's counterpart is replaced first. */
  private static boolean adopted(HasMetadata object, AdoptionPlan adoption) {
    if ((object instanceof StatefulSet && !adoption.writesStatefulSet()) || !adoption.applies(object)) {
      LOG.debug("not applying {} in this pass: the Go operator's is replaced first", ObjectRef.of(object));
      return false;
    }
    return true;
  }

  private static boolean skipped(HasMetadata object, Set<GenericKinds> missingKinds) {
    if (GenericKinds.of(object).filter(missingKinds::contains).isPresent()) {
      LOG.debug("skipping {}: its CRD is not installed", ObjectRef.of(object));
      return true;
    }
    return false;
  }

  /**
   * Removes the Go operator's finalizer: this operator needs none (owner references take everything
   * it made), and nothing would ever remove it, so deleting the cluster would hang.
   */
  private void releaseGoFinalizer(HyperbytedbCluster cluster) throws KubernetesWriteException {
    List<String> finalizers = finalizers(cluster);
    if (!finalizers.contains(AdoptionPlan.GO_FINALIZER)) {
      return;
    }
    ClusterRef ref = new ClusterRef(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
    FabricClusterWrites writes = new FabricClusterWrites(client, ownWrites, metrics,
        r -> Optional.ofNullable(cluster.getMetadata().getUid()), clock, events);
    fence.check("removing finalizer " + AdoptionPlan.GO_FINALIZER + " from " + ref.namespace() + "/" + ref.name());
    writes.removeFinalizer(ref, finalizers, AdoptionPlan.GO_FINALIZER);
    LOG.info("{}: removed the Go operator's finalizer {}", ref.name(), AdoptionPlan.GO_FINALIZER);
    writes.recordEvent(ref, ClusterEvent.normal("GoFinalizerRemoved", "Removed the Go operator's finalizer "
        + AdoptionPlan.GO_FINALIZER + ": this operator deletes what it made through owner references", null));
  }

  /** Deletes the live Secret of {@code secret}'s name when its immutable type differs (the Go operator's TLS Secret). */
  private void replaceIfTypeChanged(FabricClusterWrites writes, ClusterRef ref, HyperbytedbCluster cluster,
      Secret secret) throws KubernetesWriteException {
    String name = secret.getMetadata().getName();
    Optional<String> stale = SecretTypeChange.staleUid(secret,
        Optional.ofNullable(client.secrets().inNamespace(ref.namespace()).withName(name).get()),
        cluster.getMetadata().getUid());
    if (stale.isPresent()) {
      fence.check("replacing Secret " + ref.namespace() + "/" + name);
      writes.deleteSecret(ref, name, stale.get());
      writes.recordEvent(ref, ClusterEvent.normal("SecretReplaced", "Replaced Secret " + name + " (type "
          + secret.getType() + "; its type cannot change): running members keep the certificate they loaded and"
          + " load the new one when they restart", null));
    }
  }

  private static List<String> finalizers(HyperbytedbCluster cluster) {
    return cluster.getMetadata().getFinalizers() == null ? List.of() : cluster.getMetadata().getFinalizers();
  }

  /** The live StatefulSet still has a partition (an earlier operator version's) and the rendered one is OnDelete. */
  private static boolean switchesToOnDelete(StatefulSet live, RenderedCluster rendered) {
    boolean livePartitioned = live.getSpec() != null && live.getSpec().getUpdateStrategy() != null
        && live.getSpec().getUpdateStrategy().getRollingUpdate() != null;
    return livePartitioned && rendered.objects().stream().filter(StatefulSet.class::isInstance)
        .map(o -> ((StatefulSet) o).getSpec().getUpdateStrategy())
        .anyMatch(s -> s != null && "OnDelete".equals(s.getType()));
  }

  private Optional<Secret> tlsSecret(ClusterSpec spec) {
    if (spec.server().tls().mode() == TlsMode.USER_SECRET) {
      return spec.server().tls().userSecretName().flatMap(name -> readSecret(spec.namespace(), name));
    }
    return observations.operatorSecret(spec, ClusterNames.of(spec).tlsSecret());
  }

  /** A Secret the operator does not manage (user TLS, credentials): read directly, it is not cached. */
  private Optional<Secret> readSecret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  /**
   * Writes the status unless unchanged. A conflict means the cache has not caught up with the
   * cluster yet (typically with this operator's previous status write): not an error, the pass is
   * looked at again shortly.
   *
   * @return false when the write met a conflict
   */
  private boolean writeStatusIfChanged(
      FabricClusterWrites writes, ClusterRef ref, HyperbytedbCluster cluster, HyperbytedbClusterStatus status)
      throws KubernetesWriteException {
    if (StatusCopy.same(cluster.getStatus(), status)) {
      return true;
    }
    fence.check("status write of " + ref.namespace() + "/" + ref.name());
    try {
      writes.patchStatus(ref, status, cluster.getMetadata().getResourceVersion());
      return true;
    } catch (KubernetesWriteException e) {
      if (!e.isConflict()) {
        throw e;
      }
      LOG.debug("status of {} changed since it was read; looking again", ref.name());
      return false;
    }
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }

  /** A lifecycle action could not be carried out; the work queue retries the cluster with backoff. */
  static final class ActionFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    ActionFailedException(ActionFailure failure) {
      super(failure.reason() + ": " + failure.message(), failure.cause());
    }
  }
}
