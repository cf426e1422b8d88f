package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.seed.SeedExecutor;
import cloud.hyperbyte.reconcile.seed.SeedObjects;
import cloud.hyperbyte.reconcile.seed.SeedPlan;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.reconcile.seed.SeedStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.security.SecureRandom;

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
import cloud.hyperbyte.reconcile.adoption.AdoptionInput;
import cloud.hyperbyte.reconcile.adoption.AdoptionPlan;
import cloud.hyperbyte.reconcile.apply.ApplyExecutor;
import cloud.hyperbyte.reconcile.apply.ApplyPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlanner;
import cloud.hyperbyte.reconcile.apply.FieldManager;
import cloud.hyperbyte.reconcile.apply.GroupKind;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.apply.PlanEntry;
import cloud.hyperbyte.reconcile.auth.AppliedCredentials;
import cloud.hyperbyte.reconcile.auth.AuthDecision;
import cloud.hyperbyte.reconcile.auth.AuthPlan;
import cloud.hyperbyte.reconcile.auth.CredentialsSecret;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
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
import java.util.HashSet;
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
  static final Duration OWN_STATUS_RETRY = OwnStatusRetry.FIRST;
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
  /** Outlives passes: when each cluster's status was last written. */
  private final StatusPacing statusPacing;
  private final OwnStatusRetry ownStatusRetry = new OwnStatusRetry();

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
    this.statusPacing = new StatusPacing(settings.statusProgressPeriod(), System::nanoTime);
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
      statusPacing.forget(key);
      ownStatusRetry.caughtUp(key);
      certificateMetrics.forget(key.namespace(), key.name());
      return ReconcileResult.done();
    }
    ClusterRef ref = new ClusterRef(key.namespace(), key.name());
    List<ObjectRef> unseenWrites = ownWrites.pending(key, caches::live);
    if (unseenWrites.stream().anyMatch(write -> write.groupKind().equals(GroupKind.HYPERBYTEDB_CLUSTER))) {
      // the lifecycle's memory (operation progress, failover counts) lives in status: deciding on a
      // status older than the one this operator last wrote could repeat or forget an operation
      LOG.debug("cache does not show the last status written to {} yet; looking again shortly", ref.name());
      return ReconcileResult.requeueAt(clock.instant().plus(ownStatusRetry.stillStale(key)));
    }
    ownStatusRetry.caughtUp(key);
    // read again after the check: the object read above may predate the write the check just saw
    found = caches.clusters().get(key.namespace(), key.name());
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
      ownWrites.forget(key);
      statusPacing.forget(key);
      ownStatusRetry.caughtUp(key);
      certificateMetrics.forget(key.namespace(), key.name());
      return ReconcileResult.done();
    }
    HyperbytedbCluster cluster = found.get();
    FabricClusterWrites writes = new FabricClusterWrites(client, ownWrites, metrics,
        r -> Optional.ofNullable(cluster.getMetadata().getUid()), clock, events);
    long generation = cluster.getMetadata().getGeneration() == null ? 0 : cluster.getMetadata().getGeneration();

    Validated<ClusterSpec> validated = ClusterSpecFactory.from(cluster, clusterDomain);
    if (!validated.isValid()) {
      boolean written = writeStatusIfChanged(writes, key, ref, cluster,
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
    // seed pods need the operator's image: without it, new members start unseeded
    Optional<SeedObjects> seedObjects = operatorImage.map(image -> new SeedObjects(
        caches.owned(Pod.class).ownedBy(key), caches.owned(PersistentVolumeClaim.class).ownedBy(key),
        caches.owned(Secret.class).ownedBy(key)));
    // the pass renders from the same observation the lifecycle decides on, so the two agree on the
    // replicas; a proxy that follows the version keeps its image until the members are done
    List<HasMetadata> owned = caches.ownedBy(key);
    ReconcilePass pass = ReconcilePass.decide(observed, authRendered, renderOptions, lifecycle,
        AdoptionInput.of(cluster, withServerSecrets(owned, tls.secretsToWrite(), spec.namespace()),
            tls.secretsToWrite()), seedObjects);
    observed = pass.observed();
    Optional<SeedPlan> seeding = pass.seeding();
    RenderedCluster rendered = observed.rendered();
    StoragePlan storage = pass.storage();
    LifecyclePlan plan = pass.lifecycle();
    if (pass.releasesGoFinalizer()) {
      releaseGoFinalizer(cluster);
      // the patch changed the cluster's resourceVersion: the status is written on the next pass
      return ReconcileResult.requeueAt(clock.instant().plus(OWN_STATUS_RETRY));
    }
    // read once, so the objects skipped and the condition agree even if a CRD comes or goes meanwhile
    Set<GenericKinds> neededKinds = OptionalKinds.renderedIn(rendered);
    Set<GenericKinds> missingKinds = EnumSet.noneOf(GenericKinds.class);
    neededKinds.stream().filter(kind -> !caches.watches(kind)).forEach(missingKinds::add);

    if (seeding.isPresent() && !seeding.get().beforeStatefulSet().isEmpty()) {
      // before the StatefulSet is written: a pass that shrinks it past a member has first removed that
      // member's seeded mark and old seed pods, so a claim the scale-down retains is seeded afresh (SeedPlan)
      new SeedExecutor(client, writes, fence, SEED_TOKENS, clock).execute(ref, seedContext(spec, rendered),
          seeding.get().beforeStatefulSet());
    }

    FabricObjectWriter writer = new FabricObjectWriter(client, ownWrites, metrics, key);
    try {
      // certificates are renewed even while paused, so a long pause cannot let them expire
      for (Secret secret : tls.secretsToWrite()) {
        Optional<String> stale = pass.adoption().staleSecret(secret);
        if (stale.isPresent()) {
          replaceSecret(writes, ref, secret, stale.get());
        }
        writer.apply(secret, FieldManager.NAME);
      }
      if (plan.writesWorkloads()) {
        ApplyPlan applyPlan = awaitingCache(planner.plan(cluster.getMetadata().getUid(),
            pass.desired(object -> skipped(object, missingKinds)), pass.prunable(owned)), unseenWrites);
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
      return refused(writes, key, ref, cluster, generation, e);
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

    if (seeding.isPresent() && !seeding.get().afterStatefulSet().isEmpty()) {
      new SeedExecutor(client, writes, fence, SEED_TOKENS, clock).execute(ref, seedContext(spec, rendered),
          seeding.get().afterStatefulSet());
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
    // progress alone waits for the pacing period, so a cluster coming up is not written once per pod event
    Optional<Duration> statusWaits = StatusCopy.same(cluster.getStatus(), status) ? Optional.empty()
        : statusPacing.wait(key, cluster.getStatus(), status);
    boolean statusWritten = statusWaits.isPresent() || writeStatusIfChanged(writes, key, ref, cluster, status);
    if (statusWritten && statusWaits.isEmpty()) {
      CrdsInstalledCondition.transition(cluster.getStatus(), status).ifPresent(event -> writes.recordEvent(ref, event));
      StorageStatusReport.events(cluster.getStatus(), status).forEach(event -> writes.recordEvent(ref, event));
      CertificateExpiryStatus.transition(cluster.getStatus(), status).ifPresent(event -> writes.recordEvent(ref, event));
    }

    Optional<Instant> next = earliest(earliest(plan.requeueAt(), tls.nextCheck()), expiry.nextCheck());
    if (heldBack || !statusWritten) {
      next = earliest(next, Optional.of(clock.instant().plus(STALE_CACHE_RETRY)));
    }
    if (statusWaits.isPresent()) {
      next = earliest(next, Optional.of(clock.instant().plus(statusWaits.get())));
    }
    return next.map(ReconcileResult::requeueAt).orElse(ReconcileResult.done());
  }

  /**
   * The API server refused an object as the spec renders it (422, e.g. an immutable field of the
   * StatefulSet changed): retrying cannot succeed until the spec or the object changes, and both
   * trigger a reconcile. The status and a Warning event say which object and why, instead of the
   * pass failing before status on every retry.
   */
  private ReconcileResult refused(FabricClusterWrites writes, ResourceKey key, ClusterRef ref, HyperbytedbCluster cluster,
      long generation, KubernetesClientException refusal) throws KubernetesWriteException {
    Optional<Status> answer = Optional.ofNullable(refusal.getStatus());
    String object = answer.map(Status::getDetails).filter(d -> d.getKind() != null)
        .map(d -> d.getKind() + " " + ref.namespace() + "/" + d.getName()).orElse("an object it renders");
    String serverMessage = answer.map(Status::getMessage).orElse(refusal.getMessage());
    LOG.warn("{}: the API server refused {}: {}", ref.name(), object, serverMessage);
    HyperbytedbClusterStatus status =
        InvalidSpecStatus.refused(cluster.getStatus(), generation, object, serverMessage, clock.instant());
    boolean news = !StatusCopy.same(cluster.getStatus(), status);
    boolean written = writeStatusIfChanged(writes, key, ref, cluster, status);
    if (written && news) {
      writes.recordEvent(ref, ClusterEvent.warning(InvalidSpecStatus.REFUSED,
          "The API server refused the change to " + object + ": " + serverMessage, null));
    }
    return written ? ReconcileResult.done() : ReconcileResult.requeueAt(clock.instant().plus(STALE_CACHE_RETRY));
  }

  /**
   * The plan without its applies to objects whose last write by this operator the cache does not show
   * yet: the cached copy predates that write, so it differs from the desired object and would be
   * applied again for nothing. The watch event that shows the write brings another pass, which
   * applies whatever still differs then (or, should the cache never show it, the pass after
   * {@link OwnWrites#DEFAULT_TTL}).
   */
  private static ApplyPlan awaitingCache(ApplyPlan plan, List<ObjectRef> unseenWrites) {
    if (unseenWrites.isEmpty()) {
      return plan;
    }
    List<PlanEntry.Apply> applies = plan.applies().stream().filter(apply -> !unseenWrites.contains(apply.ref())).toList();
    if (applies.size() < plan.applies().size()) {
      LOG.debug("not applying {} again before the cache shows the last write", unseenWrites);
    }
    return new ApplyPlan(applies, plan.prunes(), plan.unchanged(), plan.conflicts());
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
  private SeedPodRenderer.Context seedContext(ClusterSpec spec, RenderedCluster rendered) {
    return new SeedPodRenderer.Context(spec, rendered.get(StatefulSet.class, ClusterNames.of(spec).statefulSet()),
        operatorImage.orElseThrow(), SEED_POD_DEADLINE);
  }

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

  /** Deletes the live Secret of {@code secret}'s name, whose immutable type differs (the Go operator's TLS Secret). */
  private void replaceSecret(FabricClusterWrites writes, ClusterRef ref, Secret secret, String staleUid)
      throws KubernetesWriteException {
    String name = secret.getMetadata().getName();
    fence.check("replacing Secret " + ref.namespace() + "/" + name);
    writes.deleteSecret(ref, name, staleUid);
    writes.recordEvent(ref, ClusterEvent.normal("SecretReplaced", "Replaced Secret " + name + " (type "
        + secret.getType() + "; its type cannot change): running members keep the certificate they loaded and"
        + " load the new one when they restart", null));
  }

  /**
   * {@code owned} with the Secrets about to be written as the API server holds them, not as the cache
   * does: whether one must be deleted first (its type differs) is decided on the live object, so a
   * cache that still shows a Secret already replaced cannot cause a second deletion. Read only when
   * Secrets are written (issuance, renewal).
   */
  private List<HasMetadata> withServerSecrets(List<HasMetadata> owned, List<Secret> written, String namespace) {
    if (written.isEmpty()) {
      return owned;
    }
    Set<String> names = new HashSet<>();
    written.forEach(secret -> names.add(secret.getMetadata().getName()));
    List<HasMetadata> objects = new ArrayList<>(owned.stream()
        .filter(o -> !(o instanceof Secret) || !names.contains(o.getMetadata().getName())).toList());
    names.forEach(name -> readSecret(namespace, name).ifPresent(objects::add));
    return objects;
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
      FabricClusterWrites writes, ResourceKey key, ClusterRef ref, HyperbytedbCluster cluster, HyperbytedbClusterStatus status)
      throws KubernetesWriteException {
    if (StatusCopy.same(cluster.getStatus(), status)) {
      return true;
    }
    fence.check("status write of " + ref.namespace() + "/" + ref.name());
    try {
      writes.patchStatus(ref, status, cluster.getMetadata().getResourceVersion());
      statusPacing.written(key);
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
