package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.controller.ProcessFencing;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.database.ProxyAddressResolver;
import cloud.hyperbyte.operator.e2e.MemberWrites;
import cloud.hyperbyte.operator.e2e.SeedRouting;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.container.ContainerInvocation;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import cloud.hyperbyte.testkit.container.ImageShell;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeding a new member end to end on the simulated cluster, for members of 1 GiB (by default): a
 * three-member cluster with points written and flushed is scaled to four, and the operator seeds
 * member 3 through the real seed pods. What runs where:
 *
 * <ul>
 *   <li>this JVM, the operator side: the simulated API server, StatefulSet controller and members,
 *       and the operator wired as {@code run} wires it (informers, work queue, fenced client);
 *   <li>{@code seed-serve} (source pod) and {@code seed-fetch} (target pod): each a process of its own
 *       ({@link ContainerProcessMain}: the operator image's entry point with the container's exact
 *       args, env and mounts), {@code -Xmx192m} as the pods' 256 MiB limit with the image's {@code
 *       MaxRAMPercentage=75} gives it; the source serves on loopback ({@link SeedRouting});
 *   <li>the database image's steps: the testkit's {@code /bin/sh} and {@code hyperbytedb backup} /
 *       {@code restore}, run on the member volumes as in the end-to-end tests.
 * </ul>
 *
 * <p>The simulated server models its chDB directory by the points it holds, not by bytes, so the size
 * comes from part files of incompressible bytes written before the run (not timed) and moved into the
 * source's backup directory ({@code data/parts/}) when its {@code hyperbytedb backup} step ends; on the
 * target, after {@code seed-fetch} verified the archive's SHA-256, their total size is checked and
 * they are set aside before the simulated {@code hyperbytedb restore}, so the restore's copy of them is
 * not timed. Measured: the end-to-end time from the scale request until four members are Running,
 * Raft voters, and the new member holds the flushed points; the transfer (the fetch process's
 * lifetime) and its throughput; each process's peak resident set ({@code VmHWM}) and peak heap; this
 * JVM's CPU time and peak heap during the run and its live heap after it. Prints numbers; asserts
 * nothing but that the seed happened.
 *
 * <pre>{@code java -cp <test classpath> cloud.hyperbyte.operator.bench.SeedBenchmark [MiB,MiB...] [work dir]}</pre>
 */
public final class SeedBenchmark {

  private static final String NS = "bench";
  private static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:bench";
  private static final List<String> POINTS = List.of("cpu,host=a value=1", "cpu,host=b value=2");
  private static final String PARTS = "data/parts";

