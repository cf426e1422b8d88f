package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.e2e.Manifests;
import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Operator overhead on the simulated cluster: a 3->5 scale-up and a 5-member rolling upgrade (time
 * beyond the simulated member start time), API requests per converged cluster, and the operator's
 * live heap when it manages nothing and after it converged 100 more one-member clusters. The
 * simulation (API server, StatefulSet controller, members) runs in this JVM; the operator runs in a
 * child JVM ({@link ForkedOperator}), so its heap is measured alone. Not a test: run it by hand,
 * <pre>
 * mvn -B -q -o -pl hyperbyte-operator -am test-compile dependency:build-classpath \
 *   -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * cd hyperbyte-operator &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *   cloud.hyperbyte.operator.bench.OperatorBenchmark [100 1000]
 * </pre>
 * Arguments: clusters for the heap measure (100), member start time in ms (1000). The operator JVM
 * gets the chart's JVM options with {@code -Xmx192m} (its 384 MiB limit at {@code MaxRAMPercentage=50});
 * its log goes to
 * {@code target/bench-operator.log}.
 */
public final class OperatorBenchmark {

  private static final String NS = "bench";
  private static final List<String> OPERATOR_JVM = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=96m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

  private OperatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Duration startup = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1000);
    System.out.printf(Locale.ROOT, "member start time %d ms, drainWaitSecs 0, operator JVM %s%n", startup.toMillis(),
        String.join(" ", OPERATOR_JVM));
    Path log = Path.of("target", "bench-operator.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    try (SimulatedCluster sim = SimulatedCluster.builder()
            .databaseOptions(o -> o.withStartupDuration(startup).withDrainAckTimeout(Duration.ofSeconds(3))).start();
         MemberAddressBook addresses = MemberAddressBook.serve(sim::loopbackAddressOfHost);
         ForkedOperator operator = ForkedOperator.start(
             sim.kubernetes().client().getConfiguration().getMasterUrl(), addresses.url(), OPERATOR_JVM, log)) {
      KubernetesClient user = sim.observerClient();
      ForkedOperator.LiveHeap baseline = operator.liveHeap();
      System.out.printf(Locale.ROOT, "operator heap, nothing managed: %.1f MiB live (RSS %.0f MiB)%n",
          mib(baseline.bytes()), mib(operator.residentBytes()));

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

      ForkedOperator.LiveHeap one = operator.liveHeap();
      for (int i = 0; i < clusters; i++) {
        user.resource(cluster("c" + i, 1, "0.8.5")).create();
      }
      for (int i = 0; i < clusters; i++) {
        awaitRunning(user, "c" + i, 1, "0.8.5");
      }
      sleep(Duration.ofSeconds(3)); // let the last passes finish
      ForkedOperator.LiveHeap many = operator.liveHeap();
      System.out.printf(Locale.ROOT, "operator heap with the 5-member cluster: %.1f MiB live%n", mib(one.bytes()));
      System.out.printf(Locale.ROOT, "operator heap after %d more 1-member clusters converged: %.1f MiB live "
              + "(%.1f KiB per cluster; RSS %.0f MiB)%n", clusters, mib(many.bytes()),
          (many.bytes() - one.bytes()) / 1024.0 / clusters, mib(operator.residentBytes()));
      print("grew most with the first cluster:", one.growthSince(baseline, 10));
      print("grew most with the " + clusters + " more clusters:", many.growthSince(one, 10));
      print("largest at the end:", many.largest(10));
    }
    System.exit(0);
  }

  private static HyperbytedbCluster cluster(String name, int replicas, String version) {
    return Manifests.cluster(name, NS, replicas, version, "cluster:\n  drainWaitSecs: 0\n");
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

  private static void print(String title, List<String> lines) {
    System.out.println(title);
    lines.forEach(line -> System.out.println("  " + line));
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
