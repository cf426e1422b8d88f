package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.e2e.Manifests;
import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What one operator costs at fleet scale, scenario by scenario, on the simulated cluster (API server,
 * StatefulSet controller and members in this JVM; the operator in a child JVM with production
 * wiring, {@link ForkedOperator}):
 * <ol>
 *   <li>create: N clusters of M members at once; time until all are Running; API requests by verb
 *       and resource; writes per converged cluster; the operator's live heap, resident set, GC share;
 *   <li>steady: D minutes with nothing changing; API writes (should be 0); member HTTP calls per
 *       member per minute;
 *   <li>upgrade: every cluster to a new version at once; total time; the most members of one
 *       cluster out at once (sampled every 50 ms; should be 1);
 *   <li>restart: the operator process replaced with all clusters converged; time to caches synced,
 *       to the first reconcile and to N cluster passes; API writes after the restart (status
 *       writes should be 0);
 *   <li>burst: B clusters' specs changed at once ({@code paused: true}); queue wait p50/p99 from the
 *       operator's metrics and spec-change-to-observed latency p50/p99 seen from outside.
 * </ol>
 * Reconcile wall time and CPU time (the operator's own cost: its thread's CPU, without waiting for
 * the API or members) p50/p99 come from the operator's metrics. Not a test: run it by hand,
 * <pre>
 * mvn -B -q -o -pl hyperbyte-operator -am test-compile dependency:build-classpath \
 *   -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * cd hyperbyte-operator &amp;&amp; java -Xmx4g -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *   cloud.hyperbyte.operator.bench.ScaleBenchmark 1000 3 10 "-Xmx192m -XX:+UseSerialGC"
 * </pre>
 * Arguments: clusters (100), members per cluster (3), steady-state minutes (10), the operator JVM's
 * options ("-Xmx192m -XX:+UseSerialGC"), burst size (100), member start time in ms (1000), the
 * scenarios ({@code all}; {@code create} alone, to find the smallest heap that converges; or
 * {@code steady}: create and steady state, with the footprint after it; or {@code restart}: create, then
 * the operator restarted, with the footprint after its first sync and passes), and the
 * clusters' {@code failoverTimeoutSecs} (300, the default; longer where the simulation on a starved
 * machine cannot keep members healthy that long). The operator's log goes to
 * {@code target/scale-operator.log}.
 */
public final class ScaleBenchmark {

  private static final String NS = "scale";

  private final SimulatedCluster sim;
  private final KubernetesClient user;
  private final int clusters;
  private final int members;
  private final int failoverSecs;

  private ScaleBenchmark(SimulatedCluster sim, int clusters, int members, int failoverSecs) {
    this.sim = sim;
    this.failoverSecs = failoverSecs;
    this.user = sim.observerClient();
    this.clusters = clusters;
    this.members = members;
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable failed) {
      // the simulation's non-daemon threads would keep a failed run alive
      failed.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    double steadyMinutes = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    List<String> jvm = Arrays.asList((args.length > 3 ? args[3] : "-Xmx192m -XX:+UseSerialGC").trim().split("\\s+"));
    int burst = Math.min(clusters, args.length > 4 ? Integer.parseInt(args[4]) : 100);
    Duration startup = Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 1000);
    String scenarios = args.length > 6 ? args[6] : "all";
    int failoverSecs = args.length > 7 ? Integer.parseInt(args[7]) : 300;
    List<String> operatorJvm = new ArrayList<>(jvm);
    operatorJvm.add("-XX:+ExitOnOutOfMemoryError");