  private SeedBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = (args.length > 0 ? List.of(args[0].split(",")) : List.of("1024")).stream()
        .map(Integer::parseInt).toList();
    Path work = Files.createDirectories(args.length > 1 ? Path.of(args[1])
        : Path.of("target", "seed-bench-" + ProcessHandle.current().pid()));
    System.out.println("size | end to end | transfer | throughput | seed-serve: peak RSS / peak heap | seed-fetch:"
        + " peak RSS / peak heap | operator side: CPU / peak heap in use / live heap after (before)");
    try {
      for (int mib : sizes) {
        run(work, mib);
      }
    } finally {
      BenchFiles.deleteTree(work);
    }
    System.exit(0); // the simulation's non-daemon threads
  }

  private static void run(Path work, int mib) throws Exception {
    long bytes = (long) mib << 20;
    Path staged = BenchFiles.writeIncompressibleParts(work.resolve("parts"), bytes);
    Forked image = new Forked(work);
    DatabaseImage database = new DatabaseImage(staged, bytes, work.resolve("set-aside"));
    // SeedRouting reads the source pod's IP through the cluster's client, there once the cluster started
    AtomicReference<SimulatedCluster> started = new AtomicReference<>();
    try (SimulatedCluster sim = SimulatedCluster.builder()
        .databaseOptions(o -> o.withStartupDuration(Duration.ofMillis(300)).withWalRetentionEntries(0))
        .containerProgram(OPERATOR_IMAGE::equals, new SeedRouting(image, image, () -> started.get().observerClient()))
        .containerProgram(name -> name.contains("/hyperbytedb:"), database)
        .start()) {
      started.set(sim);
      Operator operator = startOperator(sim);
      KubernetesClient user = sim.observerClient();
      user.resource(Serialization.unmarshal("""
          apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
          kind: HyperbytedbCluster
          metadata: {name: hdb, namespace: %s}
          spec:
            replicas: 3
            version: "0.8.5"
            cluster: {drainWaitSecs: 2}
          """.formatted(NS), HyperbytedbCluster.class)).create();
      awaitRunning(sim, user, 3);
      int written = MemberWrites.write(sim, NS, "hdb-0", POINTS);
      if (written != 204) {
        throw new IllegalStateException("write answered " + written);
      }
      await(() -> IntStream.range(0, 3).allMatch(i -> sim.member(NS, "hdb-" + i).orElseThrow().points().size()
          == POINTS.size()), "the points reach every member");
      SimulatedDatabase db = sim.database(NS, "hdb").orElseThrow();
      IntStream.range(0, 3).forEach(db::flush);

      JvmUsage usage = JvmUsage.start(Duration.ofMillis(20));
      long start = System.nanoTime();
      HyperbytedbCluster cluster = user.resources(HyperbytedbCluster.class).inNamespace(NS).withName("hdb").get();
      cluster.getSpec().setReplicas(4);
      user.resource(cluster).update();
      awaitRunning(sim, user, 4);
      await(() -> sim.member(NS, "hdb-3").map(m -> m.points().size() == POINTS.size()).orElse(false),
          "the new member holds the flushed points");
      long nanos = System.nanoTime() - start;
      JvmUsage.Used used = usage.stop();
      ForkedJvm.Measured serve = image.measured.get(SeedArgs.SERVE);
      ForkedJvm.Measured fetch = image.measured.get(SeedArgs.FETCH);
      if (serve == null || fetch == null || !database.checked) {
        throw new IllegalStateException("member 3 was not seeded through the seed pods");
      }
      double transfer = fetch.nanos() / 1e9;
      System.out.printf("%d MiB | %.1f s | %.1f s | %.1f MiB/s | %d MiB / %d MiB | %d MiB / %d MiB"
              + " | %.2f s / %d MiB / %d MiB (%d MiB)%n",
          mib, nanos / 1e9, transfer, mib / transfer, serve.peakRss() >> 20, serve.peakHeap() >> 20,
          fetch.peakRss() >> 20, fetch.peakHeap() >> 20, used.cpuNanos() / 1e9, used.peakHeap() >> 20,
          used.heapAfter() >> 20, used.heapBefore() >> 20);
      operator.close();
    } finally {
      BenchFiles.deleteTree(staged);
      BenchFiles.deleteTree(work.resolve("set-aside"));
    }
  }

  private static Operator startOperator(SimulatedCluster sim) throws Exception {
    ProcessFencing fencing = new ProcessFencing();
    KubernetesClient client = sim.kubernetes().newClient(builder -> fencing.configure(builder, http -> {}));
    PodAddressResolver members = (member, scheme) -> URI.create("http://" + sim.loopbackAddressOfHost(member.host()));
    ProxyAddressResolver proxies = proxy -> URI.create("http://" + sim.proxyAdminAddressOfIp(proxy.podIp()).orElseThrow());
    OperatorSettings settings = new OperatorSettings(WatchedNamespaces.all(), "cluster.local", Optional.empty(), -1, -1,
        4, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.of(OPERATOR_IMAGE))
        .withLifecycleTimings(new LifecycleTimings(Duration.ofSeconds(4), Duration.ofSeconds(15), Duration.ofMinutes(2),
            Duration.ofMillis(200)));
    Operator operator = fencing.fenced(new Operator(client, settings, new OperatorMetrics(new PrometheusRegistry()),
        members, proxies, Clock.systemUTC()), () -> {});
    operator.start(Duration.ofSeconds(30));
    return operator;
  }

  private static void awaitRunning(SimulatedCluster sim, KubernetesClient user, int replicas) throws Exception {
    await(() -> {
      HyperbytedbCluster cluster = user.resources(HyperbytedbCluster.class).inNamespace(NS).withName("hdb").get();
      HyperbytedbClusterStatus status = cluster.getStatus();
      return status != null && cluster.getMetadata().getGeneration().equals(status.getObservedGeneration())
          && "Running".equals(status.getPhase()) && Integer.valueOf(replicas).equals(status.getReadyReplicas())
          && sim.database(NS, "hdb").flatMap(SimulatedDatabase::raft).map(r -> r.voters().size() == replicas)
              .orElse(false);
    }, "the cluster runs " + replicas + " members");
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30); System.nanoTime() < deadline; ) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("timed out waiting until " + what);
  }

  /**
   * The database image: the testkit's shell and {@code hyperbytedb} CLI, plus the staged part files
   * moved into the seed source's backup and checked and set aside on the target before its restore.
   */
  private static final class DatabaseImage implements ContainerProgram {
    private final ImageShell shell = new ImageShell(Clock.systemUTC());
    private final Path staged;
    private final long bytes;
    private final Path setAside;
    volatile boolean checked;

    DatabaseImage(Path staged, long bytes, Path setAside) {
      this.staged = staged;
      this.bytes = bytes;
      this.setAside = setAside;
    }

    @Override
    public ExecResult run(ContainerInvocation invocation) throws Exception {
      boolean seedPod = invocation.pod().matches(".*-seed-\\d+-\\d+-(source|target)");
      if (seedPod && invocation.container().equals(SeedPodRenderer.RESTORE_CONTAINER)) {
        Path parts = invocation.files().hostPath(RestorePodRenderer.SNAPSHOT_DIR).orElseThrow().resolve(PARTS);
        long received;
        try (Stream<Path> files = Files.list(parts)) {
          received = files.mapToLong(p -> p.toFile().length()).sum();
        }
        if (received != bytes) {
          return new ExecResult(1, new byte[0], "", "bench: " + received + " bytes of parts, expected " + bytes);
        }
        Files.move(parts, Files.createDirectories(setAside).resolve(invocation.pod()));
        checked = true;
      }
      ExecResult result = shell.run(invocation);
      if (seedPod && invocation.container().equals(SeedPodRenderer.BACKUP_CONTAINER) && result.exitCode() == 0) {
        Path backup = invocation.files().hostPath(SeedPodRenderer.BACKUP_DIR).orElseThrow();
        Files.move(staged, backup.resolve(PARTS));
      }
      return result;
    }
  }

  /** The operator image's seed subcommands, each in a process of its own, measured. */
  private static final class Forked implements ContainerProgram {
    private final Path work;
    final Map<String, ForkedJvm.Measured> measured = new ConcurrentHashMap<>();

    Forked(Path work) {
      this.work = work;
    }

    @Override
    public ExecResult run(ContainerInvocation invocation) throws Exception {
      Path root = Files.createTempDirectory(Files.createDirectories(work.resolve("roots")), invocation.container());
      Path terminationLog = root.resolve(ProcessEnvironment.TERMINATION_LOG.substring(1));
      Files.createDirectories(terminationLog.getParent());
      Files.writeString(terminationLog, "");
      Map<String, Path> mounts = new LinkedHashMap<>();
      invocation.files().mounts().forEach((path, mount) -> mount.hostPath("").ifPresent(host -> mounts.put(path, host)));
      ForkedJvm.Measured step = ForkedJvm.run(List.of("-Xmx192m"), ContainerProcessMain.class,
          ContainerProcessMain.args(root, mounts, invocation.args()), invocation.env(), root.resolve("process.log"));
      measured.put(invocation.args().get(0), step);
      return new ExecResult(step.exitCode(), step.output().getBytes(StandardCharsets.UTF_8), step.output(),
          Files.readString(terminationLog));
    }
  }
}
