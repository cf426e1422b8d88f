package cloud.hyperbyte.operator.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault campaign: each seed is a schedule of user operations and faults run through the real
 * operator wiring on the simulated cluster (see {@link CampaignRun}), with every invariant checked at
 * every event and convergence required after the faults. CI runs {@link #CI_SEEDS}; any range runs
 * with {@code -Dcampaign.seeds=N -Dcampaign.firstSeed=S}, chosen seeds with
 * {@code -Dcampaign.seedList=S1,S2}. A failing seed prints its schedule and each
 * violated invariant with the trace around it; a summary of all seeds goes to
 * {@code target/fault-campaign/summary.txt}, each seed's full trace to {@code seed-N.txt} beside it.
 *
 * <p>{@code -Dcampaign.parallelism=N} runs N seeds at once in this JVM, each with its own simulated
 * cluster, S3 server and operator instances; the tests still report one per seed, in order. A seed's
 * schedule and faults come from the seed alone, whatever runs beside it; how far the operator got
 * when a step fires depends on the machine's load, as it does with one seed at a time.
 */
class FaultCampaignTest {

  /** The CI subset: a few minutes on two cores; 17 moves the Lease between two operators and faults S3. */
  static final List<Long> CI_SEEDS = List.of(16L, 30L, 49L, 17L);

  private static final List<CampaignRun.Result> RESULTS = new ArrayList<>();
  /** The seeds' threads, made on first use. */
  private static ExecutorService pool;
  private static final long STARTED_NANOS = System.nanoTime();
  /** The JVM's CPU time when the first seed began: the summary reports the CPU the seeds cost. */
  private static final Duration CPU_AT_START = processCpu();

  @TestFactory
  Stream<DynamicTest> everySeedKeepsTheInvariantsAndConverges() {
    long[] seeds = seeds().toArray();
    int parallelism = parallelism();
    // seeds run ahead in the pool up to `parallelism` at a time; each test waits for its own seed
    Map<Integer, Future<CampaignRun.Result>> started = new ConcurrentHashMap<>();
    return IntStream.range(0, seeds.length).mapToObj(i -> DynamicTest.dynamicTest("seed " + seeds[i], () -> {
      for (int next = i; next < Math.min(seeds.length, i + parallelism); next++) {
        long seed = seeds[next];
        started.computeIfAbsent(next, k -> pool(parallelism).submit(() -> runAndRecord(seed, parallelism)));
      }
      CampaignRun.Result result = started.remove(i).get();
      assertThat(result.violations()).as(result.report()).isEmpty();
    }));
  }

  /** Runs one seed, adds it to the summary and writes its trace. */
  private static CampaignRun.Result runAndRecord(long seed, int parallelism) throws Exception {
    Duration cpuBefore = processCpu();
    CampaignRun.Result result = CampaignRun.run(seed);
    // the JVM's CPU over the seed is the seed's own cost only when seeds run one at a time
    System.out.println("seed " + seed + ": wall " + result.wall().toMillis() / 1000.0 + " s"
        + (parallelism == 1 ? ", process CPU " + processCpu().minus(cpuBefore).toMillis() / 1000.0 + " s" : ""));
    synchronized (RESULTS) {
      RESULTS.add(result);
    }
    summary(); // after every seed, so a long range that is stopped early still reports
    Path trace = Path.of("target", "fault-campaign", "seed-" + seed + ".txt");
    Files.createDirectories(trace.getParent());
    Files.writeString(trace, result.report() + "\n--- full trace ---\n" + String.join("\n", result.trace().lines()));
    return result;
  }

  private static synchronized ExecutorService pool(int parallelism) {
    if (pool == null) {
      AtomicInteger threads = new AtomicInteger();
      pool = Executors.newFixedThreadPool(parallelism, runnable -> {
        Thread thread = new Thread(runnable, "campaign-seed-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
    }
    return pool;
  }

  /** {@code campaign.parallelism}: how many seeds run at once (default 1). */
  private static int parallelism() {
    int parallelism = Integer.parseInt(System.getProperty("campaign.parallelism", "1").trim());
    if (parallelism < 1) {
      throw new IllegalArgumentException("campaign.parallelism must be at least 1, was " + parallelism);
    }
    return parallelism;
  }

  private static LongStream seeds() {
    String list = System.getProperty("campaign.seedList");
    if (list != null && !list.isBlank()) {
      return java.util.Arrays.stream(list.split(",")).map(String::trim).mapToLong(Long::parseLong);
    }
    String count = System.getProperty("campaign.seeds");
    if (count == null || count.isBlank()) {
      return CI_SEEDS.stream().mapToLong(Long::longValue);
    }
    long first = Long.parseLong(System.getProperty("campaign.firstSeed", "1"));
    return LongStream.range(first, first + Long.parseLong(count));
  }

  @AfterAll
  static void printSummary() throws Exception {
    synchronized (FaultCampaignTest.class) {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    System.out.println(Files.readString(Path.of("target", "fault-campaign", "summary.txt")));
  }

  static synchronized void summary() throws Exception {
    Map<String, Integer> faults = new TreeMap<>();
    Map<String, Long> checks = new TreeMap<>();
    Map<String, Integer> violated = new TreeMap<>();
    List<String> failing = new ArrayList<>();
    Duration wall = Duration.ZERO;
    Duration simulated = Duration.ZERO;
    List<CampaignRun.Result> results;
    synchronized (RESULTS) {
      results = List.copyOf(RESULTS);
    }
    for (CampaignRun.Result result : results) {
      result.faults().forEach((kind, n) -> faults.merge(kind, n, Integer::sum));
      result.checks().forEach((name, n) -> checks.merge(name, n, Long::sum));
      result.violations().forEach(v -> violated.merge(v.invariant(), 1, Integer::sum));
      if (!result.violations().isEmpty()) {
        failing.add(result.schedule().seed() + " " + result.violations().stream().map(Trace.Violation::invariant)
            .distinct().toList());
      }
      wall = wall.plus(result.wall());
      simulated = simulated.plus(result.simulated());
    }
    Duration cpu = processCpu().minus(CPU_AT_START);
    String summary = "fault campaign: " + results.size() + " runs (" + parallelism() + " at a time), elapsed "
        + Duration.ofNanos(System.nanoTime() - STARTED_NANOS).toSeconds() + " s, wall per run summed " + wall.toSeconds() + " s, simulated "
        + simulated.toSeconds() + " s, process CPU " + cpu.toSeconds() + " s ("
        + (results.isEmpty() ? 0 : cpu.toMillis() / results.size() / 1000.0) + " s per run)"
        + "\nsteps by kind: " + faults + "\ninvariant checks: " + checks
        + "\nviolations by invariant: " + violated + "\nfailing seeds: " + failing + "\n";
    Path file = Path.of("target", "fault-campaign", "summary.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, summary);
  }

  /** CPU time of the whole JVM (every thread, JIT and GC included) so far. */
  private static Duration processCpu() {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return Duration.ofNanos(os.getProcessCpuTime());
  }
}
