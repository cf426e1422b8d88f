package cloud.hyperbyte.operator.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 */
class FaultCampaignTest {

  /** The CI subset: a few minutes on two cores; 17 moves the Lease between two operators and faults S3. */
  static final List<Long> CI_SEEDS = List.of(16L, 30L, 49L, 17L);

  private static final List<CampaignRun.Result> RESULTS = new ArrayList<>();

  @TestFactory
  Stream<DynamicTest> everySeedKeepsTheInvariantsAndConverges() {
    return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
      CampaignRun.Result result = CampaignRun.run(seed);
      synchronized (RESULTS) {
        RESULTS.add(result);
      }
      summary(); // after every seed, so a long range that is stopped early still reports
      String report = result.report();
      Path trace = Path.of("target", "fault-campaign", "seed-" + seed + ".txt");
      Files.createDirectories(trace.getParent());
      Files.writeString(trace, report + "\n--- full trace ---\n" + String.join("\n", result.trace().lines()));
      assertThat(result.violations()).as(report).isEmpty();
    }));
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
    System.out.println(Files.readString(Path.of("target", "fault-campaign", "summary.txt")));
  }

  static synchronized void summary() throws Exception {
    Map<String, Integer> faults = new TreeMap<>();
    Map<String, Long> checks = new TreeMap<>();
    Map<String, Integer> violated = new TreeMap<>();
    List<String> failing = new ArrayList<>();
    Duration wall = Duration.ZERO;
    Duration simulated = Duration.ZERO;
    for (CampaignRun.Result result : RESULTS) {
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
    String summary = "fault campaign: " + RESULTS.size() + " runs, wall " + wall.toSeconds() + " s, simulated "
        + simulated.toSeconds() + " s\nsteps by kind: " + faults + "\ninvariant checks: " + checks
        + "\nviolations by invariant: " + violated + "\nfailing seeds: " + failing + "\n";
    Path file = Path.of("target", "fault-campaign", "summary.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, summary);
  }
}
