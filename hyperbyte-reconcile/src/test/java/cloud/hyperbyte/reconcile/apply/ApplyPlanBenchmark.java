package cloud.hyperbyte.reconcile.apply;

import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableProxySettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times planning for a five-member cluster with every feature on (autoscaling, proxy, ServiceMonitor,
 * PrometheusRule, dashboard: 11 objects) against live objects carrying server defaults, status and
 * other writers' changes. Not a test: run by hand. Arguments: warm-up batches, measured batches,
 * plans per batch (defaults 20, 30, 200).
 *
 * <pre>
 * mvn -B -q -o -pl hyperbyte-reconcile test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=cloud.hyperbyte.reconcile.apply.ApplyPlanBenchmark
 * </pre>
 */
public final class ApplyPlanBenchmark {

  private ApplyPlanBenchmark() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int perBatch = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    ImmutableClusterSpec spec = Clusters.allFeatures();
    List<HasMetadata> desired = Clusters.render(spec);
    ApplyPlanner planner = ApplyPlanner.withDefaults();

    SimulatedApiServer server = new SimulatedApiServer();
    new ApplyExecutor(server).execute(planner.plan(Clusters.UID, desired, server.live()));
    server.editAll(OtherWriters::kubectlLastApplied);
    server.editAll(OtherWriters::costLabel);
    List<HasMetadata> matching = server.live();

    ImmutableClusterSpec changed = spec.withProxy(spec.proxy().map(p -> ImmutableProxySettings.copyOf(p).withReplicas(3)))
        .withAutoscaling(java.util.Optional.empty());
    List<HasMetadata> changedDesired = Clusters.render(changed);

    System.out.printf(Locale.ROOT, "%d desired objects, %d live objects%n", desired.size(), matching.size());
    planner.plan(Clusters.UID, changedDesired, matching).describe().forEach(l -> System.out.println("  " + l));

    report("plan, nothing to do", measure(warmup, batches, perBatch,
        () -> planner.plan(Clusters.UID, desired, matching).unchanged().size()));
    report("plan, 1 apply + 1 prune", measure(warmup, batches, perBatch,
        () -> planner.plan(Clusters.UID, changedDesired, matching).writeCount()));
    report("render + plan", measure(warmup, batches, perBatch,
        () -> planner.plan(Clusters.UID, Clusters.render(spec), matching).unchanged().size()));
  }

  private static double[] measure(int warmup, int batches, int perBatch, Work work) {
    long sink = 0;
    for (int i = 0; i < warmup * perBatch; i++) {
      sink += work.run();
    }
    double[] micros = new double[batches];
    for (int b = 0; b < batches; b++) {
      long start = System.nanoTime();
      for (int i = 0; i < perBatch; i++) {
        sink += work.run();
      }
      micros[b] = (System.nanoTime() - start) / 1_000.0 / perBatch;
    }
    if (sink == 42) {
      System.out.println("(unlikely sink value)");
    }
    return micros;
  }

  private static void report(String name, double[] micros) {
    double[] sorted = micros.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-24s mean %8.1f us  median %8.1f us  min %8.1f us  max %8.1f us  (%d batches)%n",
        name, Arrays.stream(sorted).average().orElse(0), sorted[sorted.length / 2], sorted[0],
        sorted[sorted.length - 1], sorted.length);
  }

  @FunctionalInterface
  private interface Work {
    long run();
  }
}
