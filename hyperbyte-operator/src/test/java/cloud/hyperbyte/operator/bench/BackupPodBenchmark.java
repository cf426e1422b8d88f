package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.backup.BackupReconciler;
import cloud.hyperbyte.operator.e2e.Manifests;
import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.queue.Backoff;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.SystemScheduler;
import cloud.hyperbyte.operator.queue.WorkQueue;
import cloud.hyperbyte.operator.storage.LocalS3;
import cloud.hyperbyte.reconcile.backup.BackupDecision;
import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.reconcile.backup.RetryPolicy;
import cloud.hyperbyte.reconcile.backup.SchedulePolicy;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A backup of a simulated member volume of 1 GiB and 10 GiB (by default) through the backup-pod
 * data path, in three processes so each is measured alone:
 *
 * <ul>
 *   <li>this JVM, the operator side: the simulated API server, the backup reconciler on its work
 *       queue and informers (as the operator wires them), and a kubelet for the backup pod;
 *   <li>the upload process: the pod's upload container ({@link ContainerProcessMain}: the operator
 *       image's entry point with the container's exact args and env), {@code -Xmx192m} as the pod's
 *       256 MiB limit with the image's {@code MaxRAMPercentage=75} gives it;
 *   <li>the object store: s3proxy over a directory ({@link S3ServerMain}).
 * </ul>
 *
 * <p>The snapshot step is not timed: the member's backup directory (files of incompressible bytes)
 * is written before the pod starts and moved into the attempt's scratch directory, where {@code
 * hyperbytedb backup} would have written it. Measured: upload throughput; the upload process's peak
 * resident set ({@code VmHWM}) and peak heap; this JVM's CPU time and peak heap during the run and
 * its live heap after it. Prints numbers; asserts nothing.
 *
 * <pre>{@code java -cp <test classpath> cloud.hyperbyte.operator.bench.BackupPodBenchmark [GiB,GiB...] [work dir]}</pre>
 */
public final class BackupPodBenchmark {

  private static final String NS = "bench";
  private static final String BUCKET = "backups";
  private static final String SECRET = "s3-creds";
  private static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:bench";

