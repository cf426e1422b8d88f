package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.backup.BackupRestoreReconcilers;
import cloud.hyperbyte.operator.backup.RestoreWakeups;
import cloud.hyperbyte.operator.database.DatabaseClients;
import cloud.hyperbyte.operator.database.HttpProxyAdmin;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.database.ProxyAddressResolver;
import cloud.hyperbyte.operator.health.HealthCheck;
import cloud.hyperbyte.operator.health.HealthServer;
import cloud.hyperbyte.operator.health.InformerLiveness;
import cloud.hyperbyte.operator.kube.GenericKinds;
import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.kube.OwnWrites;
import cloud.hyperbyte.operator.leader.LeaderElection;
import cloud.hyperbyte.operator.leader.LeadershipFence;
import cloud.hyperbyte.operator.leader.LeadershipListener;
import cloud.hyperbyte.operator.leader.LeaseLeaderElection;
import cloud.hyperbyte.operator.leader.NoLeaderElection;
import cloud.hyperbyte.operator.metrics.CertificateExpiryMetrics;
import cloud.hyperbyte.operator.metrics.MetricsServer;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.Backoff;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import cloud.hyperbyte.operator.queue.Scheduler;
import cloud.hyperbyte.operator.queue.SystemScheduler;
import cloud.hyperbyte.operator.queue.WorkQueue;
import cloud.hyperbyte.operator.threads.DaemonThreads;
import cloud.hyperbyte.reconcile.tls.CertificateExpiryDecision;
import cloud.hyperbyte.reconcile.tls.TlsMaterialDecision;
import cloud.hyperbyte.tls.renewal.RenewalPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process, wired: informer caches feed the work queue; the queue's workers run the
 * reconcilers; only the leader dispatches; metrics and health servers report. {@link #start()}
 * returns once the caches are synced and the election has started; {@link #close()} stops in the
 * order that hands over cleanly: finish running reconciles, release the Lease, stop watching.
 *
 * <p>The client, the pod and proxy address resolvers, the clock and the work queue's timer are
 * injected, so the same wiring runs in production and against the simulated cluster of
 * hyperbyte-testkit (where simulated members let the lifecycle's waits be short, see
 * {@link OperatorSettings#lifecycleTimings()}).
 */
public final class Operator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Operator.class);
  /**
   * How long an informer may stay not watching before {@code /healthz} fails: far above fabric8's
   * reconnect backoff, so only an informer that stopped for good gets the pod restarted.
   */
  static final Duration WATCH_DOWN_BOUND = Duration.ofMinutes(2);
  /**
   * How long one reconcile may run, or a due key wait, before {@code /healthz} fails: a pass is
   * bounded by its calls' timeouts (seconds each) and backups run off the workers, so this only
   * trips on a stuck worker or a queue that stopped dispatching.
   */
  static final Duration WORKER_STALL_BOUND = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final OperatorMetrics metrics;
  private final PodAddressResolver resolver;
  private final ProxyAddressResolver proxyResolver;
  private final Clock clock;
  private final Optional<Scheduler> injectedScheduler;

  private final OwnWrites ownWrites;
  private LeadershipFence fence = new LeadershipFence(Clock.systemUTC());
  private Runnable leadershipLost = () -> {};
  private volatile boolean closing;
  private BackupRestoreReconcilers backupRestore;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private ExecutorService workers;
  private ExecutorService probes;
  private SystemScheduler ownedScheduler;
  private WorkQueue<ResourceKey> queue;
  private InformerCaches caches;
  private LeaderElection election;
  private HealthServer health;
  private MetricsServer metricsServer;

  /** An operator that calls proxy pods on their pod IPs. */
  public Operator(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
      PodAddressResolver resolver, Clock clock) {
    this(client, settings, metrics, resolver, ProxyAddressResolver.podIp(), clock);
  }

  /**
   * @param resolver where member pods are called (pod DNS in a cluster)
   * @param proxyResolver where proxy pods' admin APIs are called (pod IP in a cluster)
   */
  public Operator(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
      PodAddressResolver resolver, ProxyAddressResolver proxyResolver, Clock clock) {
    this(client, settings, metrics, resolver, proxyResolver, clock, Optional.empty());
  }

  /**
   * An operator whose work queue times requeues with {@code scheduler} (which the caller closes)
   * instead of its own timer thread on {@code clock}; the scheduler's {@code now()} should agree
   * with {@code clock}.
   */
  public Operator(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
      PodAddressResolver resolver, ProxyAddressResolver proxyResolver, Clock clock, Scheduler scheduler) {
    this(client, settings, metrics, resolver, proxyResolver, clock, Optional.of(scheduler));
  }

  private Operator(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
      PodAddressResolver resolver, ProxyAddressResolver proxyResolver, Clock clock, Optional<Scheduler> scheduler) {
    this.client = client;
    this.settings = settings;
    this.metrics = metrics;
    this.resolver = resolver;
    this.proxyResolver = proxyResolver;
    this.clock = clock;
    this.injectedScheduler = scheduler;
    this.ownWrites = new OwnWrites(clock, OwnWrites.DEFAULT_TTL);
  }

  /**
   * Fences with {@code value} instead of a fence of its own: the one the API client's {@link
   * cloud.hyperbyte.operator.leader.FenceInterceptor} consults, so that every API write passes it as
   * well as every member and proxy call; call before {@link #start}.
   */
  public synchronized Operator withFence(LeadershipFence value) {
    this.fence = java.util.Objects.requireNonNull(value, "fence");
    return this;
  }

  /**
   * Runs {@code action} when this process loses leadership other than by {@link #close()}, after the
   * fence closed and the queue paused. The process entry point exits
   * here, so Kubernetes restarts the pod as a fresh standby with nothing left in flight.
   */
  public synchronized Operator onLeadershipLost(Runnable action) {
    this.leadershipLost = java.util.Objects.requireNonNull(action, "action");
    return this;
  }

  /** The fence every write and member call of this process passes. */
  public LeadershipFence fence() {
    return fence;
  }

  /** Starts everything and waits until the caches are synced (at most {@code syncTimeout}). */
  public synchronized Operator start(Duration syncTimeout) throws IOException, InterruptedException {
    fence.onRefusal(metrics::fencedAction);
    if (settings.healthPort() >= 0) {
      health = HealthServer.start(settings.healthPort());
    }
    if (settings.metricsPort() >= 0) {
      metricsServer = MetricsServer.start(metrics.registry(), settings.metricsPort());
    }
    workers = Executors.newFixedThreadPool(settings.workers(), DaemonThreads.named("reconcile"));
    probes = Executors.newFixedThreadPool(Math.max(8, settings.workers() * 4), DaemonThreads.named("member-probe"));
    Scheduler scheduler = injectedScheduler.orElse(null);
    if (scheduler == null) {
      ownedScheduler = new SystemScheduler(clock);
      scheduler = ownedScheduler;
    }
    DatabaseClients databases = new DatabaseClients(resolver, DatabaseClients.DEFAULT_CONNECT_TIMEOUT,
        DatabaseClients.DEFAULT_REQUEST_TIMEOUT, metrics, fence);
    resources.add(databases);

    // a restore in progress is woken by what it waits on: its cluster's status, StatefulSet and pods
    RestoreWakeups restoreWakeups = new RestoreWakeups(() -> caches.restores().list());
    caches = new InformerCaches(client, settings.namespaces(), restoreWakeups.andWaiting(this::enqueue),
        settings.resync(), this::optionalKindChanged, restoreWakeups.waitingOnly(this::enqueue));
    ClusterReconciler clusters = new ClusterReconciler(new ClusterReconcilerSettings(
        client, caches, ownWrites, metrics, databases,
        new HttpProxyAdmin(proxyResolver, DatabaseClients.DEFAULT_CONNECT_TIMEOUT, DatabaseClients.DEFAULT_REQUEST_TIMEOUT, metrics,
            fence),
        probes, settings.probeBudget(), settings.clusterDomain(), clock, settings.lifecycleTimings(),
        new TlsMaterialDecision(clock, new SecureRandom(), RenewalPolicy.defaults()), fence,
        new CertificateExpiryDecision(clock, RenewalPolicy.defaults()),
        new CertificateExpiryMetrics(metrics.registry(), clock), settings.operatorImage(),
        settings.statusProgressPeriod()));
    Map<ResourceKind, ResourceRouter.Reconciler> reconcilers = new EnumMap<>(ResourceKind.class);
    reconcilers.put(ResourceKind.CLUSTER, clusters::reconcile);
    if (settings.operatorImage().isPresent()) {
      backupRestore = BackupRestoreReconcilers.create(client, settings.operatorImage().get(), settings.clusterDomain(),
          clock);
      reconcilers.put(ResourceKind.BACKUP, backupRestore.backups()::reconcile);
      reconcilers.put(ResourceKind.RESTORE, backupRestore.restores()::reconcile);
    } else {
      LOG.warn("no operator image configured: HyperbytedbBackup and HyperbytedbRestore resources are not reconciled");
    }
    ResourceRouter router = new ResourceRouter(reconcilers, metrics);
    queue = new WorkQueue<>(router, settings.workers(), Backoff.DEFAULT, scheduler, workers);
    metrics.queueDepth(queue::depth);
    queue.onWait(metrics::queueWait);

    if (health != null) {
      health.addReadiness(new HealthCheck("informers-synced", caches::hasSynced));
      // before the first sync the readiness probe speaks; a process that never syncs fails start()
      InformerLiveness watches = new InformerLiveness(
          () -> caches.hasSynced() ? caches.notWatching() : java.util.Set.of(), WATCH_DOWN_BOUND, clock);
      health.addLiveness(new HealthCheck("informers-watching", watches::alive));
      health.addLiveness(new HealthCheck("workers-progressing", () -> queue.stall(WORKER_STALL_BOUND)
          .map(stall -> {
            LOG.warn("liveness: the work queue is stalled: {}", stall);
            return false;
          }).orElse(true)));
    }
    caches.start();
    long deadline = System.nanoTime() + syncTimeout.toNanos();
    while (!caches.hasSynced()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("informer caches did not sync within " + syncTimeout);
      }
      Thread.sleep(50);
    }
    LOG.info("caches synced: {} clusters in {}", caches.clusters().list().size(), settings.namespaces());

    LeadershipListener listener = new LeadershipListener() {
      @Override
      public void onStartedLeading() {
        metrics.leading(true);
        enqueueAll();
        queue.start();
      }

      @Override
      public void onStoppedLeading() {
        metrics.leading(false);
        queue.pause();
        if (!closing) {
          lostLeadership();
        }
      }
    };
    election = settings.leaderElection()
        .<LeaderElection>map(lease -> new LeaseLeaderElection(client, lease, listener, fence))
        .orElseGet(() -> new NoLeaderElection(listener, fence));
    election.start();
    return this;
  }

  /**
   * The Lease is gone (the fence is closed already, so nothing in flight acts any more) and the
   * process is told. Backups and restores run in pods, not here: nothing of theirs is left to stop.
   */
  private void lostLeadership() {
    LOG.warn("lost the leader Lease: refusing every write and member call from now on");
    leadershipLost.run();
  }

  private void enqueue(ResourceKey key) {
    WorkQueue<ResourceKey> current = queue;
    if (current != null) {
      current.add(key);
    }
  }

  /** A ServiceMonitor, PrometheusRule or Certificate CRD came or went: the clusters using that kind look again. */
  private void optionalKindChanged(GenericKinds kind) {
    OptionalKinds.clustersRendering(caches.clusters().list(), kind, settings.clusterDomain()).forEach(this::enqueue);
  }

  /** A leader starts by looking at everything: it may have missed events while standing by. */
  private void enqueueAll() {
    caches.clusters().list().forEach(c -> enqueue(ResourceKey.cluster(c.getMetadata().getNamespace(), c.getMetadata().getName())));
    caches.backups().list().forEach(b -> enqueue(ResourceKey.backup(b.getMetadata().getNamespace(), b.getMetadata().getName())));
    caches.restores().list().forEach(r -> enqueue(ResourceKey.restore(r.getMetadata().getNamespace(), r.getMetadata().getName())));
  }

  /** Enqueues every custom resource, as a periodic resync does. */
  public void resyncAll() {
    enqueueAll();
  }

  /** Whether no reconcile is due or running (timed requeues for later may be pending). */
  public boolean idle() {
    return queue != null && queue.dueNow() == 0 && queue.running() == 0;
  }

  /** Whether this process leads now. */
  public boolean isLeader() {
    return election != null && election.isLeader();
  }

  /** The caches (tests look at what the operator sees). */
  public InformerCaches caches() {
    return caches;
  }

  /** Keys waiting in the queue. */
  public int queueDepth() {
    return queue == null ? 0 : queue.depth();
  }

  /** The port of the health server, if it runs. */
  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  /** The port of the metrics server, if it runs. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  @Override
  public synchronized void close() {
    LOG.info("shutting down");
    closing = true;
    try {
      if (queue != null && !queue.shutdown(settings.shutdownGrace())) {
        LOG.warn("reconciles still running after {}", settings.shutdownGrace());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (election != null) {
      election.close();
    }
    if (caches != null) {
      caches.close();
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.debug("closing {}", resource, e);
      }
    }
    if (ownedScheduler != null) {
      ownedScheduler.close();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
    if (probes != null) {
      probes.shutdownNow();
    }
    if (metricsServer != null) {
      metricsServer.close();
    }
    if (health != null) {
      health.close();
    }
  }
}
