package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.queue.Backoff;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.SystemScheduler;
import cloud.hyperbyte.operator.queue.WorkQueue;
import cloud.hyperbyte.operator.storage.LocalS3;
import cloud.hyperbyte.operator.storage.S3ObjectStore;
import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.BackupDecision;
import cloud.hyperbyte.reconcile.backup.RetryPolicy;
import cloud.hyperbyte.reconcile.backup.SchedulePolicy;
import cloud.hyperbyte.reconcile.restore.RestoreDecision;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.testkit.Patience;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The backup and restore side of the operator wired as in production (informer caches feed a work
 * queue whose router calls the reconcilers; finished attempts wake their backup's key; events of a
 * cluster also wake the restores in progress on it), against the
 * testkit's simulated Kubernetes API and a real S3 server (s3proxy). Backup pods run on {@link
 * BackupPodKubelet} (the upload step is the operator image's real entry point); the cluster
 * reconciler is replaced by what a test plugs in.
 */
final class BackupRestoreHarness implements AutoCloseable {

  static final String NAMESPACE = "test";
  static final String BUCKET = "backups";
  static final String PREFIX = "hb";
  static final String SECRET = "s3-creds";
  static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0";
  /**
   * Longer than any test: a restore here progresses on the watch events routed to it ({@link
   * RestoreWakeups}), as in the operator, never on a timer.
   */
  static final Duration SAFETY_REQUEUE = Duration.ofMinutes(10);
  /** Look again soon after the object store was unavailable. */
  static final Duration RETRY = Duration.ofMillis(100);
  /** Retries after transient failures come quickly here; the policy's shape is the decision's. */
  static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1));

  final SimulatedKubernetes kube;
  final KubernetesClient client;
  final LocalS3 s3;
  final Clock clock;
  final BackupPodKubelet kubelet;
  final WorkQueue<ResourceKey> queue;
  final InformerCaches caches;
  private final SystemScheduler scheduler;
  private final ExecutorService workers;
  private volatile Function<ResourceKey, ReconcileResult> clusters = key -> ReconcileResult.done();

  /**
   * @param serverBackup what {@code hyperbytedb backup} writes on every member
   * @param claims where member claims' directories are made
   */
  BackupRestoreHarness(Path serverBackup, Path claims, Clock clock) throws Exception {
    this.clock = clock;
    this.kube = SimulatedKubernetes.start(clock, 0);
    this.client = kube.client();
    this.s3 = LocalS3.inMemoryWithBucket(BUCKET);
    this.kubelet = new BackupPodKubelet(client, serverBackup, claims);
    this.scheduler = new SystemScheduler(clock);
    this.workers = Executors.newFixedThreadPool(2);
    S3ObjectStoreFactory stores = new S3ObjectStoreFactory();
    BackupReconciler backups = new BackupReconciler(client,
        new BackupDecision(clock, FAST_RETRY, SchedulePolicy.DEFAULT), OPERATOR_IMAGE, "cluster.local", clock,
        BackupReconciler.DEFAULT_POD_DEADLINE);
    RestoreReconciler restores = new RestoreReconciler(client, stores, "cluster.local", clock,
        new RestoreDecision(clock, OPERATOR_IMAGE, Duration.ofMinutes(5), RETRY), SAFETY_REQUEUE);
    this.queue = new WorkQueue<>(key -> switch (key.kind()) {
      case BACKUP -> backups.reconcile(key);
      case RESTORE -> restores.reconcile(key);
      case CLUSTER -> clusters.apply(key);
    }, 2, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), scheduler, workers);
    InformerCaches[] cachesRef = new InformerCaches[1];
    RestoreWakeups wakeups = new RestoreWakeups(() -> cachesRef[0].restores().list());
    this.caches = new InformerCaches(client, WatchedNamespaces.all(), wakeups.andWaiting(queue::add),
        Duration.ofMinutes(10), kind -> { }, wakeups.waitingOnly(queue::add));
    cachesRef[0] = caches;
    caches.start();
    await().until(caches::hasSynced);
    queue.start();
  }

  /** Cluster keys go to {@code reconciler} (a stand-in for the cluster reconciler). */
  void clusterReconciler(Function<ResourceKey, ReconcileResult> reconciler) {
    this.clusters = reconciler;
  }

  static ConditionFactory await() {
    return Awaitility.await().atMost(Patience.LIMIT).pollInterval(Duration.ofMillis(50));
  }

  /** The credentials Secret s3proxy accepts. */
  void createCredentialsSecret() {
    LocalS3.storeCredentialsSecret(client, NAMESPACE, SECRET);
  }

  HyperbytedbCluster createCluster(String name, int replicas) {
    return client.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: %s, namespace: %s}
        spec: {replicas: %d, version: "0.8.5"}
        """.formatted(name, NAMESPACE, replicas), HyperbytedbCluster.class)).create();
  }

  /** Running, Ready member pods as the StatefulSet would make them (for tests without one). */
  void createReadyMembers(String cluster, int count) {
    for (int i = 0; i < count; i++) {
      Pod pod = client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
          .withNewMetadata().withName(cluster + "-" + i).withNamespace(NAMESPACE)
          .withLabels(ClusterLabels.selector(cluster)).addToLabels("apps.kubernetes.io/pod-index", Integer.toString(i))
          .endMetadata()
          .withNewSpec().withNodeName("node-" + i).addNewContainer().withName("hyperbytedb").withImage("hyperbytedb:0.8.5").endContainer()
          .endSpec().build()).create();
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
          .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
      client.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
    }
  }

  /** A backup of {@code cluster} to this harness's bucket; {@code extraSpec} lines are appended to the spec. */
  HyperbytedbBackup createBackup(String name, String cluster, String extraSpec) {
    String yaml = """
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbBackup
        metadata: {name: %s, namespace: %s}
        spec:
          clusterName: %s
          destination:
            s3:
              bucket: %s
              prefix: %s
              endpoint: %s
              forcePathStyle: true
              credentialsSecretName: %s
        %s""".formatted(name, NAMESPACE, cluster, BUCKET, PREFIX, s3.endpoint(), SECRET, extraSpec.indent(2));
    return client.resource(Serialization.unmarshal(yaml, HyperbytedbBackup.class)).create();
  }

  HyperbytedbRestore createRestore(String name, String cluster, String backupName) {
    return client.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbRestore
        metadata: {name: %s, namespace: %s}
        spec: {clusterName: %s, backupName: %s}
        """.formatted(name, NAMESPACE, cluster, backupName), HyperbytedbRestore.class)).create();
  }

  HyperbytedbBackup backup(String name) {
    return client.resources(HyperbytedbBackup.class).inNamespace(NAMESPACE).withName(name).get();
  }

  HyperbytedbRestore restore(String name) {
    return client.resources(HyperbytedbRestore.class).inNamespace(NAMESPACE).withName(name).get();
  }

  HyperbytedbCluster cluster(String name) {
    return client.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).withName(name).get();
  }

  /** The bucket, read directly (the test's view of what the operator wrote). */
  S3ObjectStore bucket() {
    return new S3ObjectStoreFactory().open(s3.settings(BUCKET), LocalS3.credentials());
  }


  @Override
  public void close() throws Exception {
    queue.shutdown(Duration.ofSeconds(5));
    kubelet.close();
    caches.close();
    scheduler.close();
    workers.shutdownNow();
    s3.close();
    kube.close();
  }
}