  private BackupPodBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = (args.length > 0 ? List.of(args[0].split(",")) : List.of("1", "10")).stream()
        .map(Integer::parseInt).toList();
    Path work = Files.createDirectories(args.length > 1 ? Path.of(args[1])
        : Path.of("target", "backup-bench-" + ProcessHandle.current().pid()));
    Process s3 = ForkedJvm.start(List.of(), S3ServerMain.class,
        List.of(Files.createDirectories(work.resolve("s3")).toString(), BUCKET), Map.of(), work.resolve("s3.log"));
    try (SimulatedKubernetes kube = SimulatedKubernetes.start(Clock.systemUTC(), 0)) {
      String endpoint = awaitEndpoint(work.resolve("s3.log"));
      KubernetesClient client = kube.client();
      setUp(client);
      Kubelet kubelet = new Kubelet(client, work);
      SystemScheduler scheduler = new SystemScheduler(Clock.systemUTC());
      ExecutorService workers = Executors.newFixedThreadPool(2);
      BackupReconciler backups = new BackupReconciler(client,
          new BackupDecision(Clock.systemUTC(), RetryPolicy.DEFAULT, SchedulePolicy.DEFAULT), OPERATOR_IMAGE,
          "cluster.local", Clock.systemUTC(), BackupReconciler.DEFAULT_POD_DEADLINE);
      WorkQueue<ResourceKey> queue = new WorkQueue<>(key -> switch (key.kind()) {
        case BACKUP -> backups.reconcile(key);
        default -> ReconcileResult.done();
      }, 2, Backoff.DEFAULT, scheduler, workers);
      InformerCaches caches = new InformerCaches(client, WatchedNamespaces.all(), queue::add, Duration.ofMinutes(10));
      caches.start();
      while (!caches.hasSynced()) {
        Thread.sleep(20);
      }
      queue.start();
      System.out.println("size | upload | throughput | upload process: peak RSS / peak heap | operator side: CPU"
          + " / peak heap in use / live heap after (before)");
      for (int gib : sizes) {
        run(client, kubelet, work, endpoint, gib);
      }
      queue.shutdown(Duration.ofSeconds(5));
      caches.close();
      scheduler.close();
      workers.shutdownNow();
      kubelet.close();
    } finally {
      s3.destroyForcibly();
      BenchFiles.deleteTree(work);
    }
  }

  private static void run(KubernetesClient client, Kubelet kubelet, Path work, String endpoint, int gib)
      throws Exception {
    String name = "bench-" + gib + "g";
    kubelet.serverBackup = writeServerBackup(work.resolve("member-backup"), (long) gib << 30);
    JvmUsage usage = JvmUsage.start(Duration.ofMillis(20));
    client.resource(Manifests.backup(name, NS, "hdb", BUCKET, endpoint, SECRET)).create();
    HyperbytedbBackup backup;
    do {
      Thread.sleep(200);
      backup = client.resources(HyperbytedbBackup.class).inNamespace(NS).withName(name).get();
    } while (backup.getStatus() == null || !List.of("Completed", "Failed").contains(backup.getStatus().getPhase()));
    JvmUsage.Used used = usage.stop();
    ForkedJvm.Measured upload = kubelet.last;
    double seconds = upload.nanos() / 1e9;
    System.out.printf("%d GiB | %.1f s | %.1f MiB/s | %d MiB / %d MiB | %.2f s / %d MiB / %d MiB (%d MiB) | %s %s%n",
        gib, seconds, (((long) gib) << 10) / seconds, upload.peakRss() >> 20, upload.peakHeap() >> 20,
        used.cpuNanos() / 1e9, used.peakHeap() >> 20, used.heapAfter() >> 20, used.heapBefore() >> 20,
        backup.getStatus().getPhase(), backup.getStatus().getBackupSize());
    BenchFiles.deleteTree(work.resolve("s3").resolve(BUCKET).resolve("hb"));
  }

  /** A member's backup directory of {@code bytes} in 256 MiB chunk files of incompressible bytes. */
  private static Path writeServerBackup(Path dir, long bytes) throws IOException {
    BenchFiles.deleteTree(dir);
    Files.createDirectories(dir.resolve("wal"));
    Files.createDirectories(dir.resolve("meta"));
    Files.writeString(dir.resolve("manifest.json"), "{\"timestamp\":\"" + Instant.now() + "\"}");
    BenchFiles.writeIncompressibleParts(dir.resolve("data/store"), bytes);
    return dir;
  }

  private static void setUp(KubernetesClient client) {
    LocalS3.storeCredentialsSecret(client, NS, SECRET);
    client.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: hdb, namespace: %s}
        spec: {replicas: 1, version: "0.8.5"}
        """.formatted(NS), HyperbytedbCluster.class)).create();
    Pod pod = client.pods().inNamespace(NS).resource(new PodBuilder()
        .withNewMetadata().withName("hdb-0").withNamespace(NS).withLabels(ClusterLabels.selector("hdb"))
        .addToLabels("apps.kubernetes.io/pod-index", "0").endMetadata()
        .withNewSpec().withNodeName("node-0").addNewContainer().withName("hyperbytedb").withImage("hyperbytedb:0.8.5")
        .endContainer().endSpec().build()).create();
    pod.setStatus(new PodStatusBuilder().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
        .endCondition().build());
    client.pods().inNamespace(NS).resource(pod).updateStatus();
  }

  /** Runs backup pods: the snapshot step moves the prepared directory in; the upload step is a process. */
  private static final class Kubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final Path work;
    private final Map<String, Boolean> started = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    volatile Path serverBackup;
    volatile ForkedJvm.Measured last;

    Kubelet(KubernetesClient client, Path work) {
      this.client = client;
      this.work = work;
      this.informer = client.pods().inNamespace(NS).withLabel(BackupPodRenderer.BACKUP_LABEL)
          .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
              if (started.putIfAbsent(pod.getMetadata().getUid(), true) == null) {
                runner.execute(() -> run(pod));
              }
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
            }
          });
    }

    private void run(Pod pod) {
      try {
        Container upload = pod.getSpec().getContainers().get(0);
        List<String> args = upload.getArgs();
        Path root = Files.createDirectories(work.resolve("pod-root"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/termination-log"), "");
        Path snapshot = root.resolve(args.get(args.indexOf(BackupUploadArgs.SNAPSHOT) + 1).substring(1));
        Files.createDirectories(snapshot.getParent());
        Files.move(serverBackup, snapshot);
        if (!snapshot.startsWith(root.resolve(OperatorPaths.DATA_DIR.substring(1)))) {
          throw new IllegalStateException("the snapshot is not on the member volume: " + snapshot);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : upload.getEnv()) {
          String value = new String(Base64.getDecoder().decode(client.secrets().inNamespace(NS)
              .withName(var.getValueFrom().getSecretKeyRef().getName()).get().getData()
              .get(var.getValueFrom().getSecretKeyRef().getKey())), StandardCharsets.UTF_8);
          env.put(var.getName(), value);
        }
        last = ForkedJvm.run(List.of("-Xmx192m"), ContainerProcessMain.class,
            ContainerProcessMain.args(root, Map.of(), args), env, work.resolve("upload.log"));
        String message = Files.readString(root.resolve("dev/termination-log"));
        int exit = last.exitCode();
        Pod current = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get();
        current.setStatus(new PodStatusBuilder().withPhase(exit == 0 ? "Succeeded" : "Failed")
            .withContainerStatuses(new ContainerStatusBuilder().withName(upload.getName()).withImage(upload.getImage())
                .withReady(false).withRestartCount(0).withNewState().withNewTerminated().withExitCode(exit)
                .withMessage(message).withFinishedAt(Instant.now().toString()).endTerminated().endState().build())
            .build());
        client.pods().inNamespace(NS).resource(current).updateStatus();
      } catch (Exception e) {
        e.printStackTrace();
      }
    }

    @Override
    public void close() {
      informer.close();
      runner.shutdownNow();
    }
  }

  private static String awaitEndpoint(Path log) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(log)) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            if (line.startsWith("endpoint ")) {
              return line.substring(9).strip();
            }
          }
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the S3 server did not start; see " + log);
  }
}
