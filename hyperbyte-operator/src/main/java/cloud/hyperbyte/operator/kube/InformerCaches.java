package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.GroupKind;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of the cluster: informers for the three custom resources and for every kind
 * the operator owns, over the watched namespaces. Owned kinds are listed and watched with the label
 * {@code app.kubernetes.io/managed-by=hyperbytedb-operator}, so the cache holds what the operator
 * manages and nothing else; managedFields are dropped from cached objects, and owned objects are
 * kept as JSON ({@link SerializedItemStore}). Every add, change or
 * delete is handed to the event sink as the key of the resource it belongs to ({@link OwnerKeys}).
 *
 * <p>ServiceMonitor, PrometheusRule and Certificate are watched only while their CRDs are
 * Established ({@link OptionalCrdWatch}): a CRD installed after the operator started gets its
 * informer then, and a removed one loses it (rather than leaving an informer that fails to relist in a
 * loop). When such a kind becomes watchable (its informer synced) or stops being watchable, the
 * kind listener is told, so the clusters that render that kind can look again.
 *
 * <p>An update of a custom resource that changed nothing but its status does not reach the event
 * sink (a reconciler's own status write would wake it again); it goes to the status sink instead,
 * for resources that wait on another's status (a restore on its cluster's readiness).
 */
public final class InformerCaches implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InformerCaches.class);

  /** Owned kinds with fabric8 models, in the order their informers start. */
  public static final List<Class<? extends HasMetadata>> OWNED_TYPES = List.of(
      StatefulSet.class, Service.class, ConfigMap.class, PodDisruptionBudget.class, HorizontalPodAutoscaler.class,
      Pod.class, PersistentVolumeClaim.class, Secret.class, Deployment.class);

  /**
   * Items per page of an informer's list (its first and every later relist). Unpaged, a restarted
   * operator at 1,000 three-member clusters parsed 3,000 whole pods in one response before any could
   * be slimmed in the store, and died of OutOfMemoryError at the chart's default heap. Pages of 500
   * (client-go's pager default) still promoted each page (3-4 MB of response text, a few times that
   * parsed) out of the young generation of a 128 MiB heap; pages of 100 stay young
   * ({@code InformerSyncHeapMain}: no full collection while 1,000 StatefulSets and 3,000 pods sync).
   */
  static final long LIST_PAGE_SIZE = 100;

  /**
   * How many informers list at once while the caches start ({@link StaggeredStarts}): the rest wait
   * for one of them to have synced, so the first sync holds one page of one kind at a time.
   */
  static final int LISTS_AT_ONCE = 1;
  /** How often a starting informer is asked whether it has synced its list (its watch may still be retrying). */
  private static final Duration SYNC_POLL = Duration.ofMillis(20);

  private final KubernetesClient client;
  private final WatchedNamespaces namespaces;
  private final Consumer<ResourceKey> sink;
  private final Duration customResourceResync;
  private final Consumer<GenericKinds> kindListener;
  private final Consumer<ResourceKey> statusSink;

  private KindCache<HyperbytedbCluster> clusters;
  private KindCache<HyperbytedbBackup> backups;
  private KindCache<HyperbytedbRestore> restores;
  private final Map<Class<?>, KindCache<? extends HasMetadata>> owned = new LinkedHashMap<>();
  /** Generic kinds whose informers have synced: read by reconciles, changed on informer threads. */
  private final Map<GenericKinds, KindCache<GenericKubernetesResource>> generic = new ConcurrentHashMap<>();
  /** Generic kinds whose informers are starting (guarded by this). */
  private final Map<GenericKinds, KindCache<GenericKubernetesResource>> starting = new EnumMap<>(GenericKinds.class);
  /** Generic kinds whose informers did not start (guarded by this); retried on the CRD's next event. */
  private final Set<GenericKinds> failed = EnumSet.noneOf(GenericKinds.class);
  private OptionalCrdWatch crds;
  private boolean closed;
  /** The informers of the custom resources and the owned kinds with models. */
  private final List<SharedIndexInformer<?>> all = new ArrayList<>();

  /**
   * @param customResourceResync how often every custom resource is re-delivered to the sink (a
   *     safety net for missed events; owned kinds are not resynced)
   */
  public InformerCaches(
      KubernetesClient client, WatchedNamespaces namespaces, Consumer<ResourceKey> sink, Duration customResourceResync) {
    this(client, namespaces, sink, customResourceResync, kind -> { });
  }

  /**
   * @param kindListener told (on an informer thread) whenever a generic kind becomes watchable (its
   *     informers synced, also for CRDs found at start) or stops being watchable
   */
  public InformerCaches(KubernetesClient client, WatchedNamespaces namespaces, Consumer<ResourceKey> sink,
      Duration customResourceResync, Consumer<GenericKinds> kindListener) {
    this(client, namespaces, sink, customResourceResync, kindListener, key -> { });
  }

  /**
   * @param statusSink told the key of a custom resource whose update changed only its status (the
   *     event sink is not told of those)
   */
  public InformerCaches(KubernetesClient client, WatchedNamespaces namespaces, Consumer<ResourceKey> sink,
      Duration customResourceResync, Consumer<GenericKinds> kindListener, Consumer<ResourceKey> statusSink) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.customResourceResync = Objects.requireNonNull(customResourceResync, "customResourceResync");
    this.kindListener = Objects.requireNonNull(kindListener, "kindListener");
    this.statusSink = Objects.requireNonNull(statusSink, "statusSink");
  }

  /** Creates and starts every informer; returns at once (see {@link #hasSynced()}). */
  public synchronized InformerCaches start() {
    if (!all.isEmpty()) {
      throw new IllegalStateException("already started");
    }
    long resync = customResourceResync.toMillis();
    clusters = cache(HyperbytedbCluster.KIND, client.resources(HyperbytedbCluster.class), false, resync);
    backups = cache("HyperbytedbBackup", client.resources(HyperbytedbBackup.class), false, resync);
    restores = cache("HyperbytedbRestore", client.resources(HyperbytedbRestore.class), false, resync);
    // the custom resources are watched unfiltered: users create them without our labels
    for (Class<? extends HasMetadata> type : OWNED_TYPES) {
      owned.put(type, ownedCache(type));
    }
    for (KindCache<?> cache : List.of(clusters, backups, restores)) {
      all.addAll(cache.informers());
    }
    owned.values().forEach(cache -> all.addAll(cache.informers()));
    all.addAll(referencedSecrets());
    crds = new OptionalCrdWatch(client, this::crdChanged);
    all.forEach(informer -> informer.exceptionHandler(InformerRetry.ALWAYS));
    StaggeredStarts.run(all.stream().<Supplier<CompletionStage<Void>>>map(informer -> () -> listed(informer)).toList(),
        LISTS_AT_ONCE, this::isClosed);
    crds.start();
    LOG.info("watching {} with {} informers", namespaces, all.size());
    return this;
  }

  /**
   * Informers on the users' Secrets, so that a cluster whose credentials Secret
   * ({@code spec.auth.credentialsSecretName}) is created, changed or deleted is reconciled at once
   * rather than at the next resync. Not label-filtered (users create them), so the store keeps only
   * metadata: the data is dropped before anything is cached, and the reconcile reads the Secret itself.
   */
  private List<SharedIndexInformer<Secret>> referencedSecrets() {
    List<SharedIndexInformer<Secret>> informers = new ArrayList<>();
    List<FilterWatchListDeletable<Secret, ?, ?>> scopes = new ArrayList<>();
    if (namespaces.isAll()) {
      scopes.add(client.secrets().inAnyNamespace());
    } else {
      namespaces.namespaces().forEach(namespace -> scopes.add(client.secrets().inNamespace(namespace)));
    }
    for (FilterWatchListDeletable<Secret, ?, ?> scope : scopes) {
      SharedIndexInformer<Secret> informer = scope.withLimit(LIST_PAGE_SIZE).runnableInformer(0);
      informer.itemStore(ManagedFieldsStrippingStore.alsoDropping(serialized(informer), secret -> {
        secret.setData(null);
        secret.setStringData(null);
      }));
      informer.addEventHandler(new ResourceEventHandler<Secret>() {
        @Override
        public void onAdd(Secret secret) {
          referencing(secret);
        }

        @Override
        public void onUpdate(Secret oldSecret, Secret secret) {
          if (!Objects.equals(oldSecret.getMetadata().getResourceVersion(), secret.getMetadata().getResourceVersion())) {
            referencing(secret);
          }
        }

        @Override
        public void onDelete(Secret secret, boolean finalStateUnknown) {
          referencing(secret);
        }
      });
      informers.add(informer);
    }
    return informers;
  }

  /** Wakes every cluster in the Secret's namespace whose credentials Secret it is. */
  private void referencing(Secret secret) {
    if (clusters == null) {
      return;
    }
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    for (HyperbytedbCluster cluster : clusters.list()) {
      var auth = cluster.getSpec() == null ? null : cluster.getSpec().getAuth();
      if (auth != null && name.equals(auth.getCredentialsSecretName())
          && namespace.equals(cluster.getMetadata().getNamespace())) {
        sink.accept(ResourceKey.cluster(namespace, cluster.getMetadata().getName()));
      }
    }
  }

  private <T extends HasMetadata> KindCache<T> ownedCache(Class<T> type) {
    return cache(HasMetadata.getKind(type), client.resources(type), true, 0);
  }

  /**
   * Starts or stops the informers of {@code kind} to match whether its CRD is Established now.
   * Called on every event of that CRD; idempotent.
   */
  private void crdChanged(GenericKinds kind) {
    boolean wasWatched;
    synchronized (this) {
      if (crds == null || closed) {
        return;
      }
      boolean established = crds.established(kind);
      if (established && !generic.containsKey(kind) && !starting.containsKey(kind)) {
        failed.remove(kind);
        KindCache<GenericKubernetesResource> cache =
            cache(kind.kind(), client.genericKubernetesResources(kind.context()), true, 0);
        starting.put(kind, cache);
        LOG.info("CRD {} is Established: watching {} objects", kind.crdName(), kind.kind());
        CompletableFuture.allOf(cache.informers().stream()
                .map(informer -> informer.start().toCompletableFuture()).toArray(CompletableFuture[]::new))
            .whenComplete((synced, error) -> genericSynced(kind, cache, error));
        return;
      }
      if (established) {
        return;
      }
      failed.remove(kind);
      Optional.ofNullable(starting.remove(kind)).ifPresent(InformerCaches::stop);
      KindCache<GenericKubernetesResource> watched = generic.remove(kind);
      wasWatched = watched != null;
      if (wasWatched) {
        stop(watched);
        LOG.warn("CRD {} was removed or is no longer Established: {} objects are neither watched nor written",
            kind.crdName(), kind.kind());
      }
    }
    if (wasWatched) {
      kindListener.accept(kind);
    }
  }

  private void genericSynced(GenericKinds kind, KindCache<GenericKubernetesResource> cache, Throwable error) {
    synchronized (this) {
      if (starting.get(kind) != cache) {
        return; // the CRD went away meanwhile, and the informers were stopped
      }
      starting.remove(kind);
      if (error != null) {
        stop(cache);
        failed.add(kind);
        LOG.warn("cannot watch {} objects although CRD {} is Established; retrying on its next change",
            kind.kind(), kind.crdName(), error);
        return;
      }
      generic.put(kind, cache);
    }
    kindListener.accept(kind);
  }

  private static void stop(KindCache<?> cache) {
    cache.informers().forEach(SharedIndexInformer::stop);
  }

  private <T extends HasMetadata, L, R extends Resource<T>> KindCache<T> cache(
      String kind, MixedOperation<T, L, R> operation, boolean managedOnly, long resyncMillis) {
    List<SharedIndexInformer<T>> informers = new ArrayList<>();
    if (namespaces.isAll()) {
      informers.add(informer(operation.inAnyNamespace(), managedOnly, resyncMillis));
    } else {
      for (String namespace : namespaces.namespaces()) {
        informers.add(informer(operation.inNamespace(namespace), managedOnly, resyncMillis));
      }
    }
    return new KindCache<>(kind, informers);
  }

  private <T extends HasMetadata> SharedIndexInformer<T> informer(
      FilterWatchListDeletable<T, ?, ?> scope, boolean managedOnly, long resyncMillis) {
    FilterWatchListDeletable<T, ?, ?> filtered =
        managedOnly ? scope.withLabel(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER) : scope;
    SharedIndexInformer<T> informer = filtered.withLimit(LIST_PAGE_SIZE).runnableInformer(resyncMillis);
    // the custom resources are read whole by every pass (and listed on Secret events): kept as objects;
    // owned objects, a dozen per cluster of which a pass reads its own, as JSON
    informer.itemStore(managedOnly ? new ManagedFieldsStrippingStore<>(serialized(informer))
        : new ManagedFieldsStrippingStore<>());
    Function<T, List<String>> ownerIndex =
        item -> OwnerKeys.of(item).map(key -> List.of(KindCache.indexValue(key))).orElse(List.of());
    informer.addIndexers(Map.of(KindCache.OWNER_INDEX, ownerIndex));
    informer.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T object) {
        enqueue(object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        if (managedOnly || !onlyStatusChanged(oldObject, newObject)) {
          enqueue(newObject);
        } else {
          OwnerKeys.of(newObject).ifPresent(statusSink);
        }
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        enqueue(object);
      }
    });
    return informer;
  }

  private <T extends HasMetadata> SerializedItemStore<T> serialized(SharedIndexInformer<T> informer) {
    return new SerializedItemStore<>(informer.getApiTypeClass(), client.getKubernetesSerialization());
  }

  /**
   * Whether an update of a custom resource changed nothing but its status: the operator's own status
   * writes then do not trigger another pass (which could write the status again). A resync
   * re-delivers the same resourceVersion and does trigger one.
   */
  static boolean onlyStatusChanged(HasMetadata before, HasMetadata after) {
    var old = before.getMetadata();
    var now = after.getMetadata();
    return !Objects.equals(old.getResourceVersion(), now.getResourceVersion())
        && Objects.equals(old.getGeneration(), now.getGeneration())
        && Objects.equals(old.getDeletionTimestamp(), now.getDeletionTimestamp())
        && Objects.equals(old.getLabels(), now.getLabels())
        && Objects.equals(old.getAnnotations(), now.getAnnotations())
        && Objects.equals(old.getFinalizers(), now.getFinalizers());
  }

  private void enqueue(HasMetadata object) {
    OwnerKeys.of(object).ifPresent(sink);
  }

  public KindCache<HyperbytedbCluster> clusters() {
    return clusters;
  }

  public KindCache<HyperbytedbBackup> backups() {
    return backups;
  }

  public KindCache<HyperbytedbRestore> restores() {
    return restores;
  }

  /** The cache of an owned kind with a fabric8 model ({@link #OWNED_TYPES}). */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> KindCache<T> owned(Class<T> type) {
    KindCache<T> cache = (KindCache<T>) owned.get(type);
    if (cache == null) {
      throw new IllegalArgumentException("not an owned kind: " + type.getSimpleName());
    }
    return cache;
  }

  /** The cache of a generic kind, present only while its CRD is Established (and the cache synced). */
  public Optional<KindCache<GenericKubernetesResource>> generic(GenericKinds kind) {
    return Optional.ofNullable(generic.get(kind));
  }

  /** Whether {@code kind} is watched now: its CRD is Established (the apply port must not write it otherwise). */
  public boolean watches(GenericKinds kind) {
    return generic.containsKey(kind);
  }

  /** Whether a rendered generic object's kind is watched now, i.e. whether it may be applied. */
  public boolean watches(GenericKubernetesResource object) {
    return GenericKinds.of(object).map(generic::containsKey).orElse(false);
  }

  /** Every cached owned object (all owned kinds) that belongs to {@code owner}: the live side of an apply plan. */
  public List<HasMetadata> ownedBy(ResourceKey owner) {
    List<HasMetadata> items = new ArrayList<>();
    owned.values().forEach(cache -> items.addAll(cache.ownedBy(owner)));
    generic.values().forEach(cache -> items.addAll(cache.ownedBy(owner)));
    return items;
  }

  /** The cached object {@code ref} points at, if its kind is cached and the object is there. */
  public Optional<? extends HasMetadata> live(ObjectRef ref) {
    return cacheOf(ref.groupKind()).flatMap(cache -> cache.get(ref.namespace(), ref.name()));
  }

  private Optional<KindCache<? extends HasMetadata>> cacheOf(GroupKind groupKind) {
    if (groupKind.equals(GroupKind.HYPERBYTEDB_CLUSTER)) {
      return Optional.of(clusters);
    }
    for (Map.Entry<Class<?>, KindCache<? extends HasMetadata>> entry : owned.entrySet()) {
      @SuppressWarnings("unchecked")
      Class<? extends HasMetadata> type = (Class<? extends HasMetadata>) entry.getKey();
      if (GroupKind.of(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)).equals(groupKind)) {
        return Optional.of(entry.getValue());
      }
    }
    return GenericKinds.of(groupKind.group(), groupKind.kind()).map(generic::get);
  }

  /**
   * Whether every informer has completed its initial list, including those of the generic kinds whose
   * CRDs are Established (unless they failed to start): the operator's readiness. So a first pass
   * never mistakes a kind that is being watched for one whose CRD is missing.
   */
  public synchronized boolean hasSynced() {
    if (all.isEmpty() || !all.stream().allMatch(SharedIndexInformer::hasSynced) || !crds.hasSynced()) {
      return false;
    }
    for (GenericKinds kind : GenericKinds.values()) {
      if (crds.established(kind) && !generic.containsKey(kind) && !failed.contains(kind)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The informers of the custom resources and owned kinds that are not watching right now, by the
   * kind they watch (a watch reconnecting after a disconnect or a 410 shows here briefly; a stopped
   * informer stays).
   */
  public synchronized java.util.Set<String> notWatching() {
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    all.stream().filter(informer -> !informer.isWatching())
        .forEach(informer -> kinds.add(informer.getApiTypeClass().getSimpleName()));
    return kinds;
  }

  /**
   * Starts {@code informer}; done, for the next informer's sake, once its list has synced (its watch
   * may still be retrying) or these caches closed (which ends the polling).
   */
  private CompletionStage<Void> listed(SharedIndexInformer<?> informer) {
    return StaggeredStarts.whicheverFirst(informer.start(), () -> informer.hasSynced() || isClosed(), SYNC_POLL);
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public synchronized void close() {
    closed = true;
    all.forEach(SharedIndexInformer::stop);
    if (crds != null) {
      crds.close();
    }
    starting.values().forEach(InformerCaches::stop);
    generic.values().forEach(InformerCaches::stop);
  }
}