    say("clusters %d x %d members, steady %.1f min, burst %d, member start %d ms, operator JVM %s", clusters, members,
        steadyMinutes, burst, startup.toMillis(), String.join(" ", operatorJvm));
    say("machine: %d cores, load %s", Runtime.getRuntime().availableProcessors(), load());
    Path log = Path.of("target", "scale-operator.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    try (SimulatedCluster sim = SimulatedCluster.builder()
            .databaseOptions(o -> o.withStartupDuration(startup).withDrainAckTimeout(Duration.ofSeconds(3))).start();
         MemberAddressBook addresses = MemberAddressBook.serve(sim::loopbackAddressOfHost)) {
      String api = sim.kubernetes().client().getConfiguration().getMasterUrl();
      ScaleBenchmark bench = new ScaleBenchmark(sim, clusters, members, failoverSecs);
      ForkedOperator operator = ForkedOperator.start(api, addresses.url(), operatorJvm, log);
      try {
        bench.create(operator);
        if (!scenarios.equals("create") && !scenarios.equals("restart")) {
          bench.steady(operator, steadyMinutes);
          bench.footprint(operator, "after steady");
        }
        if (scenarios.equals("restart")) {
          operator = bench.restart(operator, api, addresses, operatorJvm, log);
          bench.footprint(operator, "after restart");
        }
        if (scenarios.equals("all")) {
          bench.upgrade();
          operator = bench.restart(operator, api, addresses, operatorJvm, log);
          bench.burst(operator, burst);
          bench.footprint(operator, "end");
        }
      } finally {
        operator.close();
      }
    }
  }

  // ---- scenarios ------------------------------------------------------------------------------

  private void create(ForkedOperator operator) throws Exception {
    ApiMark mark = sim.mark();
    long memberCalls = sim.memberRequests();
    MetricsText before = MetricsText.of(operator.scrapeMetrics());
    long start = System.nanoTime();
    ExecutorService creators = Executors.newFixedThreadPool(4);
    for (int i = 0; i < clusters; i++) {
      String name = name(i);
      creators.execute(() -> user.resource(cluster(name, members, "0.8.5", failoverSecs)).create());
    }
    creators.shutdown();
    creators.awaitTermination(10, TimeUnit.MINUTES);
    say("create: %d clusters submitted in %.1f s", clusters, seconds(start));
    awaitAll("create", c -> isRunning(c, members, "0.8.5"), start, operator);
    double took = seconds(start);
    Thread.sleep(10_000); // the passes after the last member joined
    ApiActivity activity = sim.activitySince(mark);
    long writes = activity.writes().size();
    say("create: all %d Running after %.1f s (load %s)", clusters, took, load());
    say("create: %d API requests, %d writes (%.1f writes per cluster)", activity.requests().size(), writes,
        writes / (double) clusters);
    say("create: requests by verb and resource %s", new TreeMap<>(activity.requestsByVerbAndResource()));
    say("create: member HTTP calls %d (%.1f per member)", sim.memberRequests() - memberCalls,
        (sim.memberRequests() - memberCalls) / (double) (clusters * members));
    say("create: writes by verb and resource %s", new TreeMap<>(activity.writesByVerbAndResource()));
    reconcileCost("create", before, MetricsText.of(operator.scrapeMetrics()));
    footprint(operator, "after create");
  }

  private void steady(ForkedOperator operator, double minutes) throws Exception {
    ApiMark mark = sim.mark();
    long memberCalls = sim.memberRequests();
    MetricsText before = MetricsText.of(operator.scrapeMetrics());
    double cpuBefore = operator.cpuSeconds();
    long start = System.nanoTime();
    Thread.sleep((long) (minutes * 60_000));
    double elapsedMinutes = seconds(start) / 60;
    ApiActivity activity = sim.activitySince(mark);
    long calls = sim.memberRequests() - memberCalls;
    say("steady: %.1f min: %d API writes %s, %d API requests; member HTTP calls %.2f per member per minute "
            + "(load %s)", elapsedMinutes, activity.writes().size(), new TreeMap<>(activity.writesByVerbAndResource()),
        activity.requests().size(), calls / elapsedMinutes / (clusters * (double) members), load());
    say("steady: operator CPU %.1f%% of one core", 100 * (operator.cpuSeconds() - cpuBefore) / (elapsedMinutes * 60));
    reconcileCost("steady", before, MetricsText.of(operator.scrapeMetrics()));
  }

  private void upgrade() throws Exception {
    ApiMark mark = sim.mark();
    MembersOutMonitor monitor = MembersOutMonitor.start(sim, NS, clusters, members, ScaleBenchmark::name);
    long start = System.nanoTime();
    for (int i = 0; i < clusters; i++) {
      edit(name(i), c -> c.getSpec().setVersion("0.8.6"));
    }
    awaitAll("upgrade", c -> isRunning(c, members, "0.8.6"), start, null);
    double took = seconds(start);
    monitor.close();
    ApiActivity activity = sim.activitySince(mark);
    say("upgrade: all %d clusters at 0.8.6 after %.1f s; most members of one cluster out at once: %d "
            + "(%d samples); %d writes (%.1f per cluster) (load %s)", clusters, took, monitor.mostOut(),
        monitor.samples(), activity.writes().size(), activity.writes().size() / (double) clusters, load());
  }

  private ForkedOperator restart(ForkedOperator old, String api, MemberAddressBook addresses, List<String> jvm,
      Path log) throws Exception {
    Thread.sleep(5_000);
    old.close();
    ApiMark mark = sim.mark();
    long start = System.nanoTime();
    ForkedOperator operator = ForkedOperator.start(api, addresses.url(), jvm, log.resolveSibling("scale-operator-2.log"));
    double synced = seconds(start);
    double first = -1;
    double all;
    while (true) {
      MetricsText now = MetricsText.of(operator.scrapeMetrics());
      double passes = now.sum("hyperbyte_operator_reconciles_total", "kind=\"HyperbytedbCluster\"");
      if (first < 0 && passes > 0) {
        first = seconds(start);
      }
      if (passes >= clusters) {
        all = seconds(start);
        break;
      }
      Thread.sleep(100);
    }
    Thread.sleep(15_000);
    ApiActivity activity = sim.activitySince(mark);
    long statusWrites = activity.writes().stream().filter(r -> "status".equals(r.subresource())).count();
    say("restart: caches synced %.1f s, first reconcile %.1f s, %d cluster passes %.1f s after the process "
            + "started; writes in the 15 s after: %d (%d status) %s (load %s)", synced, first, clusters, all,
        activity.writes().size(), statusWrites, new TreeMap<>(activity.writesByVerbAndResource()), load());
    return operator;
  }

  private void burst(ForkedOperator operator, int count) throws Exception {
    MetricsText before = MetricsText.of(operator.scrapeMetrics());
    Map<String, Long> changedAt = new HashMap<>();
    Map<String, Long> generation = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = name(i);
      HyperbytedbCluster updated = edit(name, c -> c.getSpec().setPaused(true));
      changedAt.put(name, System.nanoTime());
      generation.put(name, updated.getMetadata().getGeneration());
    }
    List<Double> latencies = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (!changedAt.isEmpty() && System.nanoTime() < deadline) {
      for (HyperbytedbCluster c : user.resources(HyperbytedbCluster.class).inNamespace(NS).list().getItems()) {
        String name = c.getMetadata().getName();
        Long at = changedAt.get(name);
        if (at != null && c.getStatus() != null && c.getStatus().getObservedGeneration() != null
            && c.getStatus().getObservedGeneration() >= generation.get(name)) {
          latencies.add((System.nanoTime() - at) / 1e6);
          changedAt.remove(name);
        }
      }
      Thread.sleep(100);
    }
    MetricsText after = MetricsText.of(operator.scrapeMetrics());
    TreeMap<Double, Double> waits = MetricsText.difference(after.buckets("hyperbyte_operator_queue_wait_seconds", ""),
        before.buckets("hyperbyte_operator_queue_wait_seconds", ""));
    latencies.sort(Double::compare);
    say("burst: %d spec changes: queue wait p50 %.1f ms, p99 %.1f ms (%.0f dispatches); change to observed "
            + "p50 %.0f ms, p99 %.0f ms (polled every 100 ms; %d not observed) (load %s)", count,
        1000 * MetricsText.quantile(0.5, waits), 1000 * MetricsText.quantile(0.99, waits), MetricsText.count(waits),
        percentile(latencies, 0.5), percentile(latencies, 0.99), changedAt.size(), load());
  }

  private void footprint(ForkedOperator operator, String when) throws Exception {
    ForkedOperator.LiveHeap heap = operator.liveHeap();
    double cpu = operator.cpuSeconds();
    double gc = operator.gcSeconds();
    say("footprint %s: live heap %.1f MiB (%.1f KiB per cluster), RSS %.0f MiB, peak RSS %.0f MiB, GC %.1f s of "
            + "%.1f s CPU (%.1f%%)", when, mib(heap.bytes()), heap.bytes() / 1024.0 / clusters,
        mib(operator.residentBytes()), mib(operator.peakResidentBytes()), gc, cpu, 100 * gc / Math.max(cpu, 0.001));
    say("footprint %s: largest classes", when);
    heap.largest(12).forEach(line -> say("  %s", line));
  }

  private void reconcileCost(String scenario, MetricsText before, MetricsText after) {
    String kind = "kind=\"HyperbytedbCluster\"";
    TreeMap<Double, Double> wall = MetricsText.difference(
        after.buckets("hyperbyte_operator_reconcile_duration_seconds", kind),
        before.buckets("hyperbyte_operator_reconcile_duration_seconds", kind));
    TreeMap<Double, Double> cpu = MetricsText.difference(
        after.buckets("hyperbyte_operator_reconcile_cpu_seconds", kind),
        before.buckets("hyperbyte_operator_reconcile_cpu_seconds", kind));
    say("%s: %.0f cluster passes; reconcile wall p50 %.1f ms p99 %.1f ms; own CPU p50 %.1f ms p99 %.1f ms",
        scenario, MetricsText.count(wall), 1000 * MetricsText.quantile(0.5, wall),
        1000 * MetricsText.quantile(0.99, wall), 1000 * MetricsText.quantile(0.5, cpu),
        1000 * MetricsText.quantile(0.99, cpu));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void awaitAll(String scenario, Predicate<HyperbytedbCluster> done, long start, ForkedOperator operator)
      throws Exception {
    long lastReport = System.nanoTime();
    while (true) {
      List<HyperbytedbCluster> items;
      try {
        items = user.resources(HyperbytedbCluster.class).inNamespace(NS).list().getItems();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        // on a starved machine the simulated API can take longer than the client's request timeout
        say("%s: list failed (%s), retrying", scenario, e.getCause() == null ? e.getMessage() : e.getCause());
        Thread.sleep(1000);
        continue;
      }
      long count = items.stream().filter(done).count();
      if (count == clusters) {
        return;
      }
      if (operator != null && !operator.alive()) {
        throw new IllegalStateException(scenario + ": the operator process exited (OutOfMemoryError? see its log)");
      }
      if (System.nanoTime() - lastReport > 30e9) {
        lastReport = System.nanoTime();
        say("%s: %d of %d after %.0f s%s (load %s)", scenario, count, clusters, seconds(start),
            operator == null ? "" : String.format(Locale.ROOT, ", operator RSS %.0f MiB",
                mib(operator.residentBytes())), load());
      }
      if (seconds(start) > 3600) {
        throw new IllegalStateException(scenario + ": not done within an hour");
      }
      // listing every cluster costs the simulated API server: at 1,000 clusters once per 5 s
      Thread.sleep(Math.max(1000, clusters * 5L));
    }
  }

  private static boolean isRunning(HyperbytedbCluster c, int replicas, String version) {
    return c.getStatus() != null && "Running".equals(c.getStatus().getPhase())
        && c.getMetadata().getGeneration().equals(c.getStatus().getObservedGeneration())
        && Integer.valueOf(replicas).equals(c.getStatus().getReadyReplicas())
        && version.equals(c.getStatus().getCurrentVersion());
  }

  private HyperbytedbCluster edit(String name, Consumer<HyperbytedbCluster> change) {
    while (true) {
      HyperbytedbCluster current = user.resources(HyperbytedbCluster.class).inNamespace(NS).withName(name).get();
      current.setStatus(null);
      change.accept(current);
      try {
        return user.resource(current).update();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  static String name(int i) {
    return String.format(Locale.ROOT, "c%04d", i);
  }

  private static HyperbytedbCluster cluster(String name, int replicas, String version, int failoverSecs) {
    // no ServiceMonitor: the simulation has no Prometheus Operator, and its CrdNotInstalled warning
    // event would be counted as a write of every cluster
    return Manifests.cluster(name, NS, replicas, version, """
        cluster:
          drainWaitSecs: 0
        failover:
          failoverTimeoutSecs: %d
        monitoring:
          serviceMonitor: false
        """.formatted(failoverSecs));
  }

  private static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  private static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
    System.out.flush();
  }
}
