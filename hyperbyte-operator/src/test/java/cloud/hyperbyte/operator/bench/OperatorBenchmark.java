package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Operator overhead on the simulated cluster: a 3->5 scale-up and a 5-member rolling upgrade (time
 * beyond the simulated member start time), API requests per converged cluster, and heap held by the
 * operator process after it converged 100 clusters. Not a test: run it by hand,
 * <pre>
 * mvn -B -q -pl hyperbyte-operator test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=cloud.hyperbyte.operator.bench.OperatorBenchmark [-Dexec.args="100 1000"]
 * </pre>
 * Arguments: clusters for the heap measure (100), member start time in ms (1000).
 */
public final class OperatorBenchmark {

  private static final String NS = "bench";

  private OperatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Duration startup = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1000);
    System.out.printf(Locale.ROOT, "member start time %d ms, drainWaitSecs 0%n", startup.toMillis());
    try (SimulatedCluster sim = SimulatedCluster.builder()
        .databaseOptions(o -> o.withStartupDuration(startup).withDrainAckTimeout(Duration.ofSeconds(3))).start()) {
      KubernetesClient user = sim.observerClient();
      Running operator = Running.start(sim);

      ApiMark beforeCreate = sim.mark();
      user.resource(cluster("warm", 3, "0.8.5")).create();
      awaitRunning(user, "warm", 3, "0.8.5");
      sleep(Duration.ofSeconds(3)); // the passes after the last member joined
      ApiActivity converge = sim.activitySince(beforeCreate);
      System.out.printf(Locale.ROOT, "converging a 3-member cluster: %d API requests (%d writes) %s%n",
          converge.requests().size(), converge.writes().size(), converge.writesByVerbAndResource());

      long scaleStart = System.nanoTime();
      edit(user, "warm", c -> c.getSpec().setReplicas(5));
      awaitRunning(user, "warm", 5, "0.8.5");
      report("scale-up 3->5", System.nanoTime() - scaleStart, startup);

      long upgradeStart = System.nanoTime();
      edit(user, "warm", c -> c.getSpec().setVersion("0.8.6"));
      await(() -> user.pods().inNamespace(NS).list().getItems().stream()
          .filter(p -> p.getMetadata().getName().startsWith("warm-"))
          .allMatch(p -> p.getSpec().getContainers().get(0).getImage().endsWith(":0.8.6")));
      awaitRunning(user, "warm", 5, "0.8.6");
      report("rolling upgrade of 5", System.nanoTime() - upgradeStart, startup.multipliedBy(5));

      long before = usedHeapAfterGc();
      for (int i = 0; i < clusters; i++) {
        user.resource(cluster("c" + i, 1, "0.8.5")).create();
      }
      for (int i = 0; i < clusters; i++) {
        awaitRunning(user, "c" + i, 1, "0.8.5");
      }
      long withOperator = usedHeapAfterGc();
      operator.close();
      operator = null;
      long withoutOperator = usedHeapAfterGc();
      System.out.printf(Locale.ROOT, "heap after %d more clusters converged: %.1f MiB (was %.1f MiB); "
          + "released when the operator stopped: %.1f MiB%n", clusters, mib(withOperator), mib(before),
          mib(withOperator - withoutOperator));
    }
    System.exit(0);
  }

  /** An operator process wired as RunCommand wires it, on the simulated cluster. */
  private record Running(Operator operator, KubernetesClient client) implements AutoCloseable {
    static Running start(SimulatedCluster sim) throws Exception {
      KubernetesClient client = sim.kubernetes().newClient(b -> {});
      PodAddressResolver resolver = (m, scheme) -> URI.create("http://" + sim.loopbackAddressOfHost(m.host()));
      OperatorSettings settings = new OperatorSettings(WatchedNamespaces.all(), "cluster.local", Optional.empty(), -1,
          -1, 4, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(5));
      Operator operator = new Operator(client, settings, OperatorMetrics.standalone(), resolver, Clock.systemUTC());
      operator.start(Duration.ofSeconds(30));
      return new Running(operator, client);
    }

    @Override
    public void close() {
      operator.close();
      client.close();
    }
  }

  private static HyperbytedbCluster cluster(String name, int replicas, String version) {
    return Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata:
          name: %s
          namespace: %s
        spec:
          replicas: %d
          version: "%s"
          cluster:
            drainWaitSecs: 0
        """.formatted(name, NS, replicas, version), HyperbytedbCluster.class);
  }

  private static void edit(KubernetesClient user, String name, java.util.function.Consumer<HyperbytedbCluster> change) {
    HyperbytedbCluster current = user.resources(HyperbytedbCluster.class).inNamespace(NS).withName(name).get();
    current.setStatus(null);
    change.accept(current);
    user.resource(current).update();
  }

  private static void awaitRunning(KubernetesClient user, String name, int replicas, String version) {
    await(() -> {
      HyperbytedbCluster c = user.resources(HyperbytedbCluster.class).inNamespace(NS).withName(name).get();
      return c != null && c.getStatus() != null && "Running".equals(c.getStatus().getPhase())
          && c.getMetadata().getGeneration().equals(c.getStatus().getObservedGeneration())
          && Integer.valueOf(replicas).equals(c.getStatus().getReadyReplicas())
          && version.equals(c.getStatus().getCurrentVersion());
    });
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within 10 minutes");
      }
      sleep(Duration.ofMillis(20));
    }
  }

  private static void report(String what, long nanos, Duration memberStarts) {
    double total = nanos / 1e6;
    System.out.printf(Locale.ROOT, "%s: %.0f ms, of which member starts %d ms, operator overhead %.0f ms%n",
        what, total, memberStarts.toMillis(), total - memberStarts.toMillis());
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      sleep(Duration.ofMillis(200));
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
